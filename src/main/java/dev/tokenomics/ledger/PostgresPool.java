package dev.tokenomics.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL ledger behind a HikariCP pool: how its connections are made, and how a write
 * transaction and a snapshot read run on one.
 *
 * <p>Writers serialize on one advisory lock ({@link Dialect#WRITER_LOCK}), taken first in every
 * write transaction, so the read-modify-write steps the writer does (a replaced event's old row, a
 * budget's last alert, a task's status) behave exactly as under SQLite's single writer, at READ
 * COMMITTED: no lost update between processes. The lock waits at most the lock timeout, then the
 * transaction fails with 55P03 and {@link Database} retries it, as it retries SQLite's busy.
 */
final class PostgresPool {
    private PostgresPool() {}

    static HikariDataSource open(LedgerLocation location, int lockTimeoutMs) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(location.jdbcUrl());
        if (location.user() != null) {
            hikari.setUsername(location.user());
        }
        if (location.password() != null) {
            hikari.setPassword(location.password());
        }
        hikari.setPoolName("tokenomics-ledger");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Math.max(1_000L, lockTimeoutMs * 2L));
        hikari.setInitializationFailTimeout(Math.max(1_000L, lockTimeoutMs * 2L));
        hikari.addDataSourceProperty("ApplicationName", "tokenomics");
        hikari.addDataSourceProperty("connectTimeout", "10");
        hikari.setConnectionInitSql("SET lock_timeout = " + Math.max(1, lockTimeoutMs) + "; SET TIME ZONE 'UTC'");
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new LedgerException("cannot open ledger " + location + ": " + Database.rootMessage(e), e);
        }
    }

    /** Runs {@code work} in one transaction that holds the writers' lock; all or nothing. */
    static <T> T inTransaction(Connection c, Database.Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        boolean committed = false;
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Dialect.WRITER_LOCK);
                lock.execute();
            }
            T result = work.run(c);
            c.commit();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool drops it when it fails its next check
                }
            }
            c.setAutoCommit(true);
        }
    }

    /** Runs the steps in one REPEATABLE READ, READ ONLY transaction: every read sees one snapshot. */
    static void inSnapshot(Connection c, Database.Step... steps) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            for (Database.Step step : steps) {
                step.run();
            }
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
