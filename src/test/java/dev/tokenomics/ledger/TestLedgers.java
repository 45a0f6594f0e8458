package dev.tokenomics.ledger;

import dev.tokenomics.bench.ScratchPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a test's ledger lives: a SQLite file in the test's temp folder, or, when the tests run with
 * {@code -Dtokenomics.test.backend=postgres} (the second surefire run in pom.xml), a new database
 * on one scratch PostgreSQL cluster that this JVM starts on first use and removes at exit.
 *
 * <p>Without PostgreSQL binaries the PostgreSQL run fails loudly when {@code CI} or
 * {@code TOKENOMICS_REQUIRE_POSTGRES} is set, and is skipped with the reason printed elsewhere.
 */
public final class TestLedgers {
    private static ScratchPostgres cluster;

    private TestLedgers() {}

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("tokenomics.test.backend"));
    }

    /** The ledger of a test whose temp folder is {@code dir} (a new one the first time). */
    public static LedgerLocation location(Path dir) {
        return LedgerLocation.parse(dbArg(dir));
    }

    /** Per temp folder, its database: opening the same folder again (a restart) opens the same ledger. */
    private static final java.util.Map<Path, String> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    /** As {@link #location}, as the text --db takes: the file's path, or the folder's database URL. */
    public static String dbArg(Path dir) {
        return postgres() ? DATABASES.computeIfAbsent(dir.toAbsolutePath(), d -> cluster().newDatabase("t"))
                : dir.resolve("ledger.db").toString();
    }

    public static Database open(Path dir) {
        return Database.open(location(dir));
    }

    /** A ledger in {@code dir} (SQLite, or PostgreSQL in that pass) on {@code clock}. */
    public static TokenLedger ledger(Path dir, dev.tokenomics.pricing.PriceTable prices, java.time.Clock clock,
            EventDefaults defaults) {
        return new TokenLedger(open(dir), prices, clock, defaults);
    }

    /** Raw SQL a test runs on a ledger opened outside this package. */
    @FunctionalInterface
    public interface Sql<T> {
        T run(java.sql.Connection c) throws java.sql.SQLException;
    }

    /** Runs a test's own read on the ledger's pool. */
    public static <T> T read(TokenLedger ledger, Sql<T> work) {
        return ledger.database().read("test read", work::run);
    }

    /** Runs a test's own write (a row as an older version stored it) in one transaction. */
    public static <T> T write(TokenLedger ledger, String what, Sql<T> work) {
        return ledger.database().write(what, work::run);
    }

    /** Whether the ledger is a PostgreSQL one. */
    public static boolean isPostgres(TokenLedger ledger) {
        return ledger.database().isPostgres();
    }

    /** Deletes the event of {@code recordKey} through the one writer. */
    public static boolean deleteEvent(TokenLedger ledger, String recordKey) {
        return LedgerTestSupport.deleteEvent(ledger.database(), recordKey);
    }

    /** Makes the ledger refuse to insert an event of {@code recordKey} (a trigger), as a broken constraint would. */
    public static void refuseKey(Database db, String recordKey) {
        db.write("add a trap", c -> {
            try (var ps = c.createStatement()) {
                if (db.isPostgres()) {
                    // recordKey is a test's own literal
                    ps.execute("CREATE FUNCTION trap() RETURNS trigger AS $$ BEGIN IF NEW.record_key = '" + recordKey
                            + "' THEN RAISE EXCEPTION 'trap'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
                    ps.execute("CREATE TRIGGER trap BEFORE INSERT ON token_events FOR EACH ROW EXECUTE FUNCTION trap()");
                } else {
                    ps.execute("CREATE TRIGGER trap BEFORE INSERT ON token_events WHEN NEW.record_key = '" + recordKey
                            + "' BEGIN SELECT RAISE(ABORT, 'trap'); END");
                }
            }
            return null;
        });
    }

    /** Skips a test that is about SQLite itself (its file, its pragmas) in the PostgreSQL run. */
    public static void assumeSqlite(String why) {
        Assumptions.assumeFalse(postgres(), "SQLite only: " + why);
    }

    /** Stops and removes the scratch cluster, if this JVM started one (the run's end: {@link ScratchClusterListener}). */
    static synchronized void closeCluster() {
        if (cluster != null) {
            long t0 = System.nanoTime();
            cluster.close();
            cluster = null;
            System.err.printf("scratch PostgreSQL cluster stopped and removed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static synchronized ScratchPostgres cluster() {
        if (cluster == null) {
            if (ScratchPostgres.findBinaries() == null) {
                String why = "PostgreSQL tests need initdb/pg_ctl/postgres (Debian's postgresql package); none found";
                if (System.getenv("CI") != null || System.getenv("TOKENOMICS_REQUIRE_POSTGRES") != null) {
                    throw new IllegalStateException(why);
                }
                System.err.println("SKIPPED: " + why);
                Assumptions.abort(why);
            }
            cluster = ScratchPostgres.start();
        }
        return cluster;
    }
}
