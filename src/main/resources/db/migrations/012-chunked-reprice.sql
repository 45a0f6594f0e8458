-- Migration 11 -> 12: a reprice runs a chunk of events per transaction (issue 12), so a writer waiting
-- behind it never waits long; and a process on an older price table no longer reprices history back.

-- The reprice under way, if any: the table it moves the stored costs to, the last event id done, and
-- from which id every event is checked whatever its model (events another table costed).
ALTER TABLE price_state ADD COLUMN pending_fingerprint TEXT;
ALTER TABLE price_state ADD COLUMN pending_source TEXT;
ALTER TABLE price_state ADD COLUMN pending_date TEXT;
ALTER TABLE price_state ADD COLUMN pending_after INTEGER;
-- When a process repricing in a loop last finished a chunk: a reprice to another table of the same date
-- waits while this is recent (a live process is at it) and takes over when it is not (it died).
ALTER TABLE price_state ADD COLUMN pending_beat TEXT;
ALTER TABLE price_state ADD COLUMN pending_all_from INTEGER;
-- The lowest id of an event written while the stored costs followed another table than the writer's
-- (a process on an older table, or one that wrote while a reprice was still to run): from there the
-- next reprice checks every event. NULL when none.
ALTER TABLE price_state ADD COLUMN stale_from INTEGER;

-- The models (and speeds) whose events the pending reprice checks: those whose rates differ.
CREATE TABLE IF NOT EXISTS price_pending_models (
  model       TEXT    NOT NULL,
  fast        INTEGER NOT NULL CHECK (fast IN (0, 1)),
  PRIMARY KEY (model, fast)
) WITHOUT ROWID;
