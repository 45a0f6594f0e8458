-- Migration 3 -> 4: transcript cursors and sessions.

-- Claude Code transcripts (issue 5): where each transcript file's import stopped, and the sessions
-- they describe. A file's new lines, its events and its cursor commit in one transaction, so an
-- import killed at any moment resumes with no duplicate and no gap.
CREATE TABLE IF NOT EXISTS transcript_files (
  path          TEXT    PRIMARY KEY,                  -- absolute path as read
  size          INTEGER NOT NULL,                     -- bytes when last read
  mtime_ms      INTEGER NOT NULL,
  file_key      TEXT,                                 -- inode or other identity; NULL when the OS gives none
  offset        INTEGER NOT NULL,                     -- end of the last complete line consumed
  head_hash     TEXT    NOT NULL,                     -- SHA-256 of the first min(4096, offset) bytes
  lines         INTEGER NOT NULL,                     -- complete lines consumed so far
  malformed     INTEGER NOT NULL,                     -- of which malformed
  session_id    TEXT,
  project       TEXT,
  agent_id      TEXT,                                 -- subagent id for projects/<p>/<session>/subagents/agent-<id>.jsonl
  updated_at    TEXT    NOT NULL
);

-- One row per session and agent ('' for the main conversation): what the transcripts say of it.
CREATE TABLE IF NOT EXISTS sessions (
  session_id    TEXT    NOT NULL,
  agent_id      TEXT    NOT NULL DEFAULT '',
  project       TEXT,                                 -- the folder under projects/ (cwd with '/' as '-')
  cwd           TEXT,
  git_branch    TEXT,
  version       TEXT,                                 -- Claude Code version
  first_ts      TEXT    NOT NULL,
  last_ts       TEXT    NOT NULL,
  subagent      INTEGER NOT NULL CHECK (subagent IN (0, 1)),
  PRIMARY KEY (session_id, agent_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_sessions_cwd ON sessions (cwd, first_ts);

-- Usage views read imported events by time.
CREATE INDEX IF NOT EXISTS ix_token_events_source ON token_events (source, ts);
