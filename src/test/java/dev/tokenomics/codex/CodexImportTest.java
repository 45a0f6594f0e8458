package dev.tokenomics.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A Codex home holding every trap of the rollout format; each expected figure is worked out by hand
 * from the lines written (see the comments by each line).
 */
class CodexImportTest {
    @TempDir
    Path dir;

    Path home() {
        return dir.resolve("codex");
    }

    static String meta(String id, String ts, String forkedFrom) {
        return "{\"timestamp\":\"" + ts + "\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id + "\","
                + "\"cwd\":\"/home/dev/src/app\"" + (forkedFrom == null ? "" : ",\"forked_from_id\":\"" + forkedFrom + "\"")
                + "}}";
    }

    static String turn(String ts, String model) {
        return "{\"timestamp\":\"" + ts + "\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/home/dev/src/app\","
                + "\"model\":\"" + model + "\"}}";
    }

    static String usage(long in, long cached, long out, long reasoning) {
        return "{\"input_tokens\":" + in + ",\"cached_input_tokens\":" + cached + ",\"output_tokens\":" + out
                + ",\"reasoning_output_tokens\":" + reasoning + ",\"total_tokens\":" + (in + out) + "}";
    }

    /** total and last are usage(...) texts or null. */
    static String count(String ts, String total, String last) {
        String info = total == null && last == null ? "null" : "{" + (total == null ? "" : "\"total_token_usage\":" + total)
                + (total != null && last != null ? "," : "") + (last == null ? "" : "\"last_token_usage\":" + last)
                + ",\"model_context_window\":272000}";
        return "{\"timestamp\":\"" + ts + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":"
                + info + ",\"rate_limits\":{\"primary\":{\"used_percent\":12.0}}}}";
    }

