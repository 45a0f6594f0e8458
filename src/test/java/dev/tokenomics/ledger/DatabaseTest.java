package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private static String pragma(Database db, String name) {
        return db.read("pragma", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void pragmasReallyApplyOnEveryPooledConnection() {
        try (Database db = Database.open(dir.resolve("a/b/ledger.db"))) {
            assertTrue(Files.exists(dir.resolve("a/b/ledger.db")), "folder and file are created");
            // Ask several times so more than one pooled connection answers.
            for (int i = 0; i < 6; i++) {
                assertEquals("wal", pragma(db, "journal_mode"));
                assertEquals(String.valueOf(Database.BUSY_TIMEOUT_MS), pragma(db, "busy_timeout"));
                assertEquals("1", pragma(db, "foreign_keys"));
                assertEquals("1", pragma(db, "synchronous"), "NORMAL");
            }
            assertEquals(String.valueOf(Schema.CURRENT_VERSION), pragma(db, "user_version"));
        }
    }

    @Test
    void reopeningAnUpToDateLedgerKeepsItsData() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            db.write("insert", c -> c.createStatement().executeUpdate(
                    "INSERT INTO tasks (task_id, status, created_at, updated_at) VALUES ('T1','todo','x','x')"));
        }
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            int n = db.read("count", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tasks")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, n);
        }
    }

    @Test
    void schemaFileCreatesEveryTableAndIndex() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            List<String> names = db.read("names", c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertTrue(names.containsAll(List.of("token_events", "tasks", "task_status_history",
                    "ix_token_events_task", "ix_token_events_session", "ix_token_events_ts")), names.toString());
        }
    }

    /** Tables, columns (name, type, not null, default, pk) and index definitions, in a stable order. */
    private static List<String> shape(Database db) {
        return db.read("shape", c -> {
            List<String> out = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(" + t + ")")) {
                    while (rs.next()) {
                        out.add(t + "." + rs.getString("name") + " " + rs.getString("type") + " notnull="
                                + rs.getInt("notnull") + " default=" + rs.getString("dflt_value") + " pk=" + rs.getInt("pk"));
                    }
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name, tbl_name, sql FROM sqlite_master "
                    + "WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " on " + rs.getString(2) + ": " + rs.getString(3).replaceAll("\\s+", " "));
                }
            }
            out.sort(null);
            return out;
        });
    }

    @Test
    void migrationsFromVersionOneGiveExactlyTheSchemaOfSchemaSql() throws Exception {
        Path fresh = dir.resolve("fresh.db");
        Path migrated = dir.resolve("migrated.db");
        // A ledger made by the first release: the frozen v1 schema, then opened by this code.
        String v1 = new String(DatabaseTest.class.getResourceAsStream("/db/schema-v1.sql").readAllBytes());
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + migrated)) {
            for (String statement : Schema.statements(v1)) {
                conn.createStatement().execute(statement);
            }
        }
        try (Database a = Database.open(fresh); Database b = Database.open(migrated)) {
            assertEquals(pragma(a, "user_version"), pragma(b, "user_version"));
            assertEquals(shape(a), shape(b));
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                    () -> db.write("orphan history", c -> c.createStatement().executeUpdate(
                            "INSERT INTO task_status_history (task_id, to_status, ts) VALUES ('nope','done','x')")));
            assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
        }
    }

    @Test
    void aNewerLedgerIsRefusedWithTheVersions() throws Exception {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            db.write("bump", c -> c.createStatement().executeUpdate("PRAGMA user_version = 99"));
        }
        LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                () -> Database.open(dir.resolve("ledger.db")));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    private static int taskCount(Database db) {
        return db.read("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tasks")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static int insertTasks(java.sql.Connection c, String prefix, int n) throws java.sql.SQLException {
        try (var ps = c.prepareStatement(
                "INSERT INTO tasks (task_id, status, created_at, updated_at) VALUES (?, 'todo', 'x', 'x')")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, prefix + i);
                ps.executeUpdate();
            }
        }
        return n;
    }

    @Test
    void aWriteThatCannotGetTheLockWritesNothingAndSaysSo() throws Exception {
        Path file = dir.resolve("locked.db");
        try (Database db = Database.open(file, 200, 2)) {
            ForeignWriteLock holder = ForeignWriteLock.take(file);
            try {
                LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                        () -> db.write("insert tasks", c -> insertTasks(c, "T", 50)));
                assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
                assertTrue(e.getMessage().contains("held the write lock"), e.getMessage());
            } finally {
                holder.close();
            }
            assertEquals(0, taskCount(db), "no row of the refused batch is left behind");
            // The pooled connections are clean afterwards: the next write is one whole transaction.
            assertEquals(Integer.valueOf(50), db.<Integer>write("insert tasks", c -> insertTasks(c, "U", 50)));
            assertEquals(50, taskCount(db));
        }
    }

    @Test
    void aWriteWaitsOutALockHeldLongerThanOneBusyTimeoutThenCommitsWhole() throws Exception {
        Path file = dir.resolve("waits.db");
        try (Database db = Database.open(file, 300, 6)) {
            ForeignWriteLock holder = ForeignWriteLock.take(file);
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(900); // three busy timeouts
                    holder.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            assertEquals(Integer.valueOf(100), db.<Integer>write("insert tasks", c -> insertTasks(c, "T", 100)));
            release.join();
            assertEquals(100, taskCount(db));
        }
    }

    @Test
    void theNativeLibraryIsLoadedFromOneCopyUnderHomeNotExtractedPerRun() {
        try (Database db = Database.open(dir.resolve("lib.db"))) {
            String path = System.getProperty("org.sqlite.lib.path");
            assertTrue(path != null && path.contains(".tokenomics"), "cached under ~/.tokenomics/lib: " + path);
            assertTrue(Files.isRegularFile(Path.of(path, System.getProperty("org.sqlite.lib.name"))));
            assertEquals("wal", pragma(db, "journal_mode"));
        }
    }

    @Test
    void aLedgerOpenedInBackgroundIsMigratedBeforeItsFirstUse() {
        try (Database db = Database.openInBackground(dir.resolve("bg/ledger.db"))) {
            int version = db.read("version", Schema::version);
            assertEquals(Schema.CURRENT_VERSION, version);
            assertTrue(Files.isRegularFile(dir.resolve("bg/ledger.db")));
        }
    }

    @Test
    void aBackgroundOpeningThatFailsFailsEveryUseWithItsReason() throws Exception {
        Files.writeString(dir.resolve("file"), "not a folder");
        Path bad = dir.resolve("file/ledger.db");
        Database db = Database.openInBackground(bad);
        for (int i = 0; i < 2; i++) {
            LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                    () -> db.read("version", Schema::version));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
        db.close(); // nothing to close, and no error
    }

    @Test
    void aSnapshotReadNeedsNoFreePoolConnectionForItsReaders() throws Exception {
        // Three calls hold pool connections (as writers waiting for the lock do) and the snapshot
        // takes the fourth for its lock: its readers must still start.
        try (Database db = Database.open(dir.resolve("snap.db"), 300, 2)) {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(3);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<Thread> holders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> db.read("hold", c -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                t.start();
                holders.add(t);
            }
            holding.await();
            try {
                List<Object> r = db.readSnapshot("two readers", 2, List.of(
                        c -> Schema.version(c), c -> Schema.version(c), c -> Schema.version(c)));
                assertEquals(List.of(Schema.CURRENT_VERSION, Schema.CURRENT_VERSION, Schema.CURRENT_VERSION), r);
            } finally {
                release.countDown();
                for (Thread t : holders) {
                    t.join();
                }
            }
        }
    }
}
