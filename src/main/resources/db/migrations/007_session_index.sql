-- Migration 6 -> 7: ix_token_events_session keeps only the events that have a session. An event
-- recorded outside Claude Code (a CLI loop, an HTTP client that sends none, most benchmarks) carries
-- no session_id, and an entry per such event cost ~10 bytes and one more index page written by every
-- record's commit. Every query that reads the index names a session (session_id = ?, session_id IN
-- (...)), which implies session_id IS NOT NULL, so SQLite still picks it (https://sqlite.org/partialindex.html,
-- checked with EXPLAIN QUERY PLAN). An index holds no numbers: nothing else moves.
DROP INDEX IF EXISTS ix_token_events_session;
CREATE INDEX IF NOT EXISTS ix_token_events_session ON token_events (session_id) WHERE session_id IS NOT NULL;
