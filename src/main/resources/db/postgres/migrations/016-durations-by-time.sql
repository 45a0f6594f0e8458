-- Migration 15 -> 16 (PostgreSQL): the durations index keyed by time, its groups and values carried
-- along (INCLUDE), so the report reads each half of its window with an index-only scan over only that
-- half, on two connections at once. Keyed by group first (SQLite's shape, which streams group_concat
-- without a sort), every half read the whole 1M-event table: measured on a 1M-event ledger, one read of
-- all durations 0.94 s, the two halves at once 0.37 s. PostgreSQL 15's string_agg cannot run in
-- parallel workers, so the halves are the parallelism. The index is half the size as well (76 vs 147 MB).
DROP INDEX IF EXISTS ix_token_events_report_durations;
CREATE INDEX IF NOT EXISTS ix_token_events_report_durations ON token_events (ts)
  INCLUDE (stage, structure, usage_complete, duration_ms) WHERE duration_ms IS NOT NULL;
