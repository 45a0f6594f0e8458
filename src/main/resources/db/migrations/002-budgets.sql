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

-- Hourly spend of the broad scopes (everything, each repo, workstream, agent and model), kept by
-- triggers in the same transaction as every change to token_events, so a budget over a month
-- of a busy ledger adds up ~720 rows instead of scanning hundreds of thousands of events. Tasks
-- and sessions have few events each and are read from their (column, ts) indexes directly.
CREATE TABLE IF NOT EXISTS spend_hourly (
  scope                    TEXT    NOT NULL,          -- global | repo | workstream | agent | model
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
  PRIMARY KEY (scope, scope_id, hour)
) WITHOUT ROWID;

-- Existing events go into the rollup before the triggers keep it (one transaction: no event slips between).
INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'global', '', substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
  SUM(usage_complete = 0)
FROM token_events GROUP BY substr(ts, 1, 13);

INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'repo', repo, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
  SUM(usage_complete = 0)
FROM token_events WHERE repo IS NOT NULL GROUP BY repo, substr(ts, 1, 13);

INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'workstream', workstream, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
  SUM(usage_complete = 0)
FROM token_events WHERE workstream IS NOT NULL GROUP BY workstream, substr(ts, 1, 13);

INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'agent', agent, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
  SUM(usage_complete = 0)
FROM token_events WHERE agent IS NOT NULL GROUP BY agent, substr(ts, 1, 13);

INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'model', model, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
  SUM(usage_complete = 0)
FROM token_events WHERE model IS NOT NULL GROUP BY model, substr(ts, 1, 13);

CREATE TRIGGER IF NOT EXISTS token_events_spend_insert AFTER INSERT ON token_events
BEGIN
  INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
  SELECT s.scope, s.scope_id, substr(NEW.ts, 1, 13), 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens,
    COALESCE(NEW.cost_nanos, 0), (NEW.cost_nanos IS NULL), (NEW.usage_complete = 0)
  FROM (SELECT 'global' AS scope, '' AS scope_id UNION ALL SELECT 'repo', NEW.repo
        UNION ALL SELECT 'workstream', NEW.workstream UNION ALL SELECT 'agent', NEW.agent
        UNION ALL SELECT 'model', NEW.model) AS s
  WHERE s.scope_id IS NOT NULL
  ON CONFLICT (scope, scope_id, hour) DO UPDATE SET events = events + excluded.events,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
END;

CREATE TRIGGER IF NOT EXISTS token_events_spend_delete AFTER DELETE ON token_events
BEGIN
  INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
  SELECT s.scope, s.scope_id, substr(OLD.ts, 1, 13), -1, -OLD.input_tokens, -OLD.output_tokens,
    -OLD.cache_creation_tokens, -OLD.cache_creation_1h_tokens, -OLD.cache_read_tokens,
    -COALESCE(OLD.cost_nanos, 0), -(OLD.cost_nanos IS NULL), -(OLD.usage_complete = 0)
  FROM (SELECT 'global' AS scope, '' AS scope_id UNION ALL SELECT 'repo', OLD.repo
        UNION ALL SELECT 'workstream', OLD.workstream UNION ALL SELECT 'agent', OLD.agent
        UNION ALL SELECT 'model', OLD.model) AS s
  WHERE s.scope_id IS NOT NULL
  ON CONFLICT (scope, scope_id, hour) DO UPDATE SET events = events + excluded.events,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
END;

CREATE TRIGGER IF NOT EXISTS token_events_spend_update AFTER UPDATE ON token_events
BEGIN
  INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
  SELECT s.scope, s.scope_id, substr(OLD.ts, 1, 13), -1, -OLD.input_tokens, -OLD.output_tokens,
    -OLD.cache_creation_tokens, -OLD.cache_creation_1h_tokens, -OLD.cache_read_tokens,
    -COALESCE(OLD.cost_nanos, 0), -(OLD.cost_nanos IS NULL), -(OLD.usage_complete = 0)
  FROM (SELECT 'global' AS scope, '' AS scope_id UNION ALL SELECT 'repo', OLD.repo
        UNION ALL SELECT 'workstream', OLD.workstream UNION ALL SELECT 'agent', OLD.agent
        UNION ALL SELECT 'model', OLD.model) AS s
  WHERE s.scope_id IS NOT NULL
  ON CONFLICT (scope, scope_id, hour) DO UPDATE SET events = events + excluded.events,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
  INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
  SELECT s.scope, s.scope_id, substr(NEW.ts, 1, 13), 1, NEW.input_tokens, NEW.output_tokens,
    NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens, NEW.cache_read_tokens,
    COALESCE(NEW.cost_nanos, 0), (NEW.cost_nanos IS NULL), (NEW.usage_complete = 0)
  FROM (SELECT 'global' AS scope, '' AS scope_id UNION ALL SELECT 'repo', NEW.repo
        UNION ALL SELECT 'workstream', NEW.workstream UNION ALL SELECT 'agent', NEW.agent
        UNION ALL SELECT 'model', NEW.model) AS s
  WHERE s.scope_id IS NOT NULL
  ON CONFLICT (scope, scope_id, hour) DO UPDATE SET events = events + excluded.events,
    input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_events = unpriced_events + excluded.unpriced_events,
    lower_bound_events = lower_bound_events + excluded.lower_bound_events;
END;
