package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * breakdown through the server's own dispatch, on a real ledger: rows costliest first with the
 * wholly unpriced ones last (cost null, never 0), the rows past top folded so that every column
 * still adds up to the total, which is what get_token_summary says of the same events.
 */
class BreakdownToolTest {
    @TempDir
    Path dir;

    static final String UNPRICED = "acme-coder-9";
    static final List<String> SUMS = List.of("events", "input_tokens", "output_tokens", "cache_creation_tokens",
            "cache_creation_1h_tokens", "cache_read_tokens", "total_tokens", "unpriced_events");

    private static Map<String, Object> event(String key, String task, String session, String agent, String model,
            long in, long cache5m, long cache1h, String ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("record_key", key);
        if (task != null) {
            e.put("task_id", task);
        }
        e.put("session_id", session);
        e.put("agent", agent);
        e.put("model", model);
        e.put("input_tokens", in);
        e.put("output_tokens", 1_000);
        e.put("cache_creation_tokens", cache5m);
        e.put("cache_creation_1h_tokens", cache1h);
        e.put("cache_read_tokens", 500);
        e.put("stage", "execute");
        e.put("ts", ts);
        return e;
    }

    /**
     * T2 costs most (sonnet, $0.315), then T1 ($0.114), the task-less event ($0.015), T4 ($0.006),
     * T5 (priced, and $0: no tokens), and T3 last: unpriced, so after $0, though it has the most tokens.
     */
    private static void record(TokenLedger ledger) {
        Map<String, Object> nothing = new LinkedHashMap<>(Map.of("record_key", "e6", "task_id", "T5", "session_id", "S3",
                "agent", "coder", "model", "claude-haiku-4-5", "input_tokens", 0, "ts", "2026-11-19T10:00:00Z"));
        List<Map<String, Object>> events = List.of(
                event("e1", "T1", "S1", "coder", "claude-haiku-4-5", 100_000, 2_000, 3_000, "2026-11-20T10:00:00Z"),
                event("e2", "T2", "S1", "coder", "claude-sonnet-4-5", 100_000, 0, 0, "2026-11-20T11:00:00Z"),
                event("e3", "T3", "S1", "reviewer", UNPRICED, 900_000, 0, 0, "2026-11-21T10:00:00Z"),
                event("e4", "T4", "S2", "reviewer", "claude-haiku-4-5", 1_000, 0, 0, "2026-11-21T11:00:00Z"),
                event("e5", null, "S2", "coder", "claude-haiku-4-5", 10_000, 0, 0, "2026-11-22T09:00:00Z"), nothing);
        ok(TokenomicsServer.call(ledger, "record_token_events", Map.of("events", events)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> TokenomicsServer.text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("rows");
    }

    static List<Object> keys(Map<String, Object> answer, String key) {
        return rows(answer).stream().map(r -> r.get(key)).toList();
    }

    static long n(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    static BigDecimal usd(Object v) {
        return v == null ? null : new BigDecimal(v.toString());
    }

    static void assertSameUsd(Object expected, Object actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(0, usd(expected).compareTo(usd(actual)), what + ": " + expected + " vs " + actual);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertRowsAddUpToTotal(Map<String, Object> answer) {
        List<Map<String, Object>> parts = new ArrayList<>(rows(answer));
        if (answer.get("other") != null) {
            parts.add((Map<String, Object>) answer.get("other"));
        }
        Map<String, Object> total = (Map<String, Object>) answer.get("total");
        for (String key : SUMS) {
            assertEquals(n(total, key), parts.stream().mapToLong(p -> n(p, key)).sum(), key);
        }
        BigDecimal cost = parts.stream().map(p -> usd(p.get("cost_usd"))).filter(c -> c != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertSameUsd(total.get("cost_usd"), cost, "cost adds up");
    }

    @Test
    void groupsAreCostliestFirstUnpricedLastAndTopFoldsTheRestIntoOther() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            record(ledger);
            Map<String, Object> all = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("by", "task")));
            assertEquals("groups", all.get("view"));
            assertEquals(List.of("T2", "T1", "(none)", "T4", "T5", "T3"), keys(all, "key"));
            assertEquals(0, usd(rows(all).get(4).get("cost_usd")).signum(), "T5 is priced: $0");
            Map<String, Object> t3 = rows(all).get(5);
            assertTrue(t3.containsKey("cost_usd"));
            assertNull(t3.get("cost_usd"), "an unpriced group has no cost, not $0");
            assertEquals(Boolean.FALSE, t3.get("cost_complete"));
            // The 5-minute and the 1-hour cache writes apart, as recorded.
            Map<String, Object> t1 = rows(all).get(1);
            assertEquals(2_000, n(t1, "cache_creation_tokens"));
            assertEquals(3_000, n(t1, "cache_creation_1h_tokens"));
            assertEquals(100_000 + 1_000 + 2_000 + 3_000 + 500, n(t1, "total_tokens"));
            assertNull(all.get("other"));
            assertEquals(6, n(all, "group_count"));

            Map<String, Object> top2 = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("by", "task", "top", 2)));
            assertEquals(List.of("T2", "T1"), keys(top2, "key"));
            Map<?, ?> other = (Map<?, ?>) top2.get("other");
            assertEquals(4, n(other, "rows"));
            assertEquals(4, n(other, "events"));
            assertEquals(Boolean.FALSE, other.get("cost_complete"), "T3 in it is unpriced: a lower bound");
            assertRowsAddUpToTotal(top2);

            // The total is the ledger's own sum of the same events.
            Map<String, Object> summary = ok(TokenomicsServer.call(ledger, "get_token_summary", Map.of("scope", "all")));
            Map<?, ?> total = (Map<?, ?>) top2.get("total");
            assertEquals(n(summary, "tokens_total"), n(total, "total_tokens"));
            assertSameUsd(summary.get("cost_usd"), total.get("cost_usd"), "total cost");
            String text = TokenomicsServer.text(TokenomicsServer.call(ledger, "breakdown", Map.of("by", "task", "top", 2)));
            assertTrue(text.contains("(other)"), text);
            assertFalse(text.contains("$0.00"), text);
        }
    }

    @Test
    void everyDimensionMatchesTheSummaryOfEachGroup() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            record(ledger);
            Map<String, String> scopes = Map.of("task", "task", "agent", "agent", "model", "model", "session", "session",
                    "workstream", "workstream");
            for (String by : List.of("task", "agent", "model", "session", "stage", "workstream")) {
                Map<String, Object> answer = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("by", by)));
                assertEquals(by, answer.get("by"));
                assertRowsAddUpToTotal(answer);
                for (Map<String, Object> row : rows(answer)) {
                    String key = (String) row.get("key");
                    if (key.equals("(none)") || !scopes.containsKey(by)) {
                        continue;
                    }
                    Map<String, Object> s = ok(TokenomicsServer.call(ledger, "get_token_summary",
                            Map.of("scope", scopes.get(by), "id", key)));
                    assertEquals(n(s, "event_count"), n(row, "events"), by + " " + key);
                    assertEquals(n(s, "tokens_total"), n(row, "total_tokens"), by + " " + key);
                    assertSameUsd(s.get("cost_usd"), row.get("cost_usd"), by + " " + key);
                }
            }
            Map<String, Object> stages = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("by", "stage")));
            assertEquals(List.of("execute", "(none)"), keys(stages, "key"));
            Map<String, Object> byDefault = ok(TokenomicsServer.call(ledger, "breakdown", Map.of()));
            assertEquals("model", byDefault.get("by"));
            assertEquals(List.of("claude-sonnet-4-5", "claude-haiku-4-5", UNPRICED), keys(byDefault, "key"));
        }
    }

    @Test
    void aSessionAloneListsItsEventsCostliestFirstWithTheirCacheWrites() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            record(ledger);
            Map<String, Object> s1 = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("session", "S1")));
            assertEquals("events", s1.get("view"));
            assertEquals(3, n(s1, "event_count"));
            assertEquals(List.of("T2", "T1", "T3"), keys(s1, "task_id"));
            Map<String, Object> first = rows(s1).get(0);
            assertEquals("claude-sonnet-4-5", first.get("model"));
            assertEquals("2026-11-20T11:00:00.000Z", first.get("ts"));
            assertEquals(1, n(first, "events"));
            assertEquals(2_000, n(rows(s1).get(1), "cache_creation_tokens"));
            assertEquals(3_000, n(rows(s1).get(1), "cache_creation_1h_tokens"));
            assertNull(rows(s1).get(2).get("cost_usd"));
            assertRowsAddUpToTotal(s1);

            Map<String, Object> top1 = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("session", "S1", "top", 1)));
            assertEquals(List.of("T2"), keys(top1, "task_id"));
            assertEquals(2, n((Map<?, ?>) top1.get("other"), "rows"));
            assertRowsAddUpToTotal(top1);

            // With by, the session is a filter of the groups.
            Map<String, Object> agents = ok(TokenomicsServer.call(ledger, "breakdown", Map.of("session", "S2", "by", "agent")));
            assertEquals("groups", agents.get("view"));
            assertEquals("S2", agents.get("session_id"));
            assertEquals(List.of("coder", "reviewer"), keys(agents, "key"));
            assertEquals(2, n((Map<?, ?>) agents.get("total"), "events"));
        }
    }

    @Test
    void theWindowIsInclusiveOfBothDays() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            record(ledger);
            Map<String, Object> day = ok(TokenomicsServer.call(ledger, "breakdown",
                    Map.of("by", "task", "since", "2026-11-21", "until", "2026-11-21")));
            assertEquals(List.of("T4", "T3"), keys(day, "key"));
            assertEquals("2026-11-21T00:00:00.000Z", day.get("since"));
            assertEquals("2026-11-22T00:00:00.000Z", day.get("until"));
            Map<String, Object> late = ok(TokenomicsServer.call(ledger, "breakdown",
                    Map.of("session", "S2", "since", "2026-11-22T00:00:00Z")));
            assertEquals(1, n(late, "event_count"));
        }
    }

    @Test
    void badArgumentsAreErrorsThatNameTheValueAndWhatIsAllowed() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            Map<Map<String, Object>, String> cases = new HashMap<>();
            cases.put(Map.of("by", "tsk"), "by must be one of task, agent, model, session, stage, workstream; got 'tsk'");
            cases.put(Map.of("by", "Task"), "by must be one of task, agent, model, session, stage, workstream; got 'Task'");
            cases.put(Map.of("top", 0), "top must be between 1 and 1000, got 0");
            cases.put(Map.of("top", 1001), "top must be between 1 and 1000, got 1001");
            cases.put(Map.of("top", "5"), "top must be a whole number, got");
            cases.put(Map.of("session", " "), "session must be a session id, got a blank string");
            cases.put(Map.of("since", "2026-11-22", "until", "2026-11-21"), "since must not be after until");
            cases.put(Map.of("group_by", "task"), "unknown argument group_by");
            cases.forEach((args, message) -> {
                CallToolResult r = TokenomicsServer.call(ledger, "breakdown", args);
                assertEquals(Boolean.TRUE, r.isError(), args::toString);
                assertTrue(TokenomicsServer.text(r).contains(message), () -> args + ": " + TokenomicsServer.text(r));
            });
        }
    }
}
