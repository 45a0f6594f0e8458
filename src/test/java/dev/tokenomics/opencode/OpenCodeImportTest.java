package dev.tokenomics.opencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenCode data folder holding every trap of its formats: a real opencode.db (OpenCode's session,
 * message and part tables, built with sqlite-jdbc) and the legacy JSON storage beside it. Each expected
 * figure is worked out by hand from the rows written (see the comments by each one).
 */
class OpenCodeImportTest {
    @TempDir
    Path dir;

    Path data() {
        return dir.resolve("opencode");
    }

    Path db() {
        return data().resolve("opencode.db");
    }

    static final String SONNET = "claude-sonnet-4-5";

    /** Assistant message data as OpenCode stores it (without id and sessionID, which are columns). */
    static String assistant(String model, long created, long in, long out, long reasoning, long read, long write,
            String cost) {
        return "{\"role\":\"assistant\",\"time\":{\"created\":" + created + ",\"completed\":" + (created + 500) + "},"
                + "\"modelID\":\"" + model + "\",\"providerID\":\"anthropic\",\"mode\":\"build\",\"path\":{\"cwd\":"
                + "\"/home/dev/src/shop\",\"root\":\"/home/dev/src/shop\"},\"cost\":" + cost + ",\"tokens\":{\"input\":"
                + in + ",\"output\":" + out + ",\"reasoning\":" + reasoning + ",\"cache\":{\"read\":" + read
                + ",\"write\":" + write + "}}}";
    }

    static final long T = 1_795_000_000_000L; // 2026-11-18T...

    static void schema(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, "
                    + "slug TEXT NOT NULL, directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, "
                    + "cost REAL NOT NULL DEFAULT 0, tokens_input INTEGER NOT NULL DEFAULT 0, "
                    + "tokens_output INTEGER NOT NULL DEFAULT 0, tokens_reasoning INTEGER NOT NULL DEFAULT 0, "
                    + "tokens_cache_read INTEGER NOT NULL DEFAULT 0, tokens_cache_write INTEGER NOT NULL DEFAULT 0, "
                    + "time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL)");
            s.execute("CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES session(id), "
                    + "time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
            s.execute("CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, "
                    + "time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
        }
    }

