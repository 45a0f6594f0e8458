-- Migration 8 -> 9: stored costs follow the price table (issue 12), and events carry their speed.
-- speed: Claude Code's usage.speed ('fast' on fast-mode messages); NULL when the source said none.
ALTER TABLE token_events ADD COLUMN speed TEXT CHECK (speed IS NULL OR speed IN ('standard', 'fast'));

-- The price table the stored costs (token_events.cost_nanos and every rollup) were computed with. One
-- row; none yet here, so the first command after this migration reprices every event once: a v7
-- ledger cannot say which table costed its rows.
CREATE TABLE IF NOT EXISTS price_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT    NOT NULL,                       -- PriceTable.fingerprint()
  source      TEXT    NOT NULL,                       -- the layers, as prices show names them
  date        TEXT,                                   -- the base table's date; NULL when undated
  updated_at  TEXT    NOT NULL
);

-- Per model and speed, the rates its stored costs were computed with (ModelPrice.ratesKey(); NULL:
-- unpriced): a new table reprices only the events whose model's rates it changes.
CREATE TABLE IF NOT EXISTS price_models (
  model       TEXT    NOT NULL,
  fast        INTEGER NOT NULL CHECK (fast IN (0, 1)),
  rates       TEXT,
  PRIMARY KEY (model, fast)
) WITHOUT ROWID;
