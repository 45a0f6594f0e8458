package dev.tokenomics.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.sql.DataSource;

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
    /** What pg_export_snapshot returns ("00000003-0000001B-1"); checked before it is written into SET. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+(-[0-9A-F]+)+");

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
        inSnapshot(c, null, steps);
    }

    /**
     * Runs {@code drain} on up to {@code readers} connections at once, all on one snapshot: c's
     * transaction exports it and each helper imports it before its first read, as pg_dump's parallel
     * jobs do (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-SNAPSHOT-SYNCHRONIZATION).
     * Before this the report's scans ran one after another on c, and the longest two took 2 s of the
     * 3.2 s a 1M-event report took. A helper that gets no connection leaves its share to the others.
     */
    static void inSharedSnapshot(Connection c, DataSource pool, int readers, Database.Work<?> drain)
            throws SQLException {
        inSnapshot(c, () -> {
            if (readers <= 1) {
                return drain.run(c);
            }
            String id;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                id = rs.getString(1);
            }
            if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
                throw new LedgerException("PostgreSQL exported an unexpected snapshot id: " + id, null);
            }
            ExecutorService helpers = Executors.newFixedThreadPool(readers - 1, r -> {
                Thread t = new Thread(r, "tokenomics-report-reader");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Object>> running = new ArrayList<>();
                for (int i = 1; i < readers; i++) {
                    running.add(helpers.submit(() -> help(pool, id, drain)));
                }
                drain.run(c);
                for (Future<Object> f : running) {
                    awaitHelper(f);
                }
            } finally {
                helpers.shutdownNow();
            }
            return null;
        });
    }

    private static Object help(DataSource pool, String snapshot, Database.Work<?> drain) throws SQLException {
        Connection h;
        try {
            h = pool.getConnection();
        } catch (SQLException busy) {
            return null; // the pool is spent on other work: the exporting connection drains this share
        }
        try (h) {
            inSnapshot(h, snapshot, () -> drain.run(h));
        }
        return null;
    }

    private static void awaitHelper(Future<Object> f) throws SQLException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LedgerException("a report reader failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while reading the report", e);
        }
    }

    /** As {@link #inSnapshot(Connection, Database.Step...)}, on an exported snapshot when one is named. */
    private static void inSnapshot(Connection c, String snapshot, Database.Step... steps) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                if (snapshot != null) {
                    // SET takes no parameters; the id was checked against SNAPSHOT_ID.
                    s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
                }
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
