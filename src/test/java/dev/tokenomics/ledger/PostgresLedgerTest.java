package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a PostgreSQL ledger can get wrong: its schema drifting from SQLite's, writers in other
 * processes (here: other pools, so other server connections) racing over one budget, and its schema
 * version. Runs in the PostgreSQL pass of the tests (TestLedgers).
 */
class PostgresLedgerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void onlyOnPostgres() {
        Assumptions.assumeTrue(TestLedgers.postgres(), "the PostgreSQL pass runs these");
    }

    @Test
    void theSchemaHasSqlitesTablesColumnsAndIndexes() throws Exception {
        Files.createDirectories(dir.resolve("sqlite"));
        try (Database sqlite = Database.open(dir.resolve("sqlite/ledger.db")); Database pg = TestLedgers.open(dir)) {
            assertEquals(shape(sqlite), shape(pg));
        }
    }

    /** Table -> its columns in order, and its index names; the version table is PostgreSQL's own. */
    private static TreeMap<String, List<String>> shape(Database db) {
        return db.read("schema shape", c -> {
            TreeMap<String, List<String>> out = new TreeMap<>();
            DatabaseMetaData md = c.getMetaData();
            String schema = db.isPostgres() ? "public" : null;
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!t.startsWith("sqlite_") && !t.equals("tokenomics_schema")) {
                        tables.add(t);
                    }
                }
            }
            for (String t : tables) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = md.getColumns(null, schema, t, "%")) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                List<String> indexes = new ArrayList<>();
                try (ResultSet rs = md.getIndexInfo(null, schema, t, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        if (name != null && name.startsWith("ix_") && !indexes.contains(name)) {
                            indexes.add(name);
                        }
                    }
                }
                indexes.sort(null);
                columns.add("indexes: " + indexes);
                out.put(t, columns);
            }
            return out;
        });
    }

    @Test
    void writersOnOtherConnectionsRaceOverOneBudgetAndExactlyOneAnnouncesTheCrossing() throws Exception {
        LedgerLocation where = TestLedgers.location(dir);
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        int writers = 6;
        int eventsEach = 40;
        List<TokenLedger> ledgers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < writers; i++) {
                ledgers.add(new TokenLedger(Database.open(where), PriceTable.bundled(), Clock.systemUTC(),
                        new EventDefaults(null, null, "m" + i)));
            }
            LedgerBudgets store = new LedgerBudgets(ledgers.get(0).database());
            store.put(new BudgetRow("team", "repo", "r", "day", "UTC", 1_000_000L, null, "50,75,90,100", now, now));
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<Integer>> marks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                TokenLedger l = ledgers.get(i);
                int writer = i;
                marks.add(pool.submit(() -> {
                    start.await();
                    for (int e = 0; e < eventsEach; e++) {
                        l.events().record(new EventInput("w" + writer + "-" + e, now, null, null, null, null, "T1", "WS", "r",
                                null, "claude-haiku-4-5", null, null, null, null, null, null,
                                new dev.tokenomics.pricing.Usage(100, 10, 0, 0, 0), null, true, null, null, null));
                    }
                    // Every writer saw the budget cross its warning level: only one may announce it.
                    return l.budgets().raiseAlert("team", now.minusSeconds(36_000), 2, now);
                }));
            }
            int announced = 0;
            for (Future<Integer> m : marks) {
                if (m.get() < 2) {
                    announced++;
                }
            }
            assertEquals(1, announced, "one writer announces the crossing, the others see it marked");
            Totals spend = store.spend("repo", "r", null, null);
            assertEquals(writers * eventsEach, spend.events());
            assertEquals(writers * eventsEach * 100L, spend.inputTokens());
            Summary s = ledgers.get(0).events().summarize(Scope.TASK, "T1", null, null);
            assertEquals(writers * eventsEach, s.totals().events(), "no lost update in the task's running totals");
            assertEquals(writers, s.byMachine().size(), "every writer's machine is kept: " + s.byMachine().keySet());
            Summary m0 = ledgers.get(0).events().summarize(Scope.MACHINE, "m0", null, null);
            assertEquals(eventsEach, m0.totals().events());
        } finally {
            pool.shutdownNow();
            for (TokenLedger l : ledgers) {
                l.close();
            }
        }
    }

    @Test
    void aVersion10LedgerMigratesToTheSameShapeAsANewOne() throws Exception {
        LedgerLocation old = TestLedgers.location(dir);
        try (Connection c = java.sql.DriverManager.getConnection(old.jdbcUrl(), old.user(), old.password())) {
            String v10 = new String(PostgresLedgerTest.class.getResourceAsStream("/db/schema-postgres-v10.sql")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Schema.execute(c, v10);
            assertEquals(10, Schema.version(c));
        }
        try (Database migrated = Database.open(old); Database fresh = TestLedgers.open(dir.resolve("fresh"))) {
            assertEquals(Schema.CURRENT_VERSION, migrated.read("version", Schema::version));
            assertEquals(shape(fresh), shape(migrated));
        }
    }

    @Test
    void aLedgerFromANewerTokenomicsIsRefusedNamingItsVersion() throws Exception {
        LedgerLocation where = TestLedgers.location(dir);
        try (Database db = Database.open(where)) {
            assertEquals(Schema.CURRENT_VERSION, db.read("version", Schema::version));
            db.write("bump", c -> c.createStatement().executeUpdate("UPDATE tokenomics_schema SET version = 99"));
        }
        LedgerException e = assertThrows(LedgerException.class, () -> Database.open(where));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(!e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void anUnreachableServerFailsWithOneLineNamingIt() {
        LedgerException e = assertThrows(LedgerException.class,
                () -> Database.open(LedgerLocation.parse("postgresql://nobody:pw@127.0.0.1:1/none"), 500, 1));
        assertTrue(e.getMessage().startsWith("cannot open ledger postgresql://nobody@127.0.0.1:1/none"), e.getMessage());
        assertTrue(!e.getMessage().contains(":pw@"), e.getMessage());
    }
    /**
     * The report's readers run on two connections; both must see the snapshot the first one took.
     * Every work first commits a row from a third connection, then counts the rows: on one shared
     * snapshot every count is 0, while a helper with a snapshot of its own would count its own row.
     */
    @Test
    void theReportsReadersShareOneSnapshot() {
        try (Database db = TestLedgers.open(dir)) {
            db.write("make the probe table", c -> execute(c, "CREATE TABLE snapshot_probe (n INTEGER)"));
            List<Database.Work<?>> works = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                works.add(c -> {
                    db.write("commit a probe row", w -> execute(w, "INSERT INTO snapshot_probe VALUES (1)"));
                    // The sleep keeps the first reader busy, so the helper takes works too.
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT (SELECT COUNT(*) FROM snapshot_probe), pg_backend_pid() FROM pg_sleep(0.05)")) {
                        rs.next();
                        return new long[] {rs.getLong(1), rs.getLong(2)};
                    }
                });
            }
            List<Object> seen = db.readSnapshot("probe the snapshot", 2, works);
            Set<Long> readers = new TreeSet<>();
            for (Object o : seen) {
                long[] countAndReader = (long[]) o;
                assertEquals(0, countAndReader[0], "a reader saw a row committed after the snapshot");
                readers.add(countAndReader[1]);
            }
            assertEquals(2, readers.size(), "both readers took works: " + readers);
            assertEquals(6L, (long) db.read("count the probe rows", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM snapshot_probe")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        }
    }

    private static Object execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }
}
