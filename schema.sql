-- tokenomics ledger schema: the single source of truth for a fresh ledger.
-- Applied at start when PRAGMA user_version is 0; existing ledgers move forward
-- through the numbered migrations in src/main/resources/db/migrations/ instead.
-- A test builds one ledger from this file and one from version 1 plus every
-- migration, and asserts the two have the same tables, columns and indexes.
--
-- Times are UTC ISO-8601 text with milliseconds ('2026-11-22T10:15:30.123Z'):
-- fixed width, so text order is time order and range filters use the indexes.
-- Money is integer nano-dollars (1e-9 USD): exact sums, no floating point.

CREATE TABLE IF NOT EXISTS token_events (
  id                       INTEGER PRIMARY KEY,
  record_key               TEXT    NOT NULL UNIQUE,   -- idempotency key: the same key again replaces the event
  ts                       TEXT    NOT NULL,          -- event time
  ts_start                 TEXT,
  ts_end                   TEXT,
  duration_ms              INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
  session_id               TEXT,
  task_id                  TEXT,
  workstream               TEXT,
  repo                     TEXT,
  agent                    TEXT,
  model                    TEXT,
  stage                    TEXT,
  role                     TEXT,
  structure                TEXT,                      -- spawn | inline | ...
  lane                     TEXT,
  ref_type                 TEXT,                      -- commit | pr | release | session | ...
  ref_id                   TEXT,
  input_tokens             INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens            INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cache_creation_tokens    INTEGER NOT NULL DEFAULT 0 CHECK (cache_creation_tokens >= 0),    -- 5-minute cache writes
  cache_creation_1h_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_creation_1h_tokens >= 0), -- 1-hour cache writes
  cache_read_tokens        INTEGER NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
  reported_cost_nanos      INTEGER,                   -- cost_usd as the caller gave it
  cost_nanos               INTEGER,                   -- computed from the price table; NULL = unpriced
  price_version            TEXT,                      -- which price table computed cost_nanos
  usage_complete           INTEGER NOT NULL DEFAULT 1 CHECK (usage_complete IN (0, 1)), -- 0: counts are a lower bound
  source                   TEXT    NOT NULL DEFAULT 'self_report', -- claude-code, codex, self-report, ... (always set by the writer; see migration 8)
  status                   TEXT    NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
  note                     TEXT,
  created_at               TEXT    NOT NULL,
  speed                    TEXT    CHECK (speed IS NULL OR speed IN ('standard', 'fast')), -- usage.speed; NULL: not said
  machine                  TEXT                       -- where it was recorded: --machine, TOKENOMICS_MACHINE or the host name
);

-- Secondary indexes, each for the queries it serves (checked with EXPLAIN QUERY PLAN; every entry
-- costs bytes on every event and work on every insert, so no index is kept that no query needs).
-- Scopes read from spend_hourly (budgets on global, repo, workstream, agent, model) or the report
-- cells need no event index; their hour edges are read through ix_token_events_ts.
-- ts: every window over the events (report from events, day sums, the usage views, dashboard, insights,
-- budget hour edges, summary with since/until), the event span, list_token_events, a prune's ts < cut.
CREATE INDEX IF NOT EXISTS ix_token_events_ts         ON token_events (ts);
-- task_id = ?: get_task, summary and budgets of a task. Partial: imported events carry no task.
CREATE INDEX IF NOT EXISTS ix_token_events_task       ON token_events (task_id, ts) WHERE task_id IS NOT NULL;
-- session_id = ?: summary and budgets of a session, a task's measured usage (session_id IN (...)). A
-- session's events are few enough to filter by ts without it in the key. Partial (migration 7): events
-- recorded outside a session (CLI loops, HTTP clients that send none) carry none.
CREATE INDEX IF NOT EXISTS ix_token_events_session    ON token_events (session_id) WHERE session_id IS NOT NULL;
-- ref_type = ? AND ref_id = ?: summary of a commit or release, record_ref's event count. Partial: most events
-- carry no ref.
CREATE INDEX IF NOT EXISTS ix_token_events_ref        ON token_events (ref_type, ref_id, ts) WHERE ref_id IS NOT NULL;

