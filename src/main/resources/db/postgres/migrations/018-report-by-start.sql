-- Migration 17 -> 18 (PostgreSQL), as SQLite's: the report cuts its windows by when work started, as the report skill
-- does (a 23:50 -> 00:20 record belongs to the day it started): the report cells are keyed by the hour of
-- ts_start (ts when a record has none, or a later one), so they are rebuilt from the events the cells hold
-- (those no prune removed); report_dims_hourly also counts the records without a start, placed by ts.
-- The durations index carries ts_start so the window's reads stay on the index.
ALTER TABLE report_dims_hourly ADD COLUMN unstarted_records BIGINT NOT NULL DEFAULT 0;
DELETE FROM report_dims_hourly;
INSERT INTO report_dims_hourly (stage, structure, role, model, usage_complete, status, source, hour, records,
  input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos,
  unpriced_records, unstarted_records)
SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''), usage_complete, status,
  source, substr(CASE WHEN ts_start < ts THEN ts_start ELSE ts END, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens),
  SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0),
  COUNT(*) - COUNT(cost_nanos), COUNT(*) - COUNT(ts_start)
FROM token_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
DELETE FROM report_tasks_hourly;
INSERT INTO report_tasks_hourly (hour, task_id, lane, ref_type, ref_id, records, tokens, cost_nanos, unpriced_records,
  last_ts, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens)
SELECT substr(CASE WHEN ts_start < ts THEN ts_start ELSE ts END, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''), COALESCE(ref_type, ''),
  COALESCE(ref_id, ''), COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens
  + cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), MAX(ts), SUM(input_tokens),
  SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens)
FROM token_events WHERE usage_complete = 1 GROUP BY 1, 2, 3, 4, 5;
DROP INDEX IF EXISTS ix_token_events_report_durations;
CREATE INDEX IF NOT EXISTS ix_token_events_report_durations ON token_events (ts)
  INCLUDE (stage, structure, usage_complete, duration_ms, ts_start) WHERE duration_ms IS NOT NULL;
