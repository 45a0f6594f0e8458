package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.assistant;
import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage views over an imported fixture, and both tools over the real MCP client (Streamable
 * HTTP), the import sending progress notifications for the token the client gave.
 *
 * <pre>
 * day 2026-11-20 (UTC): r1 10:00 sonnet in 200,000 out 100,000 ($0.60 + $1.50 = $2.10; a prompt of
 *                       exactly 200k stays at base rates)
 *                       r2 12:30 haiku  in 1,000,000 out 200,000 ($1 + $1 = $2.00)
 *                       r3 16:00 sonnet in 100 out 0             ($0.0003)
 * day 2026-11-21:       r4 03:00 haiku  in 2,000,000 out 0        ($2.00), in session s2
 * blocks: [10:00, 15:00) holds r1 r2; r3 at 16:00 opens [16:00, 21:00); r4 (11 h later) opens [03:00, 08:00)
 * </pre>
 */
class UsageViewsTest {
    @TempDir
    Path dir;

    private void tree() throws Exception {
        Path p = dir.resolve("claude/projects/-home-dev-src-app");
        write(p.resolve("s1.jsonl"),
                simple("r1", "q1", "s1", "2026-11-20T10:00:00.000Z", 200_000, 100_000),
                assistant("r2", "q2", "s1", "2026-11-20T12:30:00.000Z", "claude-haiku-4-5", 1_000_000, 200_000, 0, 0,
                        null, null, false, null, false),
                simple("r3", "q3", "s1", "2026-11-20T16:00:00.000Z", 100, 0));
        write(p.resolve("s2.jsonl"),
                assistant("r4", "q4", "s2", "2026-11-21T03:00:00.000Z", "claude-haiku-4-5", 2_000_000, 0, 0, 0, null,
                        null, false, null, false));
    }