-- Rollups (running_totals, spend_hourly, report_dims_hourly, report_tasks_hourly) are kept by the
-- ledger's one writer (ledger/EventWriter), the only code that inserts, replaces or deletes
-- token_events rows: it adds a transaction's changes up per cell and writes each touched cell once,
-- in the same transaction. No triggers (migration 6): the rule lives in Java, where tests compare
-- every rollup with the GROUP BY it stands for.

-- Running totals per task and per workstream, all time (a prune leaves them alone). record_token_event
-- returns them on every call: summing a workstream's events each time would grow with the ledger.
CREATE TABLE IF NOT EXISTS running_totals (
  scope                    TEXT    NOT NULL CHECK (scope IN ('task', 'workstream')),
  scope_id                 TEXT    NOT NULL,
  events                   INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_creation_tokens    INTEGER NOT NULL,
  cache_creation_1h_tokens INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,          -- priced events only
  unpriced_events          INTEGER NOT NULL,
  lower_bound_events       INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS tasks (
  task_id     TEXT PRIMARY KEY,                       -- chosen by the caller, e.g. CUST-WP-0029-T01
  title       TEXT,
  status      TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'blocked', 'done', 'cancelled')),
  workstream  TEXT,
  repo        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_tasks_workstream ON tasks (workstream);

CREATE TABLE IF NOT EXISTS task_status_history (
  id           INTEGER PRIMARY KEY,
  task_id      TEXT NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
  from_status  TEXT,                                  -- NULL when the change created the task
  to_status    TEXT NOT NULL,
  note         TEXT,
  session_id   TEXT,
  event_id     INTEGER REFERENCES token_events (id) ON DELETE SET NULL, -- the token event recorded with the change
  ts           TEXT NOT NULL,
  origin       TEXT                                   -- on a hub: "machine/id" of a pushed change (migration 13)
);

CREATE INDEX IF NOT EXISTS ix_task_status_history_task ON task_status_history (task_id, ts);
-- A change pushed again is not added twice (sync).
CREATE UNIQUE INDEX IF NOT EXISTS ux_task_status_history_origin ON task_status_history (origin);

-- Budgets (issue 4): limits on what a scope may spend per calendar period, and the last alert
-- level announced for each budget and period, so a threshold crossing is announced exactly once
-- even when many server processes share the ledger.

CREATE TABLE IF NOT EXISTS budgets (
  name          TEXT PRIMARY KEY,
  scope         TEXT NOT NULL CHECK (scope IN ('global', 'repo', 'workstream', 'task', 'agent', 'model', 'session')),
  scope_id      TEXT,                                 -- NULL exactly when scope is global
  period        TEXT NOT NULL CHECK (period IN ('day', 'week', 'month', 'total')),
  timezone      TEXT NOT NULL DEFAULT 'UTC',          -- IANA zone that calendar periods follow
  limit_nanos   INTEGER CHECK (limit_nanos IS NULL OR limit_nanos > 0),   -- USD limit in nano-dollars
  limit_tokens  INTEGER CHECK (limit_tokens IS NULL OR limit_tokens > 0),
  thresholds    TEXT NOT NULL DEFAULT '50,75,90,100', -- percents for info, warning, critical, hard_stop
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (limit_nanos IS NOT NULL OR limit_tokens IS NOT NULL),
  CHECK ((scope = 'global') = (scope_id IS NULL))
);

CREATE INDEX IF NOT EXISTS ix_budgets_scope ON budgets (scope, scope_id);

