-- Migration 12 -> 13 (PostgreSQL: BIGINT and COLLATE "C" as in schema-postgres.sql): `tokenomics sync` also pushes task status changes and refs (issue 13).

-- How far each hub has the task status changes (the last history id it acknowledged) and the refs
-- (the updated_at of the newest ref it acknowledged; refs change in place, so by time, not by id).
ALTER TABLE sync_state ADD COLUMN last_change_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN refs_since TEXT COLLATE "C";

-- On a hub: where a pushed status change came from, "machine/its id there", so a change pushed
-- again (a retry, a re-run after a kill) is not added twice. NULL for changes made on this ledger.
ALTER TABLE task_status_history ADD COLUMN origin TEXT COLLATE "C";
CREATE UNIQUE INDEX IF NOT EXISTS ux_task_status_history_origin ON task_status_history (origin);
