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