CREATE TABLE IF NOT EXISTS budget_alerts (
  budget_name   TEXT NOT NULL REFERENCES budgets (name) ON DELETE CASCADE,
  period_start  TEXT NOT NULL,                        -- the period's first instant, UTC ('total': the epoch)
  level_rank    INTEGER NOT NULL,                     -- 0 ok, 1 info, 2 warning, 3 critical, 4 hard_stop
  announced_at  TEXT NOT NULL,
  PRIMARY KEY (budget_name, period_start)
);

-- Hourly spend of the broad scopes (everything, each repo, workstream, agent, model and source), kept by
-- the writer with every change to token_events but prunes, so a budget over a month
-- of a busy ledger adds up ~720 rows instead of scanning hundreds of thousands of events. Tasks
-- and sessions have few events each and are read from their (column, ts) indexes directly.
-- Keyed by hour first (migration 15): the six cells one event adds to sit side by side, so a record
-- call's commit writes one page of this table instead of six (a page a commit costs ~10 us here).
-- A budget's scope reads through ix_spend_hourly_scope, which an update of an existing cell never
-- touches (its key does not change): only the first event of a scope in an hour writes it.
CREATE TABLE IF NOT EXISTS spend_hourly (
  scope                    TEXT    NOT NULL,          -- global | repo | workstream | agent | model | source
  scope_id                 TEXT    NOT NULL,          -- '' for global
  hour                     TEXT    NOT NULL,          -- UTC hour of ts: 'YYYY-MM-DDTHH'
  events                   INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_creation_tokens    INTEGER NOT NULL,
  cache_creation_1h_tokens INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,          -- priced events only, as in token_events sums
  unpriced_events          INTEGER NOT NULL,
  lower_bound_events       INTEGER NOT NULL,
  PRIMARY KEY (hour, scope, scope_id)
) WITHOUT ROWID;

-- scope = ? AND scope_id = ? AND hour in a window: a budget's spend.
CREATE INDEX IF NOT EXISTS ix_spend_hourly_scope ON spend_hourly (scope, scope_id, hour);

-- The report (issue 3): refs with size, per-day rollups that outlive pruning, the prune log.

-- Refs with size: a commit, pull request or release and the lines it changed, so a report can
-- divide cost by LOC. Events join refs by (ref_type, ref_id); record_ref and `refs import-git`
-- upsert them (last write wins).
CREATE TABLE IF NOT EXISTS refs (
  ref_type     TEXT    NOT NULL,                      -- commit | pr | release | ...
  ref_id       TEXT    NOT NULL,                      -- full commit SHA, bare PR number, tag
  repo         TEXT,
  title        TEXT,
  loc_added    INTEGER NOT NULL DEFAULT 0 CHECK (loc_added >= 0),
  loc_removed  INTEGER NOT NULL DEFAULT 0 CHECK (loc_removed >= 0),
  merged_at    TEXT,                                  -- when it landed; orders "the N most recent refs"
  source       TEXT    NOT NULL DEFAULT 'manual',     -- manual | git
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  PRIMARY KEY (ref_type, ref_id)
);

CREATE INDEX IF NOT EXISTS ix_refs_merged_at ON refs (merged_at);

-- One row per local day and timezone: the day's totals over complete records, kept after the raw
-- events are pruned. A snapshot replaces a day's row (last write wins).
CREATE TABLE IF NOT EXISTS daily_rollups (
  day                         TEXT    NOT NULL,       -- YYYY-MM-DD in timezone
  timezone                    TEXT    NOT NULL,       -- IANA id the day was cut in
  records                     INTEGER NOT NULL,       -- complete records (usage_complete = 1)
  lower_bound_records         INTEGER NOT NULL,       -- usage_complete = 0, left out of the sums below
  priced_records              INTEGER NOT NULL,
  input_tokens                INTEGER NOT NULL,
  output_tokens               INTEGER NOT NULL,
  cache_creation_tokens       INTEGER NOT NULL,
  cache_creation_1h_tokens    INTEGER NOT NULL,
  cache_read_tokens           INTEGER NOT NULL,
  input_cost_nanos            INTEGER NOT NULL,
  output_cost_nanos           INTEGER NOT NULL,
  cache_creation_cost_nanos   INTEGER NOT NULL,
  cache_creation_1h_cost_nanos INTEGER NOT NULL,
  cache_read_cost_nanos       INTEGER NOT NULL,
  cost_nanos                  INTEGER NOT NULL,
  active_loc                  INTEGER,                -- LOC of the known refs the day's events carry; NULL: none
  snapshot_at                 TEXT    NOT NULL,
  PRIMARY KEY (day, timezone)
);

