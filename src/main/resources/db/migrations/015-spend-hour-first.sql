-- Migration 14 -> 15: spend_hourly keyed by hour first. The six cells one event adds to (global,
-- repo, workstream, agent, model, source) were six pages apart under (scope, scope_id, hour); a record
-- call's commit wrote all six, and in WAL mode each page a commit writes costs ~10 us here (measured
-- with the sqlite3 CLI: ten rows updated on one page 70 us a transaction, on ten pages 163 us). Side
-- by side they are one page. A budget's scope reads through ix_spend_hourly_scope, which an update of
-- an existing cell never touches. Same columns, same rows.
CREATE TABLE spend_hourly_by_hour (
  scope                    TEXT    NOT NULL,
  scope_id                 TEXT    NOT NULL,
  hour                     TEXT    NOT NULL,
  events                   INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_creation_tokens    INTEGER NOT NULL,
  cache_creation_1h_tokens INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cost_nanos               INTEGER NOT NULL,
  unpriced_events          INTEGER NOT NULL,
  lower_bound_events       INTEGER NOT NULL,
  PRIMARY KEY (hour, scope, scope_id)
) WITHOUT ROWID;
INSERT INTO spend_hourly_by_hour (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens,
  cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
SELECT scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens,
  cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events
FROM spend_hourly;
DROP TABLE spend_hourly;
ALTER TABLE spend_hourly_by_hour RENAME TO spend_hourly;
CREATE INDEX IF NOT EXISTS ix_spend_hourly_scope ON spend_hourly (scope, scope_id, hour);
