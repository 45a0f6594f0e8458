package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per pooled connection for the hot write path. Preparing the
 * event upsert (with its triggers) costs more than running it: a profile of one record call showed
 * half its time in sqlite3_prepare. Statements are prepared on the raw connection, so the pool does
 * not close them when the connection goes back; they die with the connection. Callers must not
 * close what this returns. A pooled connection is used by one thread at a time, and the pool's
 * hand-off orders those uses, so the per-connection maps need no locking of their own.
 */
final class StatementCache {
    private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new WeakHashMap<>();
    private static final Map<Connection, Map<Repricer.PriceKey, Optional<String>>> NOTED = new WeakHashMap<>();

    private StatementCache() {}

    static PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
        // The driver's own connection (SQLite's or PostgreSQL's) under the pool's proxy.
        Connection raw = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements;
        synchronized (CACHE) {
            statements = CACHE.computeIfAbsent(raw, k -> new HashMap<>());
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = raw.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /** The rates {@link Repricer#noteRates} wrote on this connection, by model and speed (empty: unpriced). */
    static Map<Repricer.PriceKey, Optional<String>> notedRates(Connection pooled) throws SQLException {
        Connection raw = pooled.unwrap(Connection.class);
        synchronized (NOTED) {
            return NOTED.computeIfAbsent(raw, k -> new HashMap<>());
        }
    }
}
