-- Migration 2 -> 3: refs with LOC, per-day rollups, prune log and the report's covering indexes.

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

-- Set only inside a prune's transaction (so no other connection ever sees it): while it holds a
-- row, deleting events leaves running_totals and spend_hourly alone. A task's all-time totals and
-- a budget's spend must not shrink because old raw events were pruned; their days live on in
-- daily_rollups.
CREATE TABLE IF NOT EXISTS pruning (
  active INTEGER PRIMARY KEY CHECK (active = 1)
);

-- Hourly sums for the report, kept by triggers in the same transaction as every change to
-- token_events: a report over a million events adds up a few hundred thousand cells instead of
-- reading every event. UTC hours, so a window cut in any whole-hour timezone is a range of cells
-- (other zones read the events themselves). '' stands for a missing value (ids are never blank).
CREATE TABLE IF NOT EXISTS report_dims_hourly (
  stage                    TEXT    NOT NULL,
  structure                TEXT    NOT NULL,
  role                     TEXT    NOT NULL,
  model                    TEXT    NOT NULL,
  usage_complete           INTEGER NOT NULL,
  status                   TEXT    NOT NULL,
  source                   TEXT    NOT NULL,          -- self_report, transcript, ...: measured beside self-reported
  hour                     TEXT    NOT NULL,          -- UTC hour of ts: 'YYYY-MM-DDTHH'
  records                  INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_creation_tokens    INTEGER NOT NULL,
  cache_creation_1h_tokens INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,          -- priced records only
  unpriced_records         INTEGER NOT NULL,
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
  PRIMARY KEY (hour, task_id, lane, ref_type, ref_id)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS token_events_report_insert AFTER INSERT ON token_events
BEGIN
  INSERT INTO report_dims_hourly VALUES (COALESCE(NEW.stage, ''), COALESCE(NEW.structure, ''),
    COALESCE(NEW.role, ''), COALESCE(NEW.model, ''), NEW.usage_complete, NEW.status, NEW.source, substr(NEW.ts, 1, 13), 1,
    NEW.input_tokens, NEW.output_tokens, NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens,
    NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0), NEW.cost_nanos IS NULL)
  ON CONFLICT DO UPDATE SET records = records + 1, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_records = unpriced_records + excluded.unpriced_records;
  INSERT INTO report_tasks_hourly SELECT substr(NEW.ts, 1, 13), COALESCE(NEW.task_id, ''), COALESCE(NEW.lane, ''),
    COALESCE(NEW.ref_type, ''), COALESCE(NEW.ref_id, ''), 1, NEW.input_tokens + NEW.output_tokens
    + NEW.cache_creation_tokens + NEW.cache_creation_1h_tokens + NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.ts
  WHERE NEW.usage_complete = 1
  ON CONFLICT DO UPDATE SET records = records + 1, tokens = tokens + excluded.tokens,
    cost_nanos = cost_nanos + excluded.cost_nanos, unpriced_records = unpriced_records + excluded.unpriced_records,
    last_ts = max(last_ts, excluded.last_ts);
END;

CREATE TRIGGER IF NOT EXISTS token_events_report_delete AFTER DELETE ON token_events
BEGIN
  UPDATE report_dims_hourly SET records = records - 1, input_tokens = input_tokens - OLD.input_tokens,
    output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_records = unpriced_records - (OLD.cost_nanos IS NULL)
  WHERE stage = COALESCE(OLD.stage, '') AND structure = COALESCE(OLD.structure, '') AND role = COALESCE(OLD.role, '')
    AND model = COALESCE(OLD.model, '') AND usage_complete = OLD.usage_complete AND status = OLD.status
    AND source = OLD.source AND hour = substr(OLD.ts, 1, 13);
  DELETE FROM report_dims_hourly WHERE stage = COALESCE(OLD.stage, '') AND structure = COALESCE(OLD.structure, '')
    AND role = COALESCE(OLD.role, '') AND model = COALESCE(OLD.model, '') AND usage_complete = OLD.usage_complete
    AND status = OLD.status AND source = OLD.source AND hour = substr(OLD.ts, 1, 13) AND records = 0;
  UPDATE report_tasks_hourly SET records = records - 1, tokens = tokens - (OLD.input_tokens + OLD.output_tokens
    + OLD.cache_creation_tokens + OLD.cache_creation_1h_tokens + OLD.cache_read_tokens),
    cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0), unpriced_records = unpriced_records - (OLD.cost_nanos IS NULL)
  WHERE OLD.usage_complete = 1 AND hour = substr(OLD.ts, 1, 13) AND task_id = COALESCE(OLD.task_id, '')
    AND lane = COALESCE(OLD.lane, '') AND ref_type = COALESCE(OLD.ref_type, '') AND ref_id = COALESCE(OLD.ref_id, '');
  DELETE FROM report_tasks_hourly WHERE hour = substr(OLD.ts, 1, 13) AND task_id = COALESCE(OLD.task_id, '')
    AND lane = COALESCE(OLD.lane, '') AND ref_type = COALESCE(OLD.ref_type, '') AND ref_id = COALESCE(OLD.ref_id, '')
    AND records = 0;
END;

