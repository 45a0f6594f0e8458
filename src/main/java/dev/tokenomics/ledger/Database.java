package dev.tokenomics.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The ledger file behind a HikariCP pool, with the pragmas that let many processes share it.
 *
 * <p>Every Claude Code session starts its own server on the same file, so writers meet. WAL lets
 * readers and one writer run together (https://sqlite.org/wal.html); writes begin with BEGIN
 * IMMEDIATE so a transaction takes the write lock up front instead of failing when it upgrades
 * from a read lock (https://sqlite.org/lang_transaction.html); busy_timeout makes a writer wait
 * for the lock; a bounded retry covers the rare SQLITE_BUSY that still escapes (e.g. during a
 * checkpoint). synchronous=NORMAL in WAL mode keeps every commit through a process crash; only a
 * power cut can lose the last commits (https://sqlite.org/pragma.html#pragma_synchronous).
 */
final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static final int BUSY_TIMEOUT_MS = 10_000;
    static final int MAX_ATTEMPTS = 6;

    private final LedgerLocation location;
    private final Dialect dialect;
    private final CompletableFuture<HikariDataSource> opening;
    private final int maxAttempts;

    private Database(LedgerLocation location, CompletableFuture<HikariDataSource> opening, int maxAttempts) {
        this.location = location;
        this.dialect = location.dialect();
        this.opening = opening;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Starts opening the ledger at {@code file} on another thread and returns at once; the first
     * read or write waits for it, and fails with the opening's own error if it failed. The stdio
     * server uses this: Claude Code waits for its initialize answer, which needs no ledger, and
     * opening the pool and checking the schema takes as long as building the server, so each gets
     * a core.
     */
    public static Database openInBackground(Path file) {
        return openInBackground(LedgerLocation.sqlite(file));
    }

    /** As {@link #openInBackground(Path)} for any ledger location. */
    public static Database openInBackground(LedgerLocation location) {
        return openInBackground(location, true);
    }

    /**
     * As {@link #openInBackground(LedgerLocation)}; {@code logFailure} also says a failed opening on
     * stderr as it happens (a server, whose calls may come much later), where a one-shot command's
     * own error message is the only one.
     */
    public static Database openInBackground(LedgerLocation location, boolean logFailure) {
        CompletableFuture<HikariDataSource> opening = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                opening.complete(open(location, BUSY_TIMEOUT_MS, MAX_ATTEMPTS).pool());
            } catch (RuntimeException | Error e) {
                if (logFailure) {
                    // Said now, once, on stderr; every call also answers with it.
                    log.error("{}", e.getMessage());
                }
                opening.completeExceptionally(e);
            }
        }, "tokenomics-ledger-open");
        t.setDaemon(true);
        t.start();
        return new Database(location, opening, MAX_ATTEMPTS);
    }

    /** Waits for the opening; one that failed throws its LedgerException. */
    void awaitOpen() {
        pool();
    }

    /** The pool, once the ledger is open; an opening that failed fails every use with its message. */
    private HikariDataSource pool() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LedgerException l) {
                throw new LedgerException(l.getMessage(), l);
            }
            throw new LedgerException("cannot open ledger " + location + ": " + rootMessage(e), e);
        }
    }

    /** Opens (creating if needed) the ledger at {@code file} and brings its schema up to date. */
    public static Database open(Path file) {
        return open(LedgerLocation.sqlite(file), BUSY_TIMEOUT_MS, MAX_ATTEMPTS);
    }

    /** Opens the ledger at {@code location}, a SQLite file or a PostgreSQL database, and brings its schema up to date. */
    public static Database open(LedgerLocation location) {
        return open(location, BUSY_TIMEOUT_MS, MAX_ATTEMPTS);
    }

    /** As {@link #open(Path)}, with the lock wait of each attempt and the number of attempts given (tests). */
    static Database open(Path file, int busyTimeoutMs, int maxAttempts) {
        return open(LedgerLocation.sqlite(file), busyTimeoutMs, maxAttempts);
    }

    static Database open(LedgerLocation location, int busyTimeoutMs, int maxAttempts) {
        HikariDataSource pool = location.isPostgres() ? PostgresPool.open(location, busyTimeoutMs)
                : sqlitePool(location.file(), busyTimeoutMs);
        Database db = new Database(location, CompletableFuture.completedFuture(pool), maxAttempts);
        try {
            Schema.migrate(db);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return db;
    }

    private static HikariDataSource sqlitePool(Path absolute, int busyTimeoutMs) {
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new LedgerException("cannot create the folder for ledger " + absolute + ": " + e, e);
        }
        NativeLibrary.useCachedCopy();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(busyTimeoutMs);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setCacheSize(-32_768);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + absolute);

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("tokenomics-ledger");
        // A handful of connections is plenty: SQLite has one writer at a time anyway.
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(BUSY_TIMEOUT_MS * 2L);
        hikari.setInitializationFailTimeout(BUSY_TIMEOUT_MS * 2L);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new LedgerException("cannot open ledger " + absolute + ": " + rootMessage(e), e);
        }
        return pool;
    }

    /**
     * The SQLite ledger file; for a PostgreSQL ledger, null (see {@link #location()}).
     */
    public Path file() {
        return location.file();
    }

    /** Where the ledger is, as messages print it (a PostgreSQL password never shows). */
    public LedgerLocation location() {
        return location;
    }

    public boolean isPostgres() {
        return dialect == Dialect.POSTGRES;
    }

    Dialect dialect() {
        return dialect;
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one write transaction, all or nothing, retrying the whole unit when
     * SQLite reports the file busy or locked. The work must be safe to run again: it sees nothing
     * of a rolled-back attempt. A failure says that nothing was written.
     *
     * <p>The transaction is opened and closed with explicit statements on a connection that stays in
     * autocommit mode. sqlite-jdbc's {@code setAutoCommit(false)} marks the connection
     * transactional before its BEGIN runs: when the BEGIN times out on a lock held elsewhere, the
     * work then runs with no transaction at all, every statement committing on its own, and the
     * final commit fails ("cannot commit - no transaction is active") after half a batch is
     * written. Its {@code commit()} also opens the next transaction at once, which can time out
     * after the commit succeeded and make a retry write twice. Here BEGIN IMMEDIATE either takes the
     * write lock or fails before anything is written (https://sqlite.org/lang_transaction.html).
     */
    public <T> T write(String operation, Work<T> work) {
        SQLException last = null;
        long startNanos = System.nanoTime();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try (Connection c = pool().getConnection()) {
                return inTransaction(c, work);
            } catch (SQLException e) {
                if (!dialect.isRetryable(e) || attempt == maxAttempts) {
                    long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
                    throw new LedgerException(operation + " failed on ledger " + location + "; nothing was written"
                            + (dialect.isRetryable(e) ? " (another process held the write lock for " + waitedMs + " ms, "
                                    + attempt + " attempts)" : "") + ": " + e.getMessage(), e);
                }
                last = e;
                sleepBeforeRetry(attempt);
            }
        }
        throw new LedgerException(operation + " failed on ledger " + location + " after " + maxAttempts
                + " attempts; nothing was written", last);
    }

    private <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            return PostgresPool.inTransaction(c, work);
        }
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true); // never expected: the pool hands out autocommit connections
        }
        // Cached: a record call is a short transaction, and preparing BEGIN and COMMIT anew each time showed.
        StatementCache.prepare(c, "BEGIN IMMEDIATE").execute();
        boolean committed = false;
        try {
            T result = work.run(c);
            StatementCache.prepare(c, "COMMIT").execute();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollback(c);
            }
        }
    }

    /** Runs read-only {@code work} in autocommit mode; a WAL reader never waits for a writer. */
    public <T> T read(String operation, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try (Connection c = pool().getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (!dialect.isRetryable(e) || attempt == maxAttempts) {
                    throw new LedgerException(operation + " failed on ledger " + location + ": " + e.getMessage(), e);
                }
                last = e;
                sleepBeforeRetry(attempt);
            }
        }
        throw new LedgerException(operation + " failed on ledger " + location + " after " + maxAttempts + " attempts", last);
    }

    /**
     * Runs read-only {@code works} on up to {@code readers} connections in parallel, all on one
     * snapshot: while a BEGIN IMMEDIATE holds writers off, each reader opens a read transaction
     * and reads once (which pins its WAL snapshot, https://sqlite.org/isolation.html); then the
     * lock is released and the readers take works from a shared queue, in the order given.
     * Writers wait only for the readers to start, not for the reads. Results come back in order.
     * PostgreSQL's readers share one exported snapshot instead ({@link PostgresPool#inSharedSnapshot}).
     */
    public List<Object> readSnapshot(String operation, int readers, List<Work<?>> works) {
        Object[] results = new Object[works.size()];
        AtomicInteger next = new AtomicInteger();
        int threads = Math.max(1, Math.min(readers, works.size()));
        if (dialect == Dialect.POSTGRES) {
            return read(operation, c -> {
                AtomicInteger queue = new AtomicInteger(); // afresh on a retry
                PostgresPool.inSharedSnapshot(c, pool(), threads, h -> drain(h, works, queue, results));
                return Arrays.asList(results);
            });
        }
        if (threads == 1) {
            return read(operation, c -> {
                inSnapshot(c, () -> drain(c, works, next, results));
                return Arrays.asList(results);
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tokenomics-report-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch started = new CountDownLatch(threads);
            List<Future<Object>> futures = new ArrayList<>();
            write(operation + " (pin one snapshot)", c -> {
                for (int i = 0; i < threads; i++) {
                    futures.add(executor.submit(() -> reader(works, next, results, started)));
                }
                awaitQuietly(started);
                return null;
            });
            for (Future<Object> f : futures) {
                f.get();
            }
            return Arrays.asList(results);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw new LedgerException(operation + " failed on ledger " + location + ": " + s.getMessage(), s);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new LedgerException(operation + " failed on ledger " + location + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while " + operation, e);
        } finally {
            executor.shutdownNow();
        }
    }

    private Object reader(List<Work<?>> works, AtomicInteger next, Object[] results, CountDownLatch started)
            throws SQLException {
        boolean counted = false;
        // A connection of its own, not the pool's: while this snapshot's BEGIN IMMEDIATE holds the
        // write lock, every writer waiting for that lock holds a pool connection, and four of them
        // left the readers none: calls stalled 20 s and failed ("Connection is not available").
        try (Connection c = pool().getDataSource().getConnection()) {
            inSnapshot(c, () -> {
                started.countDown();
                return null;
            }, () -> drain(c, works, next, results));
            counted = true;
            return null;
        } finally {
            if (!counted) {
                started.countDown();
            }
        }
    }

    interface Step {
        Object run() throws SQLException;
    }

    /** Runs the steps in one read transaction; the first read pins the snapshot. */
    private static void inSnapshot(Connection c, Step... steps) throws SQLException {
        try (Statement s = c.createStatement()) {
            // The pool's connections begin IMMEDIATE when autocommit is off; a reader must not
            // take the write lock, so it opens its deferred read transaction itself.
            s.execute("BEGIN DEFERRED");
            try {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
                    rs.next();
                }
                for (Step step : steps) {
                    step.run();
                }
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    private static Object drain(Connection c, List<Work<?>> works, AtomicInteger next, Object[] results)
            throws SQLException {
        for (int i = next.getAndIncrement(); i < works.size(); i = next.getAndIncrement()) {
            results[i] = works.get(i).run(c);
        }
        return null;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(BUSY_TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS)) {
                log.warn("report readers did not start within {} ms; releasing the write lock anyway",
                        BUSY_TIMEOUT_MS * 2L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while starting report readers", e);
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        long backoffMs = Math.min(500, 10L << attempt) + ThreadLocalRandom.current().nextLong(10);
        log.debug("ledger busy, retrying in {} ms (attempt {})", backoffMs, attempt);
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the ledger lock", e);
        }
    }

    /** Rolls back; a connection that cannot is taken out of the pool, so no one inherits its transaction. */
    private void rollback(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // After a failed COMMIT SQLite may already have rolled back by itself: then there is no
            // transaction to end, and the connection is fine.
            if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
                return;
            }
            log.warn("rollback failed, dropping the connection: {}", e.getMessage());
            pool().evictConnection(c);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        HikariDataSource pool;
        try {
            pool = opening.join();
        } catch (CompletionException e) {
            return; // it never opened: nothing to close
        }
        pool.close();
    }
}
