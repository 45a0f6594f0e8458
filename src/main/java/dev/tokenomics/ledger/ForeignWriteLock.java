package dev.tokenomics.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds a ledger's write lock the way another process's long transaction would (BEGIN IMMEDIATE
 * on a connection of its own, outside the pool), until closed. For {@code bench reliability}: what
 * a writer does while someone else holds the lock.
 */
public final class ForeignWriteLock implements AutoCloseable {
    private final Connection connection;

    private ForeignWriteLock(Connection connection) {
        this.connection = connection;
    }

    /** Creates the ledger at {@code file} if needed, then takes its write lock. */
    public static ForeignWriteLock take(Path file) {
        Database.open(file).close();
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            return new ForeignWriteLock(c);
        } catch (SQLException e) {
            throw new LedgerException("cannot take the write lock of ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ends the transaction (nothing was written in it) and lets writers in. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LedgerException("cannot release the write lock: " + e.getMessage(), e);
        }
    }
}
