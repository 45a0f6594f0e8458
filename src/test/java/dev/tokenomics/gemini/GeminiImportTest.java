package dev.tokenomics.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gemini CLI tmp folder holding every trap of the chat format; each expected figure is worked out by
 * hand from the records written (see the comments by each one).
 */
class GeminiImportTest {
    @TempDir
    Path dir;

    Path root() {
        return dir.resolve("gemini-tmp");
    }

    Path chats() {
        return root().resolve("0f1e2d3c/chats");
    }

    Path sessionA() {
        return chats().resolve("session-2026-11-20T10-00-aaaa1111.jsonl");
    }

    static String meta(String session, String kind) {
        return "{\"sessionId\":\"" + session + "\",\"projectHash\":\"0f1e2d3c\",\"startTime\":\"2026-11-20T10:00:00.000Z\","
                + "\"lastUpdated\":\"2026-11-20T10:00:00.000Z\",\"kind\":\"" + kind + "\"}";
    }

    static String tokens(long input, long cached, long output, long thoughts, long tool) {
        return "{\"input\":" + input + ",\"output\":" + output + ",\"cached\":" + cached + ",\"thoughts\":" + thoughts
                + ",\"tool\":" + tool + ",\"total\":" + (input + output + thoughts + tool) + "}";
    }