    static void write(Path f, String... lines) throws Exception {
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    Path sessionA() {
        return home().resolve("sessions/2026/11/20/rollout-2026-11-20T10-00-00-sessA.jsonl");
    }

    void tree() throws Exception {
        String[] a = {
            meta("sessA", "2026-11-20T10:00:00.000Z", null),
            turn("2026-11-20T10:00:01.000Z", "gpt-5-codex"),
            // gpt-5-codex: in 1000 of which 200 cached -> tokens_in 800, cache read 200, out 100 (40 reasoning inside)
            count("2026-11-20T10:00:10.000Z", usage(1000, 200, 100, 40), usage(1000, 200, 100, 40)),
            // the same running total again (a rate-limit update): a repeat
            count("2026-11-20T10:00:11.000Z", usage(1000, 200, 100, 40), usage(1000, 200, 100, 40)),
            count("2026-11-20T10:00:12.000Z", null, null), // no usage at all
            turn("2026-11-20T10:01:00.000Z", "gpt-5"), // a model switch: what follows is gpt-5's
            // gpt-5: last in 2000 (1000 cached), out 200 -> tokens_in 1000, cache read 1000, out 200
            count("2026-11-20T10:01:30.000Z", usage(3000, 1200, 300, 50), usage(2000, 1000, 200, 10)),
            "{not json",
            // only a running total: differenced, in +500 (cached +0), out +50
            count("2026-11-20T10:02:00.000Z", usage(3500, 1200, 350, 50), null),
            "{\"timestamp\":\"2026-11-20T10:02:01.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\"}}",
        };
        write(sessionA(), a);
        // The same rollout, archived too: counts once.
        write(home().resolve("archived_sessions/rollout-2026-11-20T10-00-00-sessA.jsonl"), a);
        write(home().resolve("sessions/2026/11/21/rollout-2026-11-21T09-00-00-sessB.jsonl"),
                meta("sessB", "2026-11-21T09:00:00.000Z", "sessA"),
                meta("sessA", "2026-11-21T09:00:00.000Z", null), // the ancestor's meta, copied
                // sessA's history copied in one burst at the fork instant: none of it is new
                turn("2026-11-21T09:00:00.001Z", "gpt-5-codex"),
                count("2026-11-21T09:00:00.002Z", usage(1000, 200, 100, 40), usage(1000, 200, 100, 40)),
                turn("2026-11-21T09:00:00.003Z", "gpt-5"),
                count("2026-11-21T09:00:00.004Z", usage(3000, 1200, 300, 50), usage(2000, 1000, 200, 10)),
                count("2026-11-21T09:00:00.005Z", usage(3500, 1200, 350, 50), null),
                "{\"timestamp\":\"2026-11-21T09:00:05.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\"}}",
                // the fork's own first turn, gpt-5: last in 1000 (800 cached), out 100 -> 200, 800, 100
                count("2026-11-21T09:00:09.000Z", usage(4500, 2000, 450, 50), usage(1000, 800, 100, 0)));
        // An old rollout: no session_meta (the id comes from the name), running totals only.
        write(home().resolve("sessions/2026/11/22/rollout-2026-11-22T08-00-00-sessD.jsonl"),
                turn("2026-11-22T08:00:00.000Z", "gpt-5"),
                count("2026-11-22T08:01:00.000Z", usage(100, 0, 10, 0), null), // first total: 100, 0, 10
                count("2026-11-22T08:01:01.000Z", usage(100, 0, 10, 0), null), // repeat
                count("2026-11-22T08:02:00.000Z", usage(250, 50, 30, 0), null)); // +150 (50 cached), +20
    }

    static ImportSummary run(TokenLedger l, Path home) {
        return new CodexSource().importFrom(l, List.of(home), TranscriptImporter.Progress.NONE);
    }

    @Test
    void importCountsEveryCodexTrapOnce() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            ImportSummary s = run(l, home());
            assertEquals(4, s.filesSeen());
            assertEquals(6, s.added()); // A: 3, B: 1, D: 2; the archived copy of A adds none
            assertEquals(2, s.malformed()); // "{not json" in A and in its archived copy
            // A: 1 repeat; its copy: 1 repeat + 3 already stored; B: 3 copied snapshots; D: 1 repeat
            assertEquals(9, s.duplicates());
            Summary codex = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.CODEX));
            assertEquals(6, codex.totals().events());
            assertEquals(List.of(800L, 200L, 100L), buckets(codex.byModel().get("gpt-5-codex")));
            // gpt-5: A 1000+500, B 200, D 100+100 in; A 1000+0, B 800, D 0+50 cache read; A 200+50, B 100, D 10+20 out
            assertEquals(List.of(1900L, 1850L, 380L), buckets(codex.byModel().get("gpt-5")));
            assertEquals(Map.of(Sources.CODEX, 6L), Map.of(Sources.CODEX, codex.bySource().get(Sources.CODEX).events()));
            assertEquals("sessA|app|codex", sql(l, "SELECT session_id || '|' || repo || '|' || source FROM token_events "
                    + "WHERE record_key = 'codex:sessA:0'"));
            assertEquals("1", sql(l, "SELECT COUNT(*) FROM token_events WHERE session_id = 'sessB'"));
            assertEquals("2", sql(l, "SELECT COUNT(*) FROM token_events WHERE session_id = 'sessD'"));

            ImportSummary again = run(l, home());
            assertEquals(4, again.filesUnchanged());
            assertEquals(0, again.added());
            assertEquals(0, again.bytesRead());
        }
    }

    @Test
    void reimportReadsOnlyNewLinesWithTheModelAndTotalsWhereTheyWere() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, home());
            long before = Files.size(sessionA());
            // gpt-5 still in force; last in 500 (300 cached), out 50 -> 200, 300, 50
            Files.writeString(sessionA(), count("2026-11-20T11:00:00.000Z", usage(4000, 1500, 400, 50),
                    usage(500, 300, 50, 0)) + "\n" + count("2026-11-20T11:00:01.000Z", usage(4000, 1500, 400, 50),
                    usage(500, 300, 50, 0)) + "\n", StandardOpenOption.APPEND);
            ImportSummary s = run(l, home());
            assertEquals(1, s.filesRead());
            assertEquals(3, s.filesUnchanged());
            assertEquals(Files.size(sessionA()) - before, s.bytesRead());
            assertEquals(1, s.added());
            assertEquals(1, s.duplicates()); // the second appended snapshot repeats the running total
            Summary codex = l.events().summarize(Scope.ALL, null, null, null, List.of(Sources.CODEX));
            assertEquals(List.of(2100L, 2150L, 430L), buckets(codex.byModel().get("gpt-5")));
            assertEquals("codex:sessA:3", sql(l, "SELECT MAX(record_key) FROM token_events WHERE session_id = 'sessA'"));
        }
    }

    @Test
    void aRewrittenFileIsReadFromTheStartAndAddsNothingTwice() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, home());
            Path d = home().resolve("sessions/2026/11/22/rollout-2026-11-22T08-00-00-sessD.jsonl");
            String text = Files.readString(d).replace("2026-11-22T08:00:00.000Z", "2026-11-22T08:00:00.500Z");
            Files.writeString(d, text);
            ImportSummary s = run(l, home());
            assertEquals(1, s.filesRestarted());
            assertEquals(0, s.added());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void summaryUsageAndReportBreakDownAndFilterBySource() throws Exception {
        tree();
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            run(l, home());
            l.events().record(new dev.tokenomics.ledger.EventInput(null, java.time.Instant.parse("2026-11-20T12:00:00Z"), null,
                    null, null, null, "T1", null, null, null, "gpt-5", null, null, null, null, null, null,
                    new dev.tokenomics.pricing.Usage(7, 3, 0, 0, 0), null, true, null, null, null));
            Map<String, Object> all = call(l, "get_token_summary", Map.of("scope", "all"));
            Map<String, Object> bySource = (Map<String, Object>) all.get("by_source");
            assertEquals(java.util.Set.of("codex", "self-report"), bySource.keySet());
            assertEquals(7, ((Number) all.get("event_count")).intValue());
            Map<String, Object> self = call(l, "get_token_summary", Map.of("scope", "all", "sources", List.of("self-report")));
            assertEquals(10, ((Number) self.get("tokens_total")).intValue());
            // The usage views show measured sources only: the 6 Codex events, gpt-5-codex 800 + 200 + 100 and
            // gpt-5 1900 + 1850 + 380 tokens; the self-report is not among them.
            Map<String, Object> usage = call(l, "get_usage", Map.of("view", "daily"));
            Map<String, Object> totals = (Map<String, Object>) usage.get("totals");
            assertEquals(1100 + 4130, ((Number) totals.get("total_tokens")).intValue());
            List<Map<String, Object>> days = (List<Map<String, Object>>) usage.get("daily");
            assertEquals(java.util.Set.of("codex"), ((Map<String, Object>) days.get(0).get("by_source")).keySet());
            Map<String, Object> claudeOnly = call(l, "get_usage", Map.of("view", "daily", "sources", List.of("claude-code")));
            assertEquals(0, ((Number) ((Map<String, Object>) claudeOnly.get("totals")).get("total_tokens")).intValue());
            Map<String, Object> report = call(l, "tokenomics_report", Map.of("since", "2026-11-20", "until", "2026-11-22",
                    "sections", List.of("coverage"), "sources", List.of("codex")));
            Map<String, Object> coverage = (Map<String, Object>) ((Map<String, Object>) report.get("tables")).get("coverage");
            assertEquals(java.util.Set.of("codex"), ((Map<String, Object>) coverage.get("by_source")).keySet());
            assertEquals(6, ((Number) coverage.get("records")).intValue());
            Map<String, Object> both = call(l, "tokenomics_report", Map.of("since", "2026-11-20", "until", "2026-11-22",
                    "sections", List.of("coverage")));
            assertEquals(7, ((Number) ((Map<String, Object>) ((Map<String, Object>) both.get("tables")).get("coverage"))
                    .get("records")).intValue());
            assertEquals(true, dev.tokenomics.mcp.TokenomicsServer.call(l, "get_token_summary",
                    Map.of("scope", "all", "sources", List.of("nope"))).isError());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(TokenLedger l, String tool, Map<String, Object> args) {
        var r = dev.tokenomics.mcp.TokenomicsServer.call(l, tool, args);
        if (Boolean.TRUE.equals(r.isError())) {
            throw new AssertionError(tool + ": " + r.content());
        }
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void codexHomeComesFromTheEnvironmentElseHome() throws Exception {
        Files.createDirectories(dir.resolve("h/.codex/sessions"));
        Files.createDirectories(dir.resolve("x/sessions"));
        assertEquals(List.of(dir.resolve("h/.codex")), new CodexSource().defaultDirs(Map.of("HOME", dir.resolve("h").toString())));
        assertEquals(List.of(dir.resolve("x")), new CodexSource().defaultDirs(Map.of("CODEX_HOME", dir.resolve("x").toString(),
                "HOME", dir.resolve("h").toString())));
        assertEquals(List.of(), new CodexSource().defaultDirs(Map.of("HOME", dir.resolve("none").toString())));
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
