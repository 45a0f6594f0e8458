package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.assistant;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get_usage over imported transcripts with an unpriced model: day 2026-11-20 holds only
 * acme-coder-9 (no price, 4,000 tokens); 2026-11-21 holds haiku ($1) and acme-coder-9 (600 tokens).
 */
class UsageUnpricedTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void anUnpricedDayHasNullCostAndAMixedDayIsALowerBound() throws Exception {
        Path p = dir.resolve("claude/projects/-home-dev-app");
        write(p.resolve("s1.jsonl"),
                assistant("m1", "q1", "s1", "2026-11-20T10:00:00.000Z", "acme-coder-9", 3_000, 1_000, 0, 0, null,
                        null, false, null, false),
                assistant("m2", "q2", "s1", "2026-11-21T10:00:00.000Z", "claude-haiku-4-5", 1_000_000, 0, 0, 0, null,
                        null, false, null, false),
                assistant("m3", "q3", "s1", "2026-11-21T11:00:00.000Z", "acme-coder-9", 500, 100, 0, 0, null,
                        null, false, null, false));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            CallToolResult imported = TokenomicsServer.call(ledger, "import_transcripts",
                    Map.of("dirs", List.of(dir.resolve("claude").toString())));
            assertFalse(Boolean.TRUE.equals(imported.isError()), imported.content().toString());
            CallToolResult r = TokenomicsServer.call(ledger, "get_usage", Map.of("view", "daily"));
            @SuppressWarnings("unchecked")
            Map<String, Object> usage = (Map<String, Object>) r.structuredContent();
            List<Map<String, Object>> days = rows(usage.get("daily"));
            Map<String, Object> first = days.get(0);
            assertTrue(first.containsKey("cost_usd"));
            assertNull(first.get("cost_usd"), "an unpriced day's cost was 0");
            assertEquals(4_000L, ((Number) first.get("unpriced_tokens")).longValue());
            Map<String, Object> second = days.get(1);
            assertEquals(0, BigDecimal.ONE.compareTo(new BigDecimal(second.get("cost_usd").toString())));
            assertEquals(Boolean.FALSE, second.get("cost_complete"));
            assertEquals(600L, ((Number) second.get("unpriced_tokens")).longValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> totals = (Map<String, Object>) usage.get("totals");
            assertEquals(4_600L, ((Number) totals.get("unpriced_tokens")).longValue());
            assertEquals(List.of("acme-coder-9"), usage.get("unpriced_models"));

            String text = ((TextContent) r.content().get(0)).text();
            String day1 = text.lines().filter(l -> l.startsWith("2026-11-20")).findFirst().orElseThrow();
            assertTrue(day1.strip().endsWith("--") && !day1.contains("$0"), day1);
            String day2 = text.lines().filter(l -> l.startsWith("2026-11-21")).findFirst().orElseThrow();
            assertTrue(day2.strip().endsWith("\u2265 $1.00"), day2);
        }
    }
}
