-- Migration 16 -> 17: report_tasks_hourly keeps each bucket of tokens beside the total, so the lane
-- table can give tokens per record by bucket (input, output, cache writes, cache reads) as the report
-- skill's per-stage table does, from the cells rather than a scan of the window's events. The cells
-- hold the events a prune has not removed, so they are filled from those events, in one grouped pass.
ALTER TABLE report_tasks_hourly ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_tasks_hourly ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_tasks_hourly ADD COLUMN cache_creation_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_tasks_hourly ADD COLUMN cache_creation_1h_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_tasks_hourly ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
UPDATE report_tasks_hourly SET input_tokens = a.input_tokens, output_tokens = a.output_tokens,
  cache_creation_tokens = a.cache_creation_tokens, cache_creation_1h_tokens = a.cache_creation_1h_tokens,
  cache_read_tokens = a.cache_read_tokens
FROM (SELECT substr(ts, 1, 13) AS hour, COALESCE(task_id, '') AS task_id, COALESCE(lane, '') AS lane,
        COALESCE(ref_type, '') AS ref_type, COALESCE(ref_id, '') AS ref_id, SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens, SUM(cache_creation_tokens) AS cache_creation_tokens,
        SUM(cache_creation_1h_tokens) AS cache_creation_1h_tokens, SUM(cache_read_tokens) AS cache_read_tokens
      FROM token_events WHERE usage_complete = 1 GROUP BY 1, 2, 3, 4, 5) AS a
WHERE report_tasks_hourly.hour = a.hour AND report_tasks_hourly.task_id = a.task_id
  AND report_tasks_hourly.lane = a.lane AND report_tasks_hourly.ref_type = a.ref_type
  AND report_tasks_hourly.ref_id = a.ref_id;