CREATE TRIGGER IF NOT EXISTS token_events_report_update AFTER UPDATE ON token_events
BEGIN
  UPDATE report_dims_hourly SET records = records - 1, input_tokens = input_tokens - OLD.input_tokens,
    output_tokens = output_tokens - OLD.output_tokens,
    cache_creation_tokens = cache_creation_tokens - OLD.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens - OLD.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens, cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0),
    unpriced_records = unpriced_records - (OLD.cost_nanos IS NULL)
  WHERE stage = COALESCE(OLD.stage, '') AND structure = COALESCE(OLD.structure, '') AND role = COALESCE(OLD.role, '')
    AND model = COALESCE(OLD.model, '') AND usage_complete = OLD.usage_complete AND status = OLD.status
    AND source = OLD.source AND hour = substr(OLD.ts, 1, 13);
  DELETE FROM report_dims_hourly WHERE stage = COALESCE(OLD.stage, '') AND structure = COALESCE(OLD.structure, '')
    AND role = COALESCE(OLD.role, '') AND model = COALESCE(OLD.model, '') AND usage_complete = OLD.usage_complete
    AND status = OLD.status AND source = OLD.source AND hour = substr(OLD.ts, 1, 13) AND records = 0;
  UPDATE report_tasks_hourly SET records = records - 1, tokens = tokens - (OLD.input_tokens + OLD.output_tokens
    + OLD.cache_creation_tokens + OLD.cache_creation_1h_tokens + OLD.cache_read_tokens),
    cost_nanos = cost_nanos - COALESCE(OLD.cost_nanos, 0), unpriced_records = unpriced_records - (OLD.cost_nanos IS NULL)
  WHERE OLD.usage_complete = 1 AND hour = substr(OLD.ts, 1, 13) AND task_id = COALESCE(OLD.task_id, '')
    AND lane = COALESCE(OLD.lane, '') AND ref_type = COALESCE(OLD.ref_type, '') AND ref_id = COALESCE(OLD.ref_id, '');
  DELETE FROM report_tasks_hourly WHERE hour = substr(OLD.ts, 1, 13) AND task_id = COALESCE(OLD.task_id, '')
    AND lane = COALESCE(OLD.lane, '') AND ref_type = COALESCE(OLD.ref_type, '') AND ref_id = COALESCE(OLD.ref_id, '')
    AND records = 0;
  INSERT INTO report_dims_hourly VALUES (COALESCE(NEW.stage, ''), COALESCE(NEW.structure, ''),
    COALESCE(NEW.role, ''), COALESCE(NEW.model, ''), NEW.usage_complete, NEW.status, NEW.source, substr(NEW.ts, 1, 13), 1,
    NEW.input_tokens, NEW.output_tokens, NEW.cache_creation_tokens, NEW.cache_creation_1h_tokens,
    NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0), NEW.cost_nanos IS NULL)
  ON CONFLICT DO UPDATE SET records = records + 1, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens,
    cache_creation_1h_tokens = cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cost_nanos = cost_nanos + excluded.cost_nanos,
    unpriced_records = unpriced_records + excluded.unpriced_records;
  INSERT INTO report_tasks_hourly SELECT substr(NEW.ts, 1, 13), COALESCE(NEW.task_id, ''), COALESCE(NEW.lane, ''),
    COALESCE(NEW.ref_type, ''), COALESCE(NEW.ref_id, ''), 1, NEW.input_tokens + NEW.output_tokens
    + NEW.cache_creation_tokens + NEW.cache_creation_1h_tokens + NEW.cache_read_tokens, COALESCE(NEW.cost_nanos, 0),
    NEW.cost_nanos IS NULL, NEW.ts
  WHERE NEW.usage_complete = 1
  ON CONFLICT DO UPDATE SET records = records + 1, tokens = tokens + excluded.tokens,
    cost_nanos = cost_nanos + excluded.cost_nanos, unpriced_records = unpriced_records + excluded.unpriced_records,
    last_ts = max(last_ts, excluded.last_ts);
END;

-- What the report still reads from the events themselves: durations for medians and intervals for
-- the concurrency sweep, each from a narrow partial index over just the events that have one.
CREATE INDEX IF NOT EXISTS ix_token_events_report_durations ON token_events (stage, structure, usage_complete, ts,
  duration_ms) WHERE duration_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_token_events_report_spans ON token_events (ts, ts_start, ts_end)
  WHERE ts_start < ts_end;

-- Ledgers from before this migration: their events into the cells.
INSERT INTO report_dims_hourly
SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''), usage_complete, status,
  source, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL)
FROM token_events
GROUP BY COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''), usage_complete, status,
  source, substr(ts, 1, 13);

INSERT INTO report_tasks_hourly
SELECT substr(ts, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''), COALESCE(ref_type, ''), COALESCE(ref_id, ''),
  COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens),
  COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL), MAX(ts)
FROM token_events
WHERE usage_complete = 1
GROUP BY substr(ts, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''), COALESCE(ref_type, ''), COALESCE(ref_id, '');

-- Pruning must not shrink running totals or hourly spend: the delete triggers skip while a prune runs.
DROP TRIGGER IF EXISTS token_events_totals_delete;

CREATE TRIGGER IF NOT EXISTS token_events_totals_delete AFTER DELETE ON token_events
WHEN NOT EXISTS (SELECT 1 FROM pruning)
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

DROP TRIGGER IF EXISTS token_events_spend_delete;

CREATE TRIGGER IF NOT EXISTS token_events_spend_delete AFTER DELETE ON token_events
WHEN NOT EXISTS (SELECT 1 FROM pruning)
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

