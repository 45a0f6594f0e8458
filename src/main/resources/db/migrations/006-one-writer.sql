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
