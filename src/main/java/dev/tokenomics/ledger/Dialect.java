package dev.tokenomics.ledger;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;

/**
 * The few places where SQLite and PostgreSQL need different SQL (the report's statements go
 * through {@link #sql}). Everything else in {@code ledger} is written once, in the SQL both take (ON CONFLICT upserts, RETURNING, COALESCE, {@code COUNT(*) -
 * COUNT(x)} for "how many are NULL", quoted {@code "offset"}), and runs on both.
 */
enum Dialect {
    SQLITE,
    POSTGRES;

    /**
     * Every write transaction takes this PostgreSQL advisory lock first, so writers run one at a
     * time as they do on SQLite: a budget check, a task's status change and the rollup cells it
     * adds to see no concurrent writer's half (no lost update, no double alert) without SERIALIZABLE
     * retries. Readers never take it. The number is "tokenomics" folded into a bigint.
     */
    static final long WRITER_LOCK = 0x746f6b656e6f6dL;

    /** The dialect of a (pooled or raw) connection. */
    static Dialect of(java.sql.Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.PGConnection.class) ? POSTGRES : SQLITE;
    }

    private static final java.util.regex.Pattern INDEXED_BY = java.util.regex.Pattern.compile("\\s+INDEXED BY \\w+");
    private static final java.util.regex.Pattern UNARY_PLUS = java.util.regex.Pattern.compile("(\\s)\\+([a-z_])");
    private static final java.util.regex.Pattern CONCAT = java.util.regex.Pattern.compile("group_concat\\(([\\w.]+), ''\\)");
    private static final java.util.regex.Pattern JOINED = java.util.regex.Pattern.compile("group_concat\\(([\\w.]+)\\)");

    /**
     * The read statements in this dialect. They are written for SQLite, with four things
     * PostgreSQL says otherwise: {@code INDEXED BY} and a unary {@code +column} (planner hints:
     * dropped; PostgreSQL plans by its own statistics), {@code group_concat} ({@code string_agg}) and the bound JSON array
     * of names ({@code json_each} / {@code json_array_elements_text}).
     */
    String sql(String sqliteSql) {
        if (this == SQLITE) {
            return sqliteSql;
        }
        String s = INDEXED_BY.matcher(sqliteSql).replaceAll("");
        s = UNARY_PLUS.matcher(s).replaceAll("$1$2");
        s = CONCAT.matcher(s).replaceAll("string_agg($1, '')");
        s = JOINED.matcher(s).replaceAll("string_agg(CAST($1 AS TEXT), ',')");
        return s.replace("SELECT value FROM json_each(?)", "SELECT json_array_elements_text(CAST(? AS json))");
    }

    /**
     * True when the statement failed because another writer held the lock (SQLite busy or
     * locked; PostgreSQL lock timeout, deadlock or serialization failure): the whole unit of work
     * may be tried again.
     */
    boolean isRetryable(SQLException e) {
        if (this == SQLITE) {
            int code = e.getErrorCode() & 0xff; // extended codes carry the primary code in the low byte
            return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        String state = e.getSQLState();
        return "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state);
    }
}
