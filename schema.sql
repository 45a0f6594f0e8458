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

PRAGMA user_version = 2;