    /** A gemini message; model and tokens may be null (the tokens then come in a later record). */
    static String gemini(String id, String ts, String model, String tokens) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"" + ts + "\",\"type\":\"gemini\",\"content\":\"Sure: the "
                + "\\\"tokens\\\" field.\",\"thoughts\":[{\"subject\":\"plan\",\"description\":\"think\"}]"
                + (model == null ? "" : ",\"model\":\"" + model + "\"") + ",\"tokens\":" + (tokens == null ? "null" : tokens)
                + "}";
    }

    static String user(String id, String ts) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"" + ts + "\",\"type\":\"user\",\"content\":[{\"text\":\"go\"}]}";
    }

    static void write(Path f, String... lines) throws Exception {
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static final String PRO = "gemini-2.5-pro";
    static final String FLASH = "gemini-2.5-flash";

    void tree() throws Exception {
        Files.createDirectories(chats());
        Files.writeString(root().resolve("0f1e2d3c/.project_root"), "/home/dev/src/app\n");
        write(sessionA(),
                meta("sessA", "main"),
                user("u1", "2026-11-20T10:00:01.000Z"),
                gemini("g1", "2026-11-20T10:00:02.000Z", PRO, null), // no tokens yet
                // re-appended as its tokens arrive: in 1000 of which 400 cached, tool 20 -> tokens_in 620,
                // cache read 400; out 50 + thoughts 30 -> 80
                gemini("g1", "2026-11-20T10:00:02.000Z", PRO, tokens(1000, 400, 50, 30, 20)),
                // and again with its tool calls: the same message, the same tokens
                gemini("g1", "2026-11-20T10:00:02.000Z", PRO, tokens(1000, 400, 50, 30, 20)).replace("\"tokens\"",
                        "\"toolCalls\":[{\"id\":\"t1\",\"name\":\"ls\",\"args\":{}}],\"tokens\""),
                "{\"$set\":{\"lastUpdated\":\"2026-11-20T10:00:03.000Z\"}}",
                gemini("g2", "2026-11-20T10:01:00.000Z", FLASH, tokens(200, 0, 10, 0, 0)), // superseded below
                gemini("g2", "2026-11-20T10:01:00.000Z", FLASH, tokens(500, 0, 100, 0, 0)), // flash 500, 0, 100
                "{not json",
                "{\"$rewindTo\":\"g2\"}", // dropped from the conversation, still billed
                // the whole message list again, in a metadata update: copies, not usage
                "{\"$set\":{\"messages\":[" + gemini("g1", "2026-11-20T10:00:02.000Z", PRO, tokens(1000, 400, 50, 30, 20))
                        + "," + gemini("g9", "2026-11-20T10:01:30.000Z", PRO, tokens(9999, 0, 9999, 0, 0)) + "]}}",
                // no model on the record: the last one named (flash). in 300 (100 cached) -> 200, 100; out 20
                gemini("g3", "2026-11-20T10:02:00.000Z", null, tokens(300, 100, 20, 0, 0)),
                gemini("g4", "2026-11-20T10:03:00.000Z", FLASH, "{\"input\":\"many\",\"output\":1}")); // malformed
        // A legacy session file, later resumed into a .jsonl that copies its messages (ids unchanged).
        String b1 = gemini("b1", "2026-11-19T09:00:01.000Z", PRO, tokens(2000, 1000, 200, 100, 0)); // 1000, 1000, 300
        String b2 = gemini("b2", "2026-11-19T09:00:05.000Z", PRO, tokens(100, 0, 10, 0, 0)); // 100, 0, 10
        Files.writeString(chats().resolve("session-2026-11-19T09-00-bbbb2222.json"), "{\n  \"sessionId\": \"sessB\",\n"
                + "  \"projectHash\": \"0f1e2d3c\",\n  \"startTime\": \"2026-11-19T09:00:00.000Z\",\n  \"messages\": [\n    "
                + user("bu", "2026-11-19T09:00:00.500Z") + ",\n    " + b1 + ",\n    " + b2 + "\n  ]\n}\n");
        write(chats().resolve("session-2026-11-19T09-00-bbbb2222.jsonl"),
                meta("sessB", "main"), user("bu", "2026-11-19T09:00:00.500Z"), b1, b2,
                "{\"$set\":{\"sessionId\":\"sessB\"}}",
                gemini("b3", "2026-11-19T10:00:00.000Z", PRO, tokens(400, 0, 40, 0, 0))); // 400, 0, 40
        // A subagent's chat, under its parent session's folder: flash 100, 0, 5
        write(chats().resolve("sessA/sub-xyz.jsonl"), meta("sub-xyz", "subagent"),
                gemini("s1", "2026-11-20T10:00:30.000Z", FLASH, tokens(100, 0, 5, 0, 0)));
        // Not chats: logs and other files beside them are not read.
        Files.writeString(root().resolve("0f1e2d3c/logs.json"), "[{\"sessionId\":\"sessA\",\"type\":\"user\"}]");
    }

    static ImportSummary run(TokenLedger l, Path root) {
        return new GeminiSource().importFrom(l, List.of(root), TranscriptImporter.Progress.NONE);
    }

    @Test
    void importCountsEveryGeminiTrapOnce() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            ImportSummary s = run(l, root());
            assertEquals(4, s.filesSeen());
            assertEquals(7, s.added()); // g1 g2 g3, b1 b2 b3, s1
            assertEquals(2, s.replaced()); // b1 and b2 again from the resumed .jsonl: the same numbers, once
            assertEquals(2, s.malformed()); // "{not json" and g4's tokens
            assertTrue(s.malformedSamples().get(0).contains("aaaa1111.jsonl:9"), s.malformedSamples().toString());
            assertEquals(3, s.duplicates()); // g1's first two records and g2's first, superseded in the file
            Summary gem = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.GEMINI_CLI));
            assertEquals(7, gem.totals().events());
            // pro: g1 620 + b1 1000 + b2 100 + b3 400 in; 400 + 1000 cache read; 80 + 300 + 10 + 40 out
            assertEquals(List.of(2120L, 1400L, 430L), buckets(gem.byModel().get(PRO)));
            // flash: g2 500 + g3 200 + s1 100 in; g3 100 cache read; 100 + 20 + 5 out
            assertEquals(List.of(800L, 100L, 125L), buckets(gem.byModel().get(FLASH)));
            assertEquals("sessA|app|gemini-cli|", sql(l, "SELECT session_id || '|' || repo || '|' || source || '|' || "
                    + "COALESCE(agent, '') FROM token_events WHERE record_key = 'gemini:sessA:g1'"));
            assertEquals("sessA|sub-xyz", sql(l, "SELECT session_id || '|' || agent FROM token_events "
                    + "WHERE record_key = 'gemini:sub-xyz:s1'"));
            assertEquals("3", sql(l, "SELECT COUNT(*) FROM token_events WHERE session_id = 'sessB'"));

            ImportSummary again = run(l, root());
            assertEquals(4, again.filesUnchanged());
            assertEquals(0, again.added() + again.replaced());
            assertEquals(0, again.bytesRead());
        }
    }

    @Test
    void reimportReadsOnlyNewRecordsAndAReappendedMessageReplacesItsEvent() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, root());
            long before = Files.size(sessionA());
            // g3 again with its final tokens (in 600, 100 cached -> 500; out 40), then a new g5 (flash, no model
            // on the record: 50, 0, 5), then a record still being written (no newline, not complete JSON)
            String more = gemini("g3", "2026-11-20T10:02:00.000Z", null, tokens(600, 100, 40, 0, 0)) + "\n"
                    + gemini("g5", "2026-11-20T10:04:00.000Z", null, tokens(50, 0, 5, 0, 0)) + "\n";
            Files.writeString(sessionA(), more + "{\"id\":\"g6\",\"timestamp\":", StandardOpenOption.APPEND);
            ImportSummary s = run(l, root());
            assertEquals(1, s.filesRead());
            assertEquals(3, s.filesUnchanged());
            assertEquals(more.getBytes(StandardCharsets.UTF_8).length, s.bytesRead());
            assertEquals(1, s.added());
            assertEquals(1, s.replaced());
            assertEquals(1, s.pendingLines());
            Summary gem = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.GEMINI_CLI));
            // flash: g2 500 + g3 500 + s1 100 + g5 50 in; g3 100 read; 100 + 40 + 5 + 5 out
            assertEquals(List.of(1150L, 100L, 150L), buckets(gem.byModel().get(FLASH)));
            assertEquals(List.of(2120L, 1400L, 430L), buckets(gem.byModel().get(PRO)));

            Files.writeString(sessionA(), "\"2026-11-20T10:05:00.000Z\",\"type\":\"gemini\",\"model\":\"" + PRO
                    + "\",\"tokens\":" + tokens(10, 0, 1, 0, 0) + "}\n", StandardOpenOption.APPEND);
            ImportSummary done = run(l, root());
            assertEquals(1, done.added());
            assertEquals(0, done.pendingLines());
            assertEquals(Files.size(sessionA()) - before - more.getBytes(StandardCharsets.UTF_8).length,
                    done.bytesRead());
        }
    }

    @Test
    void aRewrittenLegacyFileIsReadAgainAndAddsNothingTwice() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, root());
            Path legacy = chats().resolve("session-2026-11-19T09-00-bbbb2222.json");
            Files.writeString(legacy, Files.readString(legacy).replace("\"startTime\"", "\"summary\": \"x\",\n  \"startTime\""));
            ImportSummary s = run(l, root());
            assertEquals(1, s.filesRead());
            assertEquals(0, s.added());
            assertEquals(2, s.replaced());
            Summary gem = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.GEMINI_CLI));
            assertEquals(7, gem.totals().events());
        }
    }

    @Test
    void geminiDataComesFromTheEnvironmentElseHome() throws Exception {
        Files.createDirectories(dir.resolve("h/.gemini/tmp"));
        Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(dir.resolve("y"));
        GeminiSource g = new GeminiSource();
        assertEquals(List.of(dir.resolve("h/.gemini/tmp")), g.defaultDirs(Map.of("HOME", dir.resolve("h").toString())));
        assertEquals(List.of(dir.resolve("x"), dir.resolve("y")), g.defaultDirs(Map.of("GEMINI_DATA_DIR",
                dir.resolve("x") + ", " + dir.resolve("y") + "," + dir.resolve("none"), "HOME", dir.resolve("h").toString())));
        assertEquals(List.of(), g.defaultDirs(Map.of("HOME", dir.resolve("none").toString())));
    }

    private static List<Long> buckets(dev.tokenomics.ledger.Totals t) {
        return List.of(t.inputTokens(), t.cacheReadTokens(), t.outputTokens());
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