-- Each prune: raw events before before_ts were deleted, so snapshots never rewrite those days.
CREATE TABLE IF NOT EXISTS prunes (
  id              INTEGER PRIMARY KEY,
  before_ts       TEXT    NOT NULL,
  timezone        TEXT    NOT NULL,
  deleted_events  INTEGER NOT NULL,
  pruned_at       TEXT    NOT NULL
);

-- Hourly sums for the report, kept by the writer with every change to token_events, prunes
-- included (a cell whose records reach 0 is deleted): a report over a million events adds up a few hundred thousand cells instead of
-- reading every event. UTC hours, so a window cut in any whole-hour timezone is a range of cells
-- (other zones read the events themselves). '' stands for a missing value (ids are never blank).
CREATE TABLE IF NOT EXISTS report_dims_hourly (
  stage                    TEXT    NOT NULL,
  structure                TEXT    NOT NULL,
  role                     TEXT    NOT NULL,
  model                    TEXT    NOT NULL,
  usage_complete           INTEGER NOT NULL,
  status                   TEXT    NOT NULL,
  source                   TEXT    NOT NULL,          -- self-report, claude-code, codex, ...: measured beside self-reported
  hour                     TEXT    NOT NULL,          -- UTC hour the work started (ts_start, else ts): 'YYYY-MM-DDTHH'
  records                  INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_creation_tokens    INTEGER NOT NULL,
  cache_creation_1h_tokens INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,          -- priced records only
  unpriced_records         INTEGER NOT NULL,
  unstarted_records        INTEGER NOT NULL DEFAULT 0, -- no ts_start: placed by ts (migration 18)
  PRIMARY KEY (stage, structure, role, model, usage_complete, status, source, hour)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_report_dims_hourly_hour ON report_dims_hourly (hour);

-- Complete records only (usage_complete = 1): the per-task, per-ref and per-day cost tables.
CREATE TABLE IF NOT EXISTS report_tasks_hourly (
  hour                     TEXT    NOT NULL,
  task_id                  TEXT    NOT NULL,
  lane                     TEXT    NOT NULL,
  ref_type                 TEXT    NOT NULL,
  ref_id                   TEXT    NOT NULL,
  records                  INTEGER NOT NULL,
  tokens                   INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,
  unpriced_records         INTEGER NOT NULL,
  last_ts                  TEXT    NOT NULL,          -- latest ts added (not lowered by a delete)
  -- the tokens by bucket (migration 17): the lane table's per-record columns
  input_tokens             INTEGER NOT NULL DEFAULT 0,
  output_tokens            INTEGER NOT NULL DEFAULT 0,
  cache_creation_tokens    INTEGER NOT NULL DEFAULT 0,
  cache_creation_1h_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, task_id, lane, ref_type, ref_id)
) WITHOUT ROWID;

-- What the report still reads from the events themselves: durations for medians and intervals for
-- the concurrency sweep, each from a narrow partial index over just the events that have one.
CREATE INDEX IF NOT EXISTS ix_token_events_report_durations ON token_events (stage, structure, usage_complete, ts,
  ts_start, duration_ms) WHERE duration_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_token_events_report_spans ON token_events (ts, ts_start, ts_end)
  WHERE ts_start < ts_end;

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
  updated_at    TEXT    NOT NULL,
  tail_hash     TEXT                                  -- SHA-256 of the bytes [max(0, offset - 4096), offset); NULL before v5
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