    static void message(Connection c, String id, String session, long created, long updated, String data)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message (id, session_id, time_created, time_updated, "
                + "data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET time_updated = excluded.time_updated, "
                + "data = excluded.data")) {
            ps.setString(1, id);
            ps.setString(2, session);
            ps.setLong(3, created);
            ps.setLong(4, updated);
            ps.setString(5, data);
            ps.executeUpdate();
        }
    }

    Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + db());
    }

    void tree() throws Exception {
        Files.createDirectories(data());
        try (Connection c = open()) {
            schema(c);
            try (Statement s = c.createStatement()) {
                // The session's counters repeat its messages' tokens: not read.
                s.execute("INSERT INTO session VALUES ('ses1', 'p1', NULL, 's', '/home/dev/src/shop', 't', '1.0', 9.9, "
                        + "99999, 99999, 99999, 99999, 99999, " + T + ", " + T + ")");
            }
            message(c, "m1", "ses1", T, T, "{\"role\":\"user\",\"time\":{\"created\":" + T + "}}"); // no tokens
            // sonnet: in 100, out 50 + reasoning 20 = 70, cache read 1000, write 200 (OpenCode's cost kept beside)
            message(c, "m2", "ses1", T + 1000, T + 2000, assistant(SONNET, T + 1000, 100, 50, 20, 1000, 200, "0.05"));
            message(c, "m3", "ses1", T + 3000, T + 4000, assistant("gpt-5", T + 3000, 300, 30, 0, 0, 0, "0")); // 300, 30
            message(c, "m4", "ses1", T + 5000, T + 5000, assistant("gpt-5", T + 5000, 0, 0, 0, 0, 0, "0")); // streaming
            message(c, "m5", "ses1", T + 6000, T + 6000, "{\"role\":\"assistant\",\"tokens\":"); // malformed
            try (Statement s = c.createStatement()) {
                // m2's step-finish part holds the same usage again: not added on top.
                s.execute("INSERT INTO part VALUES ('p1', 'm2', 'ses1', " + T + ", " + T + ", '{\"type\":\"step-finish\","
                        + "\"tokens\":{\"input\":100,\"output\":50,\"reasoning\":20,\"cache\":{\"read\":1000,\"write\":200}},"
                        + "\"cost\":0.05}')");
            }
        }
        // Legacy JSON storage: m2 again (migrated into the database, which wins), and a message only here.
        Path storage = data().resolve("storage/message");
        Files.createDirectories(storage.resolve("ses1"));
        Files.writeString(storage.resolve("ses1/m2.json"), "{\"id\":\"m2\",\"sessionID\":\"ses1\"," + assistant(SONNET,
                T + 1000, 999, 999, 0, 0, 0, "0.99").substring(1));
        Files.createDirectories(storage.resolve("ses0"));
        // sonnet: 10, 5 (+0 reasoning), no cache
        Files.writeString(storage.resolve("ses0/m0.json"), "{\"id\":\"m0\",\"sessionID\":\"ses0\","
                + assistant(SONNET, T - 86_400_000L, 10, 5, 0, 0, 0, "0").substring(1));
        Files.writeString(storage.resolve("ses0/bad.json"), "{oops"); // malformed
    }

    static ImportSummary run(TokenLedger l, Path data) {
        return new OpenCodeSource().importFrom(l, List.of(data), TranscriptImporter.Progress.NONE);
    }

    @Test
    void importCountsEveryOpenCodeTrapOnceAndNeverWritesItsDatabase() throws Exception {
        tree();
        byte[] dbBefore = Files.readAllBytes(db());
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            ImportSummary s = run(l, data());
            assertEquals(4, s.filesSeen()); // the database and three JSON files
            assertEquals(3, s.added()); // m2, m3 from the database; m0 from JSON
            assertEquals(1, s.duplicates()); // m2.json: already stored from the database
            assertEquals(2, s.malformed()); // m5's data, bad.json
            Summary oc = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.OPENCODE));
            assertEquals(3, oc.totals().events());
            // sonnet: m2 100 + m0 10 in, 1000 cache read, 70 + 5 out, 200 cache write; gpt-5: m3 300, 0, 30
            assertEquals(List.of(110L, 1000L, 75L, 200L), buckets(oc.byModel().get(SONNET)));
            assertEquals(List.of(300L, 0L, 30L, 0L), buckets(oc.byModel().get("gpt-5")));
            assertEquals("ses1|shop|opencode|50000000", sql(l, "SELECT session_id || '|' || repo || '|' || source || '|' || "
                    + "reported_cost_nanos FROM token_events WHERE record_key = 'opencode:m2'"));

            ImportSummary again = run(l, data());
            assertEquals(4, again.filesUnchanged());
            assertEquals(0, again.added() + again.replaced());
            assertEquals(0, again.bytesRead());
        }
        assertArrayEquals(dbBefore, Files.readAllBytes(db()));
        assertFalse(Files.exists(data().resolve("opencode.db-wal")));
    }

    @Test
    void reimportReadsOnlyMessagesUpdatedSinceAndTakesTheirFinalTokens() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, data());
            try (Connection c = open()) {
                // m4 finished streaming: gpt-5 in 40, out 4 + reasoning 6; and a new m6: sonnet 7, 3, read 70
                message(c, "m4", "ses1", T + 5000, T + 9000, assistant("gpt-5", T + 5000, 40, 4, 6, 0, 0, "0"));
                message(c, "m6", "ses1", T + 9500, T + 9500, assistant(SONNET, T + 9500, 7, 3, 0, 70, 0, "0"));
            }
            ImportSummary s = run(l, data());
            assertEquals(1, s.filesRead()); // the database; the JSON files are unchanged
            assertEquals(2, s.added());
            // rows updated at or after the newest read before (m5, at T + 6000): m5 again (still malformed), m4, m6
            assertEquals(3, s.lines());
            Summary oc = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.OPENCODE));
            assertEquals(List.of(340L, 0L, 40L, 0L), buckets(oc.byModel().get("gpt-5")));
            assertEquals(List.of(117L, 1070L, 78L, 200L), buckets(oc.byModel().get(SONNET)));
        }
    }

    @Test
    void aChannelDatabaseHoldingTheSameMessagesAddsNothing() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, data());
            Files.copy(db(), data().resolve("opencode-beta.db"));
            ImportSummary s = run(l, data());
            assertEquals(5, s.filesSeen());
            assertEquals(1, s.filesRead());
            assertEquals(0, s.added());
            assertEquals(2, s.replaced()); // m2 and m3 again, the same numbers: once
            Summary oc = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.OPENCODE));
            assertEquals(3, oc.totals().events());
            assertEquals(List.of(110L, 1000L, 75L, 200L), buckets(oc.byModel().get(SONNET)));
        }
    }

    @Test
    void openCodeDataComesFromTheEnvironmentElseXdgElseHome() throws Exception {
        Files.createDirectories(dir.resolve("h/.local/share/opencode/storage/message"));
        Files.createDirectories(dir.resolve("xdg/opencode"));
        Files.writeString(dir.resolve("xdg/opencode/opencode.db"), "");
        Files.createDirectories(dir.resolve("x"));
        OpenCodeSource o = new OpenCodeSource();
        String home = dir.resolve("h").toString();
        assertEquals(List.of(dir.resolve("h/.local/share/opencode")), o.defaultDirs(Map.of("HOME", home)));
        assertEquals(List.of(dir.resolve("xdg/opencode")), o.defaultDirs(Map.of("HOME", home, "XDG_DATA_HOME",
                dir.resolve("xdg").toString())));
        assertEquals(List.of(dir.resolve("x")), o.defaultDirs(Map.of("OPENCODE_DATA_DIR", dir.resolve("x").toString(),
                "HOME", home)));
        assertEquals(List.of(), o.defaultDirs(Map.of("HOME", dir.resolve("none").toString())));
    }

    private static List<Long> buckets(dev.tokenomics.ledger.Totals t) {
        return List.of(t.inputTokens(), t.cacheReadTokens(), t.outputTokens(), t.cacheWrite5mTokens());
    }

    static String sql(TokenLedger ledger, String query) {
        return dev.tokenomics.ledger.TestLedgers.read(ledger, c -> {
            try (var rs = c.createStatement().executeQuery(query)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
