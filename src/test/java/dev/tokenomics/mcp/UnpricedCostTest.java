package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpriced is never $0 (tools.md, Conventions): acme-coder-9 has no price, claude-haiku-4-5 has
 * ($1 per million input tokens). Every call goes through the server's own dispatch.
 */
class UnpricedCostTest {
    @TempDir
    Path dir;

    static final String UNPRICED = "acme-coder-9";
    static final String PRICED = "claude-haiku-4-5";

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    static String text(CallToolResult r) {
        return ((TextContent) r.content().get(0)).text();
    }

    static Map<String, Object> event(String model, long in, String task, String key) {
        return Map.of("model", model, "input_tokens", in, "task_id", task, "record_key", key,
                "ts", "2026-11-20T10:00:00Z");
    }

    static BigDecimal usd(Object v) {
        return new BigDecimal(v.toString());
    }

    @Test
    void aScopeWhoseEventsAreAllUnpricedHasNullCostNotZero() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            Map<String, Object> rec = ok(TokenomicsServer.call(ledger, "record_token_event",
                    event(UNPRICED, 1_500, "T1", "u1")));
            assertNull(rec.get("cost_usd"));
            Map<?, ?> running = (Map<?, ?>) rec.get("task_totals");
            assertTrue(running.containsKey("cost_usd"));
            assertNull(running.get("cost_usd"), "the task's running total is unpriced, not $0");

            CallToolResult r = TokenomicsServer.call(ledger, "get_token_summary", Map.of("scope", "task", "id", "T1"));
            Map<String, Object> s = ok(r);
            assertTrue(s.containsKey("cost_usd"));
            assertNull(s.get("cost_usd"), "summary cost_usd was 0 for an unpriced task");
            assertEquals(Boolean.FALSE, s.get("cost_complete"));
            assertEquals(List.of(UNPRICED), s.get("unpriced_models"));
            assertEquals(1_500L, ((Number) s.get("unpriced_tokens")).longValue());
            Map<?, ?> model = (Map<?, ?>) ((Map<?, ?>) s.get("by_model")).get(UNPRICED);
            assertNull(model.get("cost_usd"));
            assertEquals(1_500L, ((Number) model.get("unpriced_tokens")).longValue());
            String t = text(r);
            assertFalse(t.contains("$0"), t);
            assertTrue(t.lines().anyMatch(l -> l.startsWith("TOTAL") && l.strip().endsWith("--")), t);
            assertTrue(t.contains("1,500 tokens"), t);
        }
    }

    @Test
    void aPartlyUnpricedTotalIsTheLowerBoundOfThePricedPart() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ok(TokenomicsServer.call(ledger, "record_token_event", event(PRICED, 1_000_000, "T2", "p1")));
            ok(TokenomicsServer.call(ledger, "record_token_event", event(UNPRICED, 2_000, "T2", "u2")));
            CallToolResult r = TokenomicsServer.call(ledger, "get_token_summary", Map.of("scope", "task", "id", "T2"));
            Map<String, Object> s = ok(r);
            assertEquals(0, BigDecimal.ONE.compareTo(usd(s.get("cost_usd"))));
            assertEquals(Boolean.FALSE, s.get("cost_complete"));
            assertEquals(2_000L, ((Number) s.get("unpriced_tokens")).longValue());
            Map<?, ?> byModel = (Map<?, ?>) s.get("by_model");
            assertEquals(Boolean.TRUE, ((Map<?, ?>) byModel.get(PRICED)).get("cost_complete"));
            assertEquals(0L, ((Number) ((Map<?, ?>) byModel.get(PRICED)).get("unpriced_tokens")).longValue());
            assertNull(((Map<?, ?>) byModel.get(UNPRICED)).get("cost_usd"));
            String t = text(r);
            assertTrue(t.lines().anyMatch(l -> l.startsWith("TOTAL") && l.strip().endsWith("\u2265 $1.00")), t);
            assertTrue(t.lines().anyMatch(l -> l.startsWith(PRICED) && l.strip().endsWith(" $1.00")), t);
            assertTrue(t.lines().anyMatch(l -> l.startsWith(UNPRICED) && l.strip().endsWith("--")), t);
        }
    }

    @Test
    void noEventsAtAllSpentNothing() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            CallToolResult r = TokenomicsServer.call(ledger, "get_token_summary", Map.of("scope", "repo", "id", "none"));
            Map<String, Object> s = ok(r);
            assertEquals(0, BigDecimal.ZERO.compareTo(usd(s.get("cost_usd"))));
            assertEquals(Boolean.TRUE, s.get("cost_complete"));
            assertEquals(0L, ((Number) s.get("unpriced_tokens")).longValue());
            assertTrue(text(r).contains("$0.00"), text(r));
        }
    }

    @Test
    void aBatchOfUnpricedEventsHasNullCostAndNamesTheirTokens() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            CallToolResult r = TokenomicsServer.call(ledger, "record_token_events", Map.of("events",
                    List.of(event(UNPRICED, 700, "T3", "b1"), event(UNPRICED, 300, "T3", "b2"))));
            Map<String, Object> m = ok(r);
            assertTrue(m.containsKey("cost_usd"));
            assertNull(m.get("cost_usd"), "a batch of unpriced events cost 0 before");
            assertEquals(Boolean.FALSE, m.get("cost_complete"));
            assertEquals(1_000L, ((Number) m.get("unpriced_tokens")).longValue());
            assertFalse(text(r).contains("$0"), text(r));

            Map<String, Object> mixed = ok(TokenomicsServer.call(ledger, "record_token_events", Map.of("events",
                    List.of(event(PRICED, 2_000_000, "T3", "b3"), event(UNPRICED, 5, "T3", "b4")))));
            assertEquals(0, new BigDecimal("2").compareTo(usd(mixed.get("cost_usd"))));
            assertEquals(Boolean.FALSE, mixed.get("cost_complete"));
            assertEquals(5L, ((Number) mixed.get("unpriced_tokens")).longValue());
        }
    }

    @Test
    void aReportDayThatIsPartlyUnpricedIsMarkedALowerBound() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ok(TokenomicsServer.call(ledger, "record_token_event", event(PRICED, 1_000_000, "T4", "r1")));
            ok(TokenomicsServer.call(ledger, "record_token_event", event(UNPRICED, 10, "T4", "r2")));
            CallToolResult r = TokenomicsServer.call(ledger, "tokenomics_report", Map.of("since", "2026-11-20",
                    "until", "2026-11-20", "sections", List.of("trend-day")));
            Map<?, ?> tables = (Map<?, ?>) ok(r).get("tables");
            Map<?, ?> day = (Map<?, ?>) ((List<?>) ((Map<?, ?>) tables.get("trend-day")).get("rows")).get(0);
            assertEquals(0, BigDecimal.ONE.compareTo(usd(day.get("cost_usd"))));
            assertEquals(Boolean.FALSE, day.get("cost_complete"));
            assertTrue(text(r).lines().anyMatch(l -> l.startsWith("2026-11-20") && l.contains("\u2265 $1.00")), text(r));
        }
    }
}
