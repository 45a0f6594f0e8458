-- Migration 9 -> 10: the team ledger (issue 13). Every event knows the machine it was recorded on, so a
-- team ledger can break spend down by laptop, desktop and CI runner. Rows already stored get this
-- machine's name (Schema fills it in Java right after this script: SQL cannot know the host name),
-- since a local ledger's events were recorded where it lives.
ALTER TABLE token_events ADD COLUMN machine TEXT;

-- How far `tokenomics sync` has pushed this ledger to each hub: the largest token_events id the hub
-- acknowledged. Advanced only after the hub's answer, so a killed sync pushes the rest again (the
-- hub's writes are idempotent) and never skips.
CREATE TABLE IF NOT EXISTS sync_state (
  hub           TEXT    PRIMARY KEY,                  -- the hub's push URL
  last_event_id INTEGER NOT NULL,
  pushed_events INTEGER NOT NULL,                     -- events the hub acknowledged, all runs
  updated_at    TEXT    NOT NULL
);
