-- Migration 10 -> 11 (PostgreSQL: BIGINT and COLLATE "C" as in schema-postgres.sql): what the OTLP intake (serve --http, /v1/metrics, /v1/logs, /v1/traces) must remember
-- between exports so that a retried export, a restart or an exporter sending two signals adds nothing twice.

-- The last value seen of each cumulative token-usage series (a metric name, its resource and point
-- attributes, hashed): a cumulative point counts only what it adds to this. Delta series need no state
-- (each point is its interval's increment; its record key makes a retry a copy).
CREATE TABLE IF NOT EXISTS otlp_series (
  series_key    TEXT COLLATE "C"    PRIMARY KEY,
  start_nanos   BIGINT NOT NULL,                     -- start_time_unix_nano of the series as last seen
  time_nanos    BIGINT NOT NULL,                     -- time_unix_nano of the last point counted
  value         BIGINT NOT NULL,                     -- its value, in tokens
  updated_at    TEXT COLLATE "C"    NOT NULL
);

-- Per session, the most measured kind of OTLP usage that arrived for it: log (per-request events such as
-- claude_code.api_request), span (GenAI spans), metric (interval sums). Only that kind counts for the
-- session; the others are left out, and removed when a better kind arrives after them.
CREATE TABLE IF NOT EXISTS otlp_sessions (
  session_id    TEXT COLLATE "C"    PRIMARY KEY,
  kind          TEXT COLLATE "C"    NOT NULL CHECK (kind IN ('log', 'span', 'metric')),
  updated_at    TEXT COLLATE "C"    NOT NULL
);
