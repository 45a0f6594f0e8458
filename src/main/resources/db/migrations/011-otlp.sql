-- Migration 10 -> 11: what the OTLP intake (serve --http, /v1/metrics, /v1/logs, /v1/traces) must remember
-- between exports so that a retried export, a restart or an exporter sending two signals adds nothing twice.

-- The last value seen of each cumulative token-usage series (a metric name, its resource and point
-- attributes, hashed): a cumulative point counts only what it adds to this. Delta series need no state
-- (each point is its interval's increment; its record key makes a retry a copy).
CREATE TABLE IF NOT EXISTS otlp_series (
  series_key    TEXT    PRIMARY KEY,
  start_nanos   INTEGER NOT NULL,                     -- start_time_unix_nano of the series as last seen
  time_nanos    INTEGER NOT NULL,                     -- time_unix_nano of the last point counted
  value         INTEGER NOT NULL,                     -- its value, in tokens
  updated_at    TEXT    NOT NULL
);

-- Per session, the most measured kind of OTLP usage that arrived for it: log (per-request events such as
-- claude_code.api_request), span (GenAI spans), metric (interval sums). Only that kind counts for the
-- session; the others are left out, and removed when a better kind arrives after them.
CREATE TABLE IF NOT EXISTS otlp_sessions (
  session_id    TEXT    PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('log', 'span', 'metric')),
  updated_at    TEXT    NOT NULL
);
