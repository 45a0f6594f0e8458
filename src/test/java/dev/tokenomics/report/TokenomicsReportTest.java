package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.Clients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every table of the report over the hand-built ledger of {@link ReportFixture}, read through the
 * real MCP client over Streamable HTTP. Each expected figure is worked out in the comment beside it
 * from the fixture's table, never copied from output.
 */
class TokenomicsReportTest {
    @TempDir
    Path dir;

    @Test
    void everyTableMatchesTheHandComputedFigures() throws Exception {
        try (TokenLedger ledger = ReportFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            McpSyncClient client = Clients.streamable(server.port(), null);
            try {
                CallToolResult r = client.callTool(new CallToolRequest("tokenomics_report",
                        Map.of("since", "2026-11-01", "until", "2026-11-03", "concurrency_ceiling", 4)));
                assertFalse(Boolean.TRUE.equals(r.isError()), () -> r.content().toString());
                Map<String, Object> json = map(r.structuredContent());
                String text = ((TextContent) r.content().get(0)).text();
                assertTrue(text.startsWith("Tokenomics report: 2026-11-01 to 2026-11-03 (UTC)"), text);
                checkHeader(json);
                checkHeadline(map(json.get("headline")), text);
                // Model mix: haiku $26 of $26 over 6 complete records; mystery-model unpriced (cost null, not $0).
                List<Map<String, Object>> models = list(json.get("model_mix")).stream().map(TokenomicsReportTest::map)
                        .toList();
                expectRow(models.get(0), "model", "claude-haiku-4-5", "records", 6, "cost_usd", 26);
                expectRow(models.get(1), "model", "mystery-model", "records", 1, "unpriced_records", 1);
                assertNull(models.get(1).get("cost_usd"));
                expectRow(map(json.get("cache")), "hit_rate_pct", 70.2, "saved_usd", 16.8, "without_cache_usd", 21.8,
                        "estimate", true);
                Map<String, Object> tables = map(json.get("tables"));
                checkBucket(map(tables.get("bucket")));
                checkStage(map(tables.get("stage")));
                checkStructureRoleAndCrosstab(tables);
                checkLanesAndBreakeven(map(tables.get("lane")), map(tables.get("breakeven")));
                checkCoverage(map(tables.get("coverage")));
                checkTrends(map(tables.get("trend-day")), map(tables.get("trend-ref")));
                checkLatencyAndConcurrency(map(tables.get("latency")), map(tables.get("concurrency")));
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void withoutACeilingTheDefaultIsThePeakAndItBindsOnlyWhenTheWorkloadSitsAtIt(@TempDir Path other) {
        ReportData spike;
        try (TokenLedger ledger = ReportFixture.build(dir)) {
            spike = TokenomicsReport.run(ledger, ReportRequest.of(java.time.LocalDate.parse("2026-11-01"),
                    java.time.LocalDate.parse("2026-11-03"), java.time.ZoneOffset.UTC));
        }
        // 10:00-10:10 one open, -10:20 two, -10:30 three, -10:40 two, -11:00 one: 10 of 60 busy minutes at 3
        var c = spike.concurrency();
        assertEquals(3, c.ceiling());
        assertFalse(c.ceilingGiven());
        assertEquals(0, c.atPeakPct().compareTo(new java.math.BigDecimal("16.7")), c.atPeakPct().toString());
        String prose = ConcurrencyProse.of(spike);
        assertTrue(prose.contains("the default is the observed peak itself, 3: the workload sat at it for 16.7% of "
                + "its busy time, briefly, so it reads as a spike"), prose);
        assertTrue(ReportText.render(spike).contains("3 (default: the peak)"), ReportText.render(spike));

        ReportData held;
        try (TokenLedger ledger = ReportFixture.open(other, new dev.tokenomics.ledger.SettableClock(
                ReportFixture.t("11-22T10:00")))) {
            // two agents side by side for the whole hour, then one alone for 20 minutes: 60 of 80 minutes at 2
            ledger.events().recordAll(List.of(
                    ReportFixture.event("a", "11-01T11:00", "11-01T10:00", "11-01T11:00", "T", null, null, "execute",
                            "spawn", null, ReportFixture.HAIKU, new dev.tokenomics.pricing.Usage(1, 0, 0, 0, 0), true, null),
                    ReportFixture.event("b", "11-01T11:20", "11-01T10:00", "11-01T11:20", "T", null, null, "execute",
                            "spawn", null, ReportFixture.HAIKU, new dev.tokenomics.pricing.Usage(1, 0, 0, 0, 0), true, null)));
            held = TokenomicsReport.run(ledger, ReportRequest.of(java.time.LocalDate.parse("2026-11-01"),
                    java.time.LocalDate.parse("2026-11-01"), java.time.ZoneOffset.UTC));
        }
        assertEquals(0, held.concurrency().atPeakPct().compareTo(new java.math.BigDecimal("75.0")));
        assertTrue(ConcurrencyProse.of(held).contains("long enough to read as a ceiling that binds (work waits at 2 at "
                + "once)"), ConcurrencyProse.of(held));
    }

    @Test
    void badArgumentsComeBackAsToolErrorsNamingTheValue() throws Exception {
        try (TokenLedger ledger = ReportFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            McpSyncClient client = Clients.streamable(server.port(), null);
            try {
                Map<Map<String, Object>, String> cases = Map.of(
                        Map.of("sections", List.of("bucket", "nope")), "nope",
                        Map.of("since", "2026-11-05", "until", "2026-11-01"), "since",
                        Map.of("timezone", "Mars/Olympus"), "Mars/Olympus",
                        Map.of("since", "yesterday"), "yesterday",
                        Map.of("limit", "ten"), "limit",
                        Map.of("colour", "red"), "colour");
                cases.forEach((args, named) -> {
                    CallToolResult r = client.callTool(new CallToolRequest("tokenomics_report", args));
                    assertTrue(Boolean.TRUE.equals(r.isError()), args + " was accepted");
                    String message = ((TextContent) r.content().get(0)).text();
                    assertTrue(message.contains(named), args + " should name " + named + ": " + message);
                });
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static void checkHeader(Map<String, Object> json) {
        assertEquals(8L, n(json.get("records")).longValue(), "e1..e8 fall in the window");
        assertEquals(7L, n(json.get("complete_records")).longValue(), "e7 is the one lower bound");
        List<Object> caveats = list(json.get("caveats"));
        assertTrue(caveats.get(0).toString().startsWith("Lower bound"), caveats.toString());
        assertTrue(caveats.toString().contains("mystery-model"), caveats.toString());
    }

    /** The skill's headline block: spend, dominant bucket, biggest stage, breakeven savings; right after the caveats. */
    private static void checkHeadline(Map<String, Object> h, String text) {
        // $26 over the 7 complete records; e7 (lower bound) and e6 (unpriced) are left out, so it is a floor.
        expectRow(h, "spend_usd", 26, "spend_is_lower_bound", true, "lower_bound_records", 1, "unpriced_records", 1,
                "dominant_bucket", "output", "dominant_bucket_cost_share_pct", 57.7, "biggest_stage", "execute",
                "biggest_stage_cost_share_pct", 80.8, "breakeven_from_lane", "B", "breakeven_to_lane", "D");
        String line = "Headline: " + h.get("text");
        assertTrue(h.get("text").toString().startsWith("Captured spend at least $26.00 (leaves out 1 lower-bound "
                + "record(s) and 1 unpriced record(s)); output is the dominant cost bucket (57.7% of cost); execute "
                + "the biggest stage (80.8%); B→D breakeven savings: not enough data."), h.toString());
        assertNull(h.get("breakeven_savings_usd"));
        List<String> lines = text.lines().toList();
        int at = lines.indexOf(line);
        assertTrue(at > 0, text);
        assertTrue(lines.get(at - 1).startsWith("Lower bound") || lines.subList(1, at).stream()
                .allMatch(l -> !l.isBlank()), "the headline follows the caveats:\n" + text);
        // The cache estimate follows: e3's 20M reads and e5's 0.8M 5m / 1M 1h writes, all haiku. Read as plain
        // input they cost 21.8M x $1/M = $21.80; with the cache 0.8 x 1.25 + 1 x 2 + 20 x 0.10 = $5.00: $16.80 saved.
        // Hit rate 20M of 28.5M input-side tokens (6.7M input + 1.8M writes + 20M reads) = 70.2%.
        assertEquals("Cache (estimate, at list rates): hit rate 70.2% of input-side tokens; saved $16.80 against "
                + "reading the same tokens as plain input ($21.80).", lines.get(at + 1));
        assertTrue(lines.get(at + 2).isBlank() && lines.get(at + 3).startsWith("Bucket — "), text);
    }

    private static void checkBucket(Map<String, Object> bucket) {
        assertEquals(7L, n(bucket.get("records")).longValue());
        assertEquals(360L, n(bucket.get("loc")).longValue(), "pr 101 100 + pr 102 200 + pr 201 10 + pr 202 50");
        List<Map<String, Object>> rows = rows(bucket);
        // input: e1 5M + e4 1M + e6 0.7M (unpriced) = 6.7M tokens; priced 6M x $1/M = $6
        expectRow(rows.get(0), "bucket", "input", "tokens", 6_700_000, "cost_usd", 6);
        // output: e2 1M + e3 2M = 3M x $5/M = $15, 15/26 of cost = 57.7%
        expectRow(rows.get(1), "bucket", "output", "tokens", 3_000_000, "cost_usd", 15, "cost_share_pct", 57.7);
        expectRow(rows.get(2), "bucket", "cache write 5m", "tokens", 800_000, "cost_usd", 1);
        expectRow(rows.get(3), "bucket", "cache write 1h", "tokens", 1_000_000, "cost_usd", 2);
        // cache read 20M of 31.5M tokens = 63.5%; 20M x $0.10/M = $2
        expectRow(rows.get(4), "bucket", "cache read", "tokens", 20_000_000, "cost_usd", 2, "token_share_pct", 63.5);
        // total 31.5M tokens, $26; per record /7; per LOC /360
        expectRow(map(bucket.get("total")), "tokens", 31_500_000, "cost_usd", 26, "tokens_per_record", 4_500_000,
                "tokens_per_loc", 87_500);
        assertClose(26.0 / 7, map(bucket.get("total")).get("cost_usd_per_record"));
        assertClose(26.0 / 360, map(bucket.get("total")).get("cost_usd_per_loc"));
    }

    private static void checkStage(Map<String, Object> stage) {
        List<Map<String, Object>> rows = rows(stage);
        // execute: e2 e3 e4 e5 e8 = $5 + $12 + $1 + $3 + $0 = $21 (80.8%); durations 30 and 40 -> median 35
        expectRow(rows.get(0), "stage", "execute", "records", 5, "cost_usd", 21, "cost_share_pct", 80.8,
                "median_duration_minutes", 35);
        expectRow(rows.get(1), "stage", "plan", "records", 1, "cost_usd", 5, "median_duration_minutes", 30);
        expectRow(rows.get(2), "stage", "review", "records", 1, "unpriced_records", 1, "input_tokens", 700_000);
        assertNull(rows.get(2).get("median_duration_minutes"), "no durations: a -- cell, not 0");
        expectRow(map(stage.get("total")), "records", 7, "tokens", 31_500_000, "cost_usd", 26);
    }

    private static void checkStructureRoleAndCrosstab(Map<String, Object> tables) {
        List<Map<String, Object>> structure = rows(map(tables.get("structure")));
        // spawn: e1 e2 e3 e8 = 4 records, $22; input 5M / 4 = 1.25M per record
        expectRow(structure.get(0), "structure", "spawn", "records", 4, "cost_usd", 22, "input_per_record", 1_250_000);
        expectRow(structure.get(1), "structure", "inline", "records", 2, "cost_usd", 4, "unpriced", false);
        // batch holds only the unpriced e6: its $ must say unpriced, its tokens stay real
        expectRow(structure.get(2), "structure", "batch", "records", 1, "unpriced", true, "input_per_record", 700_000);
        // role: no role counts as single: e1 e4 e5 e6 e8 -> $5 + $1 + $3 = $9
        List<Map<String, Object>> role = rows(map(tables.get("role")));
        expectRow(role.get(0), "role", "green", "records", 1, "cost_usd", 12);
        expectRow(role.get(1), "role", "single", "records", 5, "cost_usd", 9);
        expectRow(role.get(2), "role", "red", "records", 1, "cost_usd", 5);
        Map<String, Object> cross = map(tables.get("stage-structure"));
        Map<String, Object> executeSpawn = list(cross.get("cells")).stream().map(TokenomicsReportTest::map)
                .filter(c -> "execute".equals(c.get("stage")) && "spawn".equals(c.get("structure"))).findFirst()
                .orElseThrow();
        expectRow(executeSpawn, "records", 3, "cost_usd", 17); // e2 $5 + e3 $12 + e8 $0
    }

    private static void checkLanesAndBreakeven(Map<String, Object> lane, Map<String, Object> breakeven) {
        List<Map<String, Object>> rows = rows(lane);
        // B: T1 (e1 e2: 6M tokens, $10, 100 LOC), T2 (e3 e8: 22M, $12, 200 LOC)
        expectRow(rows.get(0), "lane", "B", "tasks", 2, "records", 4, "cost_usd", 22, "median_tokens_per_task",
                14_000_000, "median_cost_usd_per_task", 11, "median_loc_per_task", 150);
        // D: T3 (10 LOC), T4 (50 LOC), T5 (no ref): median LOC over the two sized tasks = 30
        expectRow(rows.get(1), "lane", "D", "tasks", 3, "records", 3, "cost_usd", 4, "median_loc_per_task", 30,
                "tasks_with_loc", 2);
        // Per record by bucket, over all the lane's records. B's 4: 5M input, 1M + 2M output, 20M read.
        expectRow(rows.get(0), "input_per_record", 1_250_000, "output_per_record", 750_000,
                "cache_creation_per_record", 0, "cache_read_per_record", 5_000_000);
        // D's 3: 1M + 0.7M input (e6's model is unpriced, its tokens still count), 0.8M + 1M cache writes.
        expectRow(rows.get(1), "input_per_record", 566_666.7, "output_per_record", 0,
                "cache_creation_per_record", 600_000, "cache_read_per_record", 0);
        // B fit through (100, 10) and (200, 12): $8 + $0.02/LOC over 100-200 LOC; D through (10, 1) and (50, 3):
        // $0.5 + $0.05/LOC over 10-50 LOC. The lines cross at 250 LOC, outside both lanes' sizes, and B's tasks
        // (100 and 200 LOC) lie outside the sizes D was fitted on: D's line cannot price them (not enough data),
        // where it used to extrapolate and report $6 of savings.
        assertEquals("B", breakeven.get("from_lane"));
        assertEquals("D", breakeven.get("to_lane"));
        expectRow(map(breakeven.get("from_fit")), "tasks", 2, "min_loc", 100, "max_loc", 200, "fixed_cost_usd", 8,
                "cost_usd_per_loc", 0.02);
        expectRow(map(breakeven.get("to_fit")), "tasks", 2, "min_loc", 10, "max_loc", 50, "fixed_cost_usd", 0.5,
                "cost_usd_per_loc", 0.05);
        assertNull(breakeven.get("crossing_loc"), "250 LOC is outside the sizes either lane has");
        assertTrue(breakeven.get("note").toString().contains("do not overlap"), breakeven.toString());
        assertEquals(List.of(), rows(breakeven));
        assertEquals(List.of("T1", "T2"), breakeven.get("not_enough_data_tasks"));
        assertNull(breakeven.get("total_savings_usd"), "no task could be priced: not enough data, not $0");
    }

    private static void checkCoverage(Map<String, Object> coverage) {
        // all 8 records: all have a model, 7 priced (e6 is not), e7 lower bound and excluded, e8 error
        expectRow(coverage, "records", 8, "with_model", 8, "priced", 7, "priced_pct", 87.5, "lower_bound_records", 1,
                "excluded_from_cost_tables", 1, "error_records", 1, "invariant_ok", true);
        assertEquals(Map.of("mystery-model", 1), Map.of("mystery-model",
                n(map(coverage.get("unpriced_models")).get("mystery-model")).intValue()));
        // every fixture event is self-reported: one source, nothing measured to set beside it
        assertEquals(Set.of("self-report"), map(coverage.get("by_source")).keySet());
        expectRow(map(map(coverage.get("by_source")).get("self-report")), "records", 8);
        assertEquals(false, coverage.get("mixes_self_reported_and_measured"));
    }

    private static void checkTrends(Map<String, Object> day, Map<String, Object> ref) {
        List<Map<String, Object>> days = rows(day);
        assertEquals(3, days.size(), "every day of the window, empty or not");
        // 11-01: e1 e2 e3 = 28M tokens, $22; 11-02: e4 e5 = 2.8M, $4; 11-03: e6 e8 (e7 excluded) = 0.7M, $0
        expectRow(days.get(0), "date", "2026-11-01", "records", 3, "tokens", 28_000_000, "cost_usd", 22,
                "outlier", false);
        expectRow(days.get(1), "date", "2026-11-02", "records", 2, "tokens", 2_800_000, "cost_usd", 4);
        expectRow(days.get(2), "date", "2026-11-03", "records", 2, "tokens", 700_000, "cost_usd", 0);
        // costs 22, 4, 0: median 4, |deviations| 18, 0, 4 -> MAD 4; z(22) = 0.6745 * 18 / 4 = 3.035: not > 3.5
        assertClose(3.04, days.get(0).get("z"));
        List<Map<String, Object>> refs = rows(ref);
        // most recent merge first: pr 202 (11-02 13:00) ... pr 101 (11-01 12:00)
        expectRow(refs.get(0), "ref_id", "202", "records", 1, "cost_usd", 3, "loc", 50, "cost_usd_per_loc", 0.06);
        expectRow(refs.get(3), "ref_id", "101", "records", 2, "tokens", 6_000_000, "cost_usd", 10, "loc", 100,
                "cost_usd_per_loc", 0.1);
    }

    private static void checkLatencyAndConcurrency(Map<String, Object> latency, Map<String, Object> concurrency) {
        List<Map<String, Object>> rows = rows(latency);
        // T1 09:00 -> 11:00 = 120 min, T2 10:00 -> 10:30 = 30 min: median 75
        expectRow(rows.get(0), "source", "task_status_history", "n", 2, "median_minutes", 75);
        Map<String, Object> spawn = rows.stream().filter(r -> r.get("label").toString().contains("spawn"))
                .findFirst().orElseThrow();
        assertTrue(spawn.get("label").toString().contains("session lifetime"), spawn.toString());
        expectRow(spawn, "n", 3, "median_minutes", 30); // 30, 30, 40
        // e1 [10:00, 10:30], e2 [10:10, 10:40], e3 [10:20, 11:00] all overlap at 10:20; the other five
        // records have no interval and are counted, not swept, so the peak is a lower bound; 3 of 4 = 75%
        expectRow(concurrency, "interval_records", 3, "peak", 3, "peak_at", "2026-11-01T10:20:00.000Z",
                "point_in_time_records", 5, "lower_bound", true, "ceiling", 4, "utilisation_pct", 75);
        // The assessment as prose: the peak, why it is a lower bound, the ceiling and whether it binds.
        String prose = concurrency.get("assessment").toString();
        assertTrue(prose.startsWith("Observed peak: 3 overlapping agent interval(s) at 2026-11-01 10:20:00"), prose);
        assertTrue(prose.contains("It is a lower bound: 5 point-in-time record(s)"), prose);
        assertTrue(prose.contains("Against the ceiling of 4 the peak uses 75.0%: the workload is well below the "
                + "ceiling"), prose);
        // 5 point-in-time against 3 intervals: the metric is mostly blind, so it says what to capture.
        assertTrue(prose.contains("record each agent's work with its interval"), prose);
    }

    // --- helpers -------------------------------------------------------------------------------

    static void expectRow(Map<String, Object> row, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object expected = keyValues[i + 1];
            Object actual = row.get(key);
            if (expected instanceof Number number) {
                assertTrue(actual instanceof Number, key + " should be a number in " + row);
                assertEquals(0, new BigDecimal(number.toString()).compareTo(n(actual)), key + " in " + row);
            } else {
                assertEquals(expected, actual, key + " in " + row);
            }
        }
    }

    static void assertClose(double expected, Object actual) {
        assertTrue(actual instanceof Number, "not a number: " + actual);
        assertEquals(expected, ((Number) actual).doubleValue(), 0.006, "got " + actual);
    }

    static BigDecimal n(Object o) {
        return new BigDecimal(o.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static List<Map<String, Object>> rows(Map<String, Object> table) {
        return list(table.get("rows")).stream().map(TokenomicsReportTest::map).toList();
    }
}
