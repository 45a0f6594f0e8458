-- Migration 14 -> 15 (PostgreSQL): the same keys as SQLite's migration 15, so both dialects keep one
-- schema: the primary key by hour first (the dashboard's window scan) and ix_spend_hourly_scope for a
-- budget's scope. On SQLite the order decides which pages a commit writes; a PostgreSQL table is a heap
-- whatever its key, and an update that keeps every indexed column (a HOT update) touches neither index.
ALTER TABLE spend_hourly DROP CONSTRAINT spend_hourly_pkey;
ALTER TABLE spend_hourly ADD PRIMARY KEY (hour, scope, scope_id);
CREATE INDEX IF NOT EXISTS ix_spend_hourly_scope ON spend_hourly (scope, scope_id, hour);
