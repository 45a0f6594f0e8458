-- Migration 5 -> 6: the rollups are kept by the ledger's one writer (ledger/EventWriter), not by triggers.
-- Each trigger wrote one upsert per cell per event: 9 statements for every inserted row. The writer adds
-- a transaction's changes up per cell and writes each touched cell once, in the same transaction.
-- The rollups were kept by the triggers up to this transaction, so they stay as they are: no number moves.
DROP TRIGGER IF EXISTS token_events_totals_insert;
DROP TRIGGER IF EXISTS token_events_totals_delete;
DROP TRIGGER IF EXISTS token_events_totals_update;
DROP TRIGGER IF EXISTS token_events_spend_insert;
DROP TRIGGER IF EXISTS token_events_spend_delete;
DROP TRIGGER IF EXISTS token_events_spend_update;
DROP TRIGGER IF EXISTS token_events_report_insert;
DROP TRIGGER IF EXISTS token_events_report_delete;
DROP TRIGGER IF EXISTS token_events_report_update;

-- The prune guard held the delete triggers off; a prune now tells the writer itself.
DROP TABLE IF EXISTS pruning;

-- Indexes that pay (schema.sql says which query each serves). Summaries by workstream, repo, model and
-- agent read a window through ix_token_events_ts (budgets on them read spend_hourly); the usage views
-- read imported events through ix_token_events_ts too. A ledger of imports carries no task and no ref,
-- so those two indexes keep only the events that have one.
DROP INDEX IF EXISTS ix_token_events_workstream;
DROP INDEX IF EXISTS ix_token_events_repo;
DROP INDEX IF EXISTS ix_token_events_model;
DROP INDEX IF EXISTS ix_token_events_agent;
DROP INDEX IF EXISTS ix_token_events_source;
DROP INDEX IF EXISTS ix_token_events_task;
CREATE INDEX IF NOT EXISTS ix_token_events_task ON token_events (task_id, ts) WHERE task_id IS NOT NULL;
DROP INDEX IF EXISTS ix_token_events_session;
CREATE INDEX IF NOT EXISTS ix_token_events_session ON token_events (session_id);
DROP INDEX IF EXISTS ix_token_events_ref;
CREATE INDEX IF NOT EXISTS ix_token_events_ref ON token_events (ref_type, ref_id, ts) WHERE ref_id IS NOT NULL;