-- The price table the stored costs (token_events.cost_nanos and every rollup) were computed with. One
-- row, written by the first write (ledger/Repricer); a command whose table differs reprices first.
CREATE TABLE IF NOT EXISTS price_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT    NOT NULL,                       -- PriceTable.fingerprint()
  source      TEXT    NOT NULL,                       -- the layers, as prices show names them
  date        TEXT,                                   -- the base table's date; NULL when undated
  updated_at  TEXT    NOT NULL,
  -- A reprice under way, a chunk of events per transaction (migration 12): the table it moves the stored
  -- costs to, the last event id done, and from which id every event is checked whatever its model.
  pending_fingerprint TEXT,
  pending_source      TEXT,
  pending_date        TEXT,
  pending_after       INTEGER,
  pending_beat        TEXT,                             -- a looping repricer's last chunk: it is alive
  pending_all_from    INTEGER,
  -- The lowest id of an event written while the stored costs followed another table than the
  -- writer's: from there the next reprice checks every event. NULL when none.
  stale_from          INTEGER
);

-- Per model and speed, the rates its stored costs were computed with (ModelPrice.ratesKey(); NULL:
-- unpriced): a new table reprices only the events whose model's rates it changes.
CREATE TABLE IF NOT EXISTS price_models (
  model       TEXT    NOT NULL,
  fast        INTEGER NOT NULL CHECK (fast IN (0, 1)),
  rates       TEXT,
  PRIMARY KEY (model, fast)
) WITHOUT ROWID;

-- How far `tokenomics sync` has pushed this ledger to each hub: the largest token_events id the hub
-- acknowledged. Advanced only after the hub's answer, so a killed sync pushes the rest again (the
-- hub's writes are idempotent) and never skips.
CREATE TABLE IF NOT EXISTS sync_state (
  hub           TEXT    PRIMARY KEY,                  -- the hub's push URL
  last_event_id INTEGER NOT NULL,
  pushed_events INTEGER NOT NULL,                     -- events the hub acknowledged, all runs
  updated_at    TEXT    NOT NULL,
  last_change_id INTEGER NOT NULL DEFAULT 0,              -- task status changes acknowledged (migration 13)
  refs_since    TEXT                                  -- updated_at of the newest ref acknowledged
);

-- The models (and speeds) whose events the pending reprice checks: those whose rates differ.
CREATE TABLE IF NOT EXISTS price_pending_models (
  model       TEXT    NOT NULL,
  fast        INTEGER NOT NULL CHECK (fast IN (0, 1)),
  PRIMARY KEY (model, fast)
) WITHOUT ROWID;

-- OTLP intake state (migration 11).
-- The last value seen of each cumulative token-usage series (a metric name, its resource and point
-- attributes, hashed): a cumulative point counts only what it adds to this. Delta series need no state
-- (each point is its interval's increment; its record key makes a retry a copy).
CREATE TABLE IF NOT EXISTS otlp_series (
  series_key    TEXT    PRIMARY KEY,
  start_nanos   INTEGER NOT NULL,                     -- start_time_unix_nano of the series as last seen
  time_nanos    INTEGER NOT NULL,                     -- time_unix_nano of the last point counted
  value         INTEGER NOT NULL,                     -- its value, in tokens
  updated_at    TEXT    NOT NULL
);

-- Per session, the most measured kind of OTLP usage that arrived for it: log (per-request events such as
-- claude_code.api_request), span (GenAI spans), metric (interval sums). Only that kind counts for the
-- session; the others are left out, and removed when a better kind arrives after them.
CREATE TABLE IF NOT EXISTS otlp_sessions (
  session_id    TEXT    PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('log', 'span', 'metric')),
  updated_at    TEXT    NOT NULL
);

PRAGMA user_version = 18;
