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

-- Covering indexes for the report: each serves one of its grouped scans in index order, so
-- SQLite neither sorts a million rows nor looks each one up in the table.
CREATE INDEX IF NOT EXISTS ix_token_events_report_dims ON token_events (stage, structure, role, model,
  usage_complete, status, ts, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens,
  cache_read_tokens, cost_nanos, duration_ms);
CREATE INDEX IF NOT EXISTS ix_token_events_report_task ON token_events (task_id, lane, ref_type, ref_id,
  usage_complete, ts, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens,
  cache_read_tokens, cost_nanos);
CREATE INDEX IF NOT EXISTS ix_token_events_report_time ON token_events (ts, usage_complete, input_tokens,
  output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, ts_start, ts_end,
  model);

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

