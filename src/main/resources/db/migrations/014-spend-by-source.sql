-- Migration 13 -> 14: spend_hourly also keeps each source (agent CLI), so the dashboard's first
-- answer breaks spend down by source from the rollup (issue 17). Existing events go in now; events
-- pruned before this migration are no longer there to add, so a source's spend starts at the oldest
-- event kept (the global and other scopes keep what they had).
-- Rebuilt whole: a writer that ran during the earlier migrations (migration 10's machine stamp) may
-- have left empty source cells.
DELETE FROM spend_hourly WHERE scope = 'source';
INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens,
  cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT 'source', source, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
  SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0),
  SUM(CASE WHEN cost_nanos IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN usage_complete = 0 THEN 1 ELSE 0 END)
FROM token_events WHERE source IS NOT NULL GROUP BY source, substr(ts, 1, 13);
