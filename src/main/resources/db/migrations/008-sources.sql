-- Migration 7 -> 8: one source name per agent (issue 14), and cursors for the agents after Claude Code.

-- Every event names the agent (or door) it came from: claude-code, codex, gemini-cli, opencode, otlp,
-- workflow, self-report. Claude Code's sidechain copies keep their own name, claude-code/sidechain, so a
-- later main-chain copy of the same message can still take their place. The mapping is one to one, so
-- the rollup keyed by source (report_dims_hourly) is renamed cell for cell: no two cells merge and no
-- number moves. (token_events.source keeps its old column DEFAULT: changing a default needs a table
-- rebuild, and the writer always sets the source.)
UPDATE token_events SET source = CASE source
    WHEN 'self_report' THEN 'self-report'
    WHEN 'transcript' THEN 'claude-code'
    WHEN 'transcript_sidechain' THEN 'claude-code/sidechain'
    ELSE source END
  WHERE source IN ('self_report', 'transcript', 'transcript_sidechain');
UPDATE report_dims_hourly SET source = CASE source
    WHEN 'self_report' THEN 'self-report'
    WHEN 'transcript' THEN 'claude-code'
    WHEN 'transcript_sidechain' THEN 'claude-code/sidechain'
    ELSE source END
  WHERE source IN ('self_report', 'transcript', 'transcript_sidechain');

-- Where each file of a source other than Claude Code (which keeps transcript_files) stopped: the
-- offset of the last complete line read, and the reader's state there (JSON: model, cumulative totals,
-- ...), so a grown file is read from its offset with the counting rules intact.
CREATE TABLE IF NOT EXISTS import_state (
  source        TEXT    NOT NULL,                     -- codex, ...
  path          TEXT    NOT NULL,                     -- absolute path as read
  size          INTEGER NOT NULL,                     -- bytes when last read
  mtime_ms      INTEGER NOT NULL,
  offset        INTEGER NOT NULL,                     -- end of the last complete line consumed
  head_hash     TEXT    NOT NULL,                     -- SHA-256 of the first min(4096, offset) bytes
  lines         INTEGER NOT NULL,                     -- complete lines consumed so far
  malformed     INTEGER NOT NULL,                     -- of which malformed
  state         TEXT,                                 -- the reader's carry-over at offset, JSON
  updated_at    TEXT    NOT NULL,
  PRIMARY KEY (source, path)
) WITHOUT ROWID;

-- Claude Code workflow runs (wf_*.json telemetry): what each run says of itself, beside its agents'
-- events (source workflow, ref_type workflow_run, ref_id the run id): the reported total is what the
-- agents' tokens are checked against.
CREATE TABLE IF NOT EXISTS workflow_runs (
  run_id        TEXT    PRIMARY KEY,
  workflow      TEXT,
  status        TEXT,                                 -- as the run reports it: completed, failed, ...
  total_tokens  INTEGER NOT NULL,                     -- the run's own totalTokens
  path          TEXT    NOT NULL,                     -- the file it was read from
  updated_at    TEXT    NOT NULL
);
