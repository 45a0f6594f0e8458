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
  source                   TEXT    NOT NULL DEFAULT 'self_report',
  status                   TEXT    NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
  note                     TEXT,
  created_at               TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_token_events_ts         ON token_events (ts);
CREATE INDEX IF NOT EXISTS ix_token_events_task       ON token_events (task_id, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_workstream ON token_events (workstream, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_repo       ON token_events (repo, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_session    ON token_events (session_id, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_ref        ON token_events (ref_type, ref_id, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_model      ON token_events (model, ts);
CREATE INDEX IF NOT EXISTS ix_token_events_agent      ON token_events (agent, ts);

-- Running totals per task and per workstream, kept by triggers in the same transaction as every
-- insert, replace or delete of an event, whatever code path writes it. record_token_event returns
-- them on every call: summing a workstream's events each time would grow with the ledger.
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

CREATE TRIGGER IF NOT EXISTS token_events_totals_insert AFTER INSERT ON token_events
BEGIN
  INSERT INTO running_totals SELECT 'task', NEW.task_id, 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.usage_complete = 0
  WHERE NEW.task_id IS NOT NULL
  ON CONFLICT (scope, scope_id) DO UPDATE SET events = events + 1,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
  INSERT INTO running_totals SELECT 'workstream', NEW.workstream, 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.usage_complete = 0
  WHERE NEW.workstream IS NOT NULL
  ON CONFLICT (scope, scope_id) DO UPDATE SET events = events + 1,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
END;

CREATE TRIGGER IF NOT EXISTS token_events_totals_delete AFTER DELETE ON token_events
BEGIN
  UPDATE running_totals SET events = events - 1,
    input_tokens = input_tokens - OLD.input_tokens, output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_events = unpriced_events - (OLD.cost_nanos IS NULL),
    lower_bound_events = lower_bound_events - (OLD.usage_complete = 0)
  WHERE scope = 'task' AND scope_id = OLD.task_id;
  UPDATE running_totals SET events = events - 1,
    input_tokens = input_tokens - OLD.input_tokens, output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_events = unpriced_events - (OLD.cost_nanos IS NULL),
    lower_bound_events = lower_bound_events - (OLD.usage_complete = 0)
  WHERE scope = 'workstream' AND scope_id = OLD.workstream;
END;

CREATE TRIGGER IF NOT EXISTS token_events_totals_update AFTER UPDATE ON token_events
BEGIN
  UPDATE running_totals SET events = events - 1,
    input_tokens = input_tokens - OLD.input_tokens, output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_events = unpriced_events - (OLD.cost_nanos IS NULL),
    lower_bound_events = lower_bound_events - (OLD.usage_complete = 0)
  WHERE scope = 'task' AND scope_id = OLD.task_id;
  UPDATE running_totals SET events = events - 1,
    input_tokens = input_tokens - OLD.input_tokens, output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_events = unpriced_events - (OLD.cost_nanos IS NULL),
    lower_bound_events = lower_bound_events - (OLD.usage_complete = 0)
  WHERE scope = 'workstream' AND scope_id = OLD.workstream;
  INSERT INTO running_totals SELECT 'task', NEW.task_id, 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.usage_complete = 0
  WHERE NEW.task_id IS NOT NULL
  ON CONFLICT (scope, scope_id) DO UPDATE SET events = events + 1,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
  INSERT INTO running_totals SELECT 'workstream', NEW.workstream, 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.usage_complete = 0
  WHERE NEW.workstream IS NOT NULL
  ON CONFLICT (scope, scope_id) DO UPDATE SET events = events + 1,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
END;

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
  ts           TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_task_status_history_task ON task_status_history (task_id, ts);

PRAGMA user_version = 1;
