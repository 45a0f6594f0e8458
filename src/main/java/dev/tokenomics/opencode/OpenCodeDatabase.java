package dev.tokenomics.opencode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * Reads the {@code message} table of OpenCode's own SQLite file ({@code opencode.db}), read-only: the
 * connection is opened with SQLITE_OPEN_READONLY and {@code query_only}, so nothing of OpenCode's is
 * ever written, and it waits for OpenCode's writer rather than failing. This is the one class outside
 * {@code ledger} that uses JDBC: it reads another program's file, not the ledger, and keeping it here
 * leaves the ledger's dialects (SQLite, PostgreSQL) free of it.
 */
final class OpenCodeDatabase {
    /** One row: the message's id, session, creation and update times (ms), its JSON, its session's folder. */
    record Row(String id, String sessionId, Long createdMs, long updatedMs, String data, String directory) {}

    private static final String CURRENT = """
            SELECT m.id, m.session_id, m.time_created, m.time_updated, m.data, s.directory
            FROM message m LEFT JOIN session s ON s.id = m.session_id
            WHERE m.time_updated >= ?""";
    /** Before the time columns (and as ccusage reads it): every message, every time. */
    private static final String OLDEST = "SELECT id, session_id, data FROM message";

    private OpenCodeDatabase() {}

    /**
     * Every message updated at or after {@code sinceUpdatedMs} (0: all), streamed to {@code each}.
     * Returns whether the file has time columns (false: the whole table was read).
     */
    static boolean read(Path db, long sinceUpdatedMs, Consumer<Row> each) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties())) {
            try (PreparedStatement ps = c.prepareStatement(CURRENT)) {
                ps.setLong(1, sinceUpdatedMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long created = rs.getLong(3);
                        Long createdMs = rs.wasNull() ? null : created;
                        each.accept(new Row(rs.getString(1), rs.getString(2), createdMs, rs.getLong(4), rs.getString(5),
                                rs.getString(6)));
                    }
                }
                return true;
            } catch (SQLException newer) {
                if (!String.valueOf(newer.getMessage()).contains("no such")) {
                    throw newer;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(OLDEST); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Row(rs.getString(1), rs.getString(2), null, 0, rs.getString(3), null));
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("read OpenCode messages from " + db + ": " + e.getMessage(), e);
        }
    }
}