    @Test
    void bothToolsOverTheRealClientWithProgress() throws Exception {
        tree();
        try (TokenLedger ledger = LedgerTestSupport.open(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                            .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                    .requestTimeout(Duration.ofSeconds(60)).progressConsumer(progress::add).build();
            client.initialize();
            try {
                CallToolResult imported = client.callTool(new CallToolRequest("import_transcripts",
                        Map.of("dirs", List.of(dir.resolve("claude").toString())), Map.of("progressToken", "imp-1")));
                assertFalse(Boolean.TRUE.equals(imported.isError()), imported.content().toString());
                assertEquals(4, ((Number) map(imported.structuredContent()).get("added")).intValue());
                long deadline = System.currentTimeMillis() + 5_000;
                // Notifications may arrive after the result: wait for the last one, not the first.
                while (progress.stream().noneMatch(p -> p.progress() == 2.0) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(progress.isEmpty(), "no progress notification arrived");
                assertTrue(progress.stream().allMatch(p -> "imp-1".equals(p.progressToken())), progress.toString());
                assertTrue(progress.stream().anyMatch(p -> p.progress() == 2.0), "2 of 2 files: " + progress);

                Map<String, Object> daily = map(client.callTool(new CallToolRequest("get_usage",
                        Map.of("view", "daily"))).structuredContent());
                List<Map<String, Object>> days = rows(daily.get("daily"));
                assertEquals(2, days.size());
                assertEquals("2026-11-20", days.get(0).get("date"));
                assertEquals(1_200_100L, ((Number) days.get(0).get("input_tokens")).longValue());
                assertEquals(300_000L, ((Number) days.get(0).get("output_tokens")).longValue());
                // $2.10 + $2.00 + $0.0003
                assertEquals(0, new BigDecimal("4.1003").compareTo(new BigDecimal(days.get(0).get("cost_usd").toString())));
                assertEquals(List.of("claude-haiku-4-5", "claude-sonnet-4-5"), days.get(0).get("models_used"));
                Map<String, Object> haiku = rows(days.get(0).get("model_breakdowns")).get(0);
                assertEquals("claude-haiku-4-5", haiku.get("model_name"));
                assertEquals(0, new BigDecimal("2").compareTo(new BigDecimal(haiku.get("cost_usd").toString())));
                // 1,200,100 + 300,000 on the 20th, 2,000,000 on the 21st
                assertEquals(3_500_100L, ((Number) map(daily.get("totals")).get("total_tokens")).longValue());

                CallToolResult bad = client.callTool(new CallToolRequest("get_usage", Map.of("view", "hourly")));
                assertTrue(Boolean.TRUE.equals(bad.isError()));
                assertTrue(bad.content().toString().contains("hourly"), bad.content().toString());
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void blocksSessionsAndZones() throws Exception {
        tree();
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(dir.resolve("claude")));
            var now = java.time.Instant.parse("2026-11-21T04:00:00Z");
            UsageReport.Result blocks = UsageReport.run(ledger, new UsageReport.Request(UsageReport.View.BLOCKS, null,
                    null, java.time.ZoneId.of("UTC"), false, null, null, true), now);
            List<Map<String, Object>> b = rows(blocks.json().get("blocks"));
            assertEquals(3, b.size());
            assertEquals("2026-11-20T10:00:00Z", b.get(0).get("start"));
            assertEquals(1_500_000L, ((Number) b.get(0).get("total_tokens")).longValue());
            // 1,500,000 tokens over the 150 minutes from 10:00 to 12:30
            assertEquals(10_000.0, ((Number) b.get(0).get("burn_rate_tokens_per_minute")).doubleValue(), 0.05);
            assertEquals("2026-11-20T16:00:00Z", b.get(1).get("start"));
            assertNull(b.get(1).get("burn_rate_tokens_per_minute"), "one entry: no span to divide by");
            assertEquals("2026-11-21T03:00:00Z", b.get(2).get("start"));
            assertEquals(true, b.get(2).get("active"));
            // --token-limit max: the largest finished block, 1,500,000; the active one already holds 2,000,000
            assertEquals(1_500_000L, ((Number) blocks.json().get("token_limit")).longValue());
            assertEquals(true, b.get(2).get("over_limit"));
            assertEquals(133.3, ((Number) b.get(2).get("percent_of_limit")).doubleValue(), 0.01);

            UsageReport.Result sessions = UsageReport.run(ledger, new UsageReport.Request(UsageReport.View.SESSION,
                    null, null, java.time.ZoneId.of("UTC"), false, null, null, false), now);
            List<Map<String, Object>> s = rows(sessions.json().get("sessions"));
            assertEquals("s2", s.get(0).get("session_id"), "most recent first");
            assertEquals("-home-dev-src-app", s.get(1).get("project"));
            assertEquals("2026-11-20T10:00:00Z", s.get(1).get("first_activity"));
            assertEquals("2026-11-20T16:00:00Z", s.get(1).get("last_activity"));

            // In Los Angeles (UTC-8) r4 (03:00 UTC) falls on the 20th: one day holds everything
            UsageReport.Result la = UsageReport.run(ledger, new UsageReport.Request(UsageReport.View.DAILY, null, null,
                    java.time.ZoneId.of("America/Los_Angeles"), true, null, null, false), now);
            assertEquals(1, rows(la.json().get("daily")).size());
            // Kolkata (UTC+5:30) is cut by minutes: r3 at 16:00 UTC is 21:30 on the 20th, r4 08:30 on the 21st
            UsageReport.Result in = UsageReport.run(ledger, new UsageReport.Request(UsageReport.View.DAILY, null, null,
                    java.time.ZoneId.of("Asia/Kolkata"), false, null, null, false), now);
            assertEquals(2, rows(in.json().get("daily")).size());
            assertTrue(la.text().contains("claude-haiku-4-5"), la.text());
        }
    }

    /**
     * get_usage's answer over real rows, in every view, matches its generated output schema: the row
     * records (days, weeks, months, sessions, blocks with and without a limit, an active one, an
     * unpriced model) are exercised, which an empty ledger leaves untested; a wrong type in a row is refused.
     */
    @Test
    void everyViewOverImportedRowsMatchesTheOutputSchema() throws Exception {
        tree();
        // The ledger's clock is 2026-11-22T10:00Z: these two responses make an active block with a burn
        // rate and a projection; acme-coder-9 has no price (cost_usd null).
        write(dir.resolve("claude/projects/-home-dev-src-other/s3.jsonl"),
                simple("r5", "q5", "s3", "2026-11-22T08:30:00.000Z", 1_000, 500),
                assistant("r6", "q6", "s3", "2026-11-22T09:30:00.000Z", "acme-coder-9", 2_000, 100, 0, 0, null, null,
                        false, null, false));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(dir.resolve("claude")));
            Map<String, Object> schema = dev.tokenomics.mcp.TokenomicsServer.tools(ledger, false).stream()
                    .filter(t -> t.tool().name().equals("get_usage")).findFirst().orElseThrow().tool().outputSchema();
            var validator = new io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator();
            List<Map<String, Object>> calls = List.of(Map.of("view", "daily"), Map.of("view", "weekly"),
                    Map.of("view", "monthly", "breakdown", true), Map.of("view", "session"), Map.of("view", "blocks"),
                    Map.of("view", "blocks", "token_limit", "max"), Map.of("view", "blocks", "token_limit", 1_000_000),
                    Map.of("view", "daily", "sources", List.of("claude-code"), "since", "2026-11-21",
                            "timezone", "Asia/Kolkata", "project", "-home-dev-src-app"));
            for (Map<String, Object> args : calls) {
                CallToolResult r = dev.tokenomics.mcp.TokenomicsServer.call(ledger, "get_usage", args);
                assertFalse(Boolean.TRUE.equals(r.isError()), args + ": " + r.content());
                Map<String, Object> answer = map(r.structuredContent());
                String key = switch ((String) answer.get("view")) {
                    case "session" -> "sessions";
                    default -> (String) answer.get("view");
                };
                List<Map<String, Object>> rows = rows(answer.get(key));
                assertFalse(rows.isEmpty(), args + ": no rows to check");
                var valid = validator.validate(schema, answer);
                assertTrue(valid.valid(), () -> args + " does not match the schema: " + valid.errorMessage());

                Map<String, Object> wrong = new java.util.LinkedHashMap<>(answer);
                List<Map<String, Object>> wrongRows = new java.util.ArrayList<>(rows);
                Map<String, Object> row = new java.util.LinkedHashMap<>(rows.get(0));
                row.put("total_tokens", "many");
                wrongRows.set(0, row);
                wrong.put(key, wrongRows);
                assertFalse(validator.validate(schema, wrong).valid(), args + ": a string total_tokens in a row passed");
            }
            Map<String, Object> blocks = map(dev.tokenomics.mcp.TokenomicsServer.call(ledger, "get_usage",
                    Map.of("view", "blocks", "token_limit", 1_000_000)).structuredContent());
            Map<String, Object> active = rows(blocks.get("blocks")).get(rows(blocks.get("blocks")).size() - 1);
            assertEquals(true, active.get("active"));
            assertEquals(180L, ((Number) active.get("remaining_minutes")).longValue(), "10:00 to the block's 13:00 end");
            assertTrue(active.get("projected_total_tokens") instanceof Number, active.toString());
            assertTrue(active.containsKey("percent_of_limit") && active.containsKey("over_limit"), active.toString());
            Map<String, Object> acme = rows(active.get("model_breakdowns")).get(0);
            assertEquals("acme-coder-9", acme.get("model_name"));
            assertTrue(acme.containsKey("cost_usd") && acme.get("cost_usd") == null, acme.toString());
            Map<String, Object> plain = map(dev.tokenomics.mcp.TokenomicsServer.call(ledger, "get_usage",
                    Map.of("view", "blocks")).structuredContent());
            assertTrue(plain.containsKey("token_limit") && plain.get("token_limit") == null, "blocks without a limit");
            assertFalse(rows(plain.get("blocks")).get(0).containsKey("percent_of_limit"));
            assertFalse(map(dev.tokenomics.mcp.TokenomicsServer.call(ledger, "get_usage", Map.of("view", "daily"))
                    .structuredContent()).containsKey("token_limit"), "token_limit is the blocks view's key only");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
