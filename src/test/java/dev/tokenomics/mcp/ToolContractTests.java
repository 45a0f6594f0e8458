package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every tool, called through a real MCP client over a real transport; subclasses choose the
 * transport. Each test starts from an empty ledger.
 */
abstract class ToolContractTests {
    static final Set<String> TOOLS = Set.of("record_token_event", "record_token_events", "get_token_summary",
            "list_token_events", "update_task_status", "get_task", "breakdown");

    /** A connected, initialized client to a server on a fresh, empty ledger. */
    abstract McpSyncClient client();

    CallToolResult call(String tool, Map<String, Object> args) {
        return client().callTool(new CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> tool + " failed: " + text(r));
        assertFalse(text(r).isBlank(), "a readable text result comes with the structured one");
        return (Map<String, Object>) r.structuredContent();
    }

    String error(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> tool + " should have failed: " + text(r));
        return text(r);
    }

    static String text(CallToolResult r) {
        return r.content().stream().filter(c -> c instanceof TextContent).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining());
    }

    long eventCount() {
        return ((Number) ok("get_token_summary", Map.of("scope", "all")).get("event_count")).longValue();
    }

    @Test
    void listsEveryToolWithSchemasAndAnnotations() {
        List<Tool> tools = client().listTools().tools();
        assertTrue(tools.stream().map(Tool::name).collect(Collectors.toSet()).containsAll(TOOLS));
        for (Tool t : tools) {
            assertNotNull(t.description(), t.name());
            assertNotNull(t.inputSchema(), t.name());
            assertNotNull(t.outputSchema(), t.name());
            assertNotNull(t.annotations(), t.name());
        }
        Tool summary = tools.stream().filter(t -> t.name().equals("get_token_summary")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, summary.annotations().readOnlyHint());
    }

    @Test
    void recordThenSummarizeRoundTrip() {
        Map<String, Object> r = ok("record_token_event", Map.of("tokens_in", 100_000, "tokens_out", 100_000,
                "model", "claude-sonnet-4-5-20250929", "task_id", "T1", "workstream", "WS", "record_key", "k1"));
        assertEquals(new BigDecimal("1.8"), new BigDecimal(r.get("cost_usd").toString()));
        assertEquals(Boolean.FALSE, r.get("replaced"));
        assertNotNull(r.get("event_id"));
        Map<?, ?> taskTotals = (Map<?, ?>) r.get("task_totals");
        assertEquals(200_000, ((Number) taskTotals.get("tokens_total")).intValue());

        Map<String, Object> again = ok("record_token_event", Map.of("tokens_in", 100_000, "tokens_out", 100_000,
                "model", "claude-sonnet-4-5-20250929", "task_id", "T1", "workstream", "WS", "record_key", "k1"));
        assertEquals(Boolean.TRUE, again.get("replaced"), "a retry with the same key replaces");
        ok("record_token_event", Map.of("input_tokens", 500, "model", "mystery-model", "task_id", "T1"));

        Map<String, Object> s = ok("get_token_summary", Map.of("scope", "task", "id", "T1"));
        assertEquals(2, ((Number) s.get("event_count")).intValue());
        assertEquals(200_500, ((Number) s.get("tokens_total")).intValue());
        assertEquals(List.of("mystery-model"), s.get("unpriced_models"));
        assertEquals(new BigDecimal("1.8"), new BigDecimal(s.get("cost_usd").toString()));
        assertEquals(Boolean.FALSE, s.get("lower_bound"));
        assertTrue(((Map<?, ?>) s.get("by_model")).containsKey("claude-sonnet-4-5-20250929"));

        Map<String, Object> empty = ok("get_token_summary", Map.of("scope", "repo", "id", "never-seen"));
        assertEquals(0, ((Number) empty.get("event_count")).intValue());
    }

    @Test
    void speedFastBillsTheModelsFastRatesAndABadSpeedIsNamed() {
        // Opus 4.6: $5 per million input; fast mode 6x (LiteLLM's provider_specific_entry.fast).
        Map<String, Object> fast = ok("record_token_event", Map.of("tokens_in", 1_000_000, "model", "claude-opus-4-6",
                "speed", "fast", "task_id", "F"));
        assertEquals(0, new BigDecimal("30").compareTo(new BigDecimal(fast.get("cost_usd").toString())));
        Map<String, Object> batch = ok("record_token_events", Map.of("events", List.of(
                Map.of("tokens_in", 1_000_000, "model", "claude-opus-4-6", "speed", "standard", "task_id", "F"),
                Map.of("tokens_in", 1_000_000, "model", "claude-haiku-4-5", "speed", "fast", "task_id", "F"))));
        assertEquals(2, ((Number) batch.get("recorded")).intValue());
        Map<String, Object> s = ok("get_token_summary", Map.of("scope", "task", "id", "F"));
        assertEquals(0, new BigDecimal("35").compareTo(new BigDecimal(s.get("cost_usd").toString())), s.toString());
        assertEquals(List.of("claude-haiku-4-5"), s.get("unpriced_models"), "no fast rate for haiku: unpriced");
        long before = eventCount();
        assertTrue(error("record_token_event", Map.of("tokens_in", 1, "speed", "turbo"))
                .contains("speed must be one of standard, fast; got 'turbo'"));
        String inBatch = error("record_token_events", Map.of("events", List.of(Map.of("tokens_in", 1),
                Map.of("tokens_in", 1, "speed", "FAST"))));
        assertTrue(inBatch.contains("events[1].speed must be one of standard, fast; got 'FAST'"), inBatch);
        assertEquals(before, eventCount(), "a refused speed writes nothing");
    }

    @Test
    void batchRecordsAllAndListPagesThem() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(Map.of("input_tokens", 10, "output_tokens", 1, "model", "claude-haiku-4-5",
                    "ts", "2026-11-20T10:00:" + (10 + i) + "Z", "repo", "r1", "record_key", "b" + i));
        }
        Map<String, Object> r = ok("record_token_events", Map.of("events", events));
        assertEquals(30, ((Number) r.get("recorded")).intValue());
        Map<String, Object> page = ok("list_token_events", Map.of("repo", "r1", "limit", 20));
        assertEquals(20, ((Number) page.get("count")).intValue());
        assertNotNull(page.get("next_cursor"));
        Map<String, Object> next = ok("list_token_events", Map.of("repo", "r1", "limit", 20,
                "cursor", page.get("next_cursor")));
        assertEquals(10, ((Number) next.get("count")).intValue());
        assertNull(next.get("next_cursor"));
    }

    @Test
    void updateTaskStatusWithTokensCreatesTaskChangeAndEvent() {
        Map<String, Object> r = ok("update_task_status", Map.of("task_id", "T01", "status", "done",
                "tokens_in", 1200, "tokens_out", 800, "model", "claude-sonnet-4-5", "title", "Ship it"));
        assertEquals(Boolean.TRUE, r.get("created"));
        Map<?, ?> event = (Map<?, ?>) r.get("event");
        assertNotNull(event, "a token event was recorded with the change");
        assertEquals("T01", event.get("task_id"));
        Map<String, Object> t = ok("get_task", Map.of("task_id", "T01"));
        assertEquals("done", ((Map<?, ?>) t.get("task")).get("status"));
        assertEquals(1, ((List<?>) t.get("history")).size());
        assertEquals(2000, ((Number) ((Map<?, ?>) t.get("summary")).get("tokens_total")).intValue());

        Map<String, Object> noTokens = ok("update_task_status", Map.of("task_id", "T01", "status", "in_progress",
                "note", "reopened"));
        assertNull(noTokens.get("event"));
        assertEquals(1, eventCount());
    }

    @Test
    void aBackdatedStatusChangeIsFiledAtItsOwnTime() {
        // Rebuilding past work: the change (without tokens) and a later one (with tokens) at their times.
        ok("update_task_status", Map.of("task_id", "OLD", "status", "in_progress", "ts", "2026-10-01T09:00:00Z"));
        Map<String, Object> done = ok("update_task_status", Map.of("task_id", "OLD", "status", "done",
                "ts", "2026-10-01T11:30:00Z", "tokens_in", 10, "model", "claude-haiku-4-5"));
        assertEquals("2026-10-01T11:30:00.000Z", ((Map<?, ?>) done.get("event")).get("ts"));
        List<?> history = (List<?>) ok("get_task", Map.of("task_id", "OLD")).get("history");
        assertEquals(List.of("2026-10-01T09:00:00.000Z", "2026-10-01T11:30:00.000Z"),
                history.stream().map(h -> ((Map<?, ?>) h).get("ts")).toList());
        assertTrue(error("update_task_status", Map.of("task_id", "OLD", "status", "done", "ts", "yesterday"))
                .contains("ts"));
    }

    @Test
    void badInputIsAnErrorNamingFieldAndValueAndWritesNothing() {
        ok("record_token_event", Map.of("input_tokens", 1, "record_key", "seed"));
        long before = eventCount();
        assertTrue(error("record_token_event", Map.of("input_tokens", -5)).contains("input_tokens must be >= 0, got -5"));
        assertTrue(error("record_token_event", Map.of("input_tokens", "1200"))
                .contains("input_tokens must be a whole number, got the string \"1200\""));
        assertTrue(error("record_token_event", Map.of("input_tokens", 20_000_000_000L)).contains("at most"));
        // 1e400 on the wire is parsed as Infinity: the message still names the argument (issue 10)
        String huge = error("record_token_event", Map.of("input_tokens", new BigDecimal("1e400")));
        assertTrue(huge.startsWith("input_tokens must be a whole number, got "), huge);
        assertTrue(error("record_token_event", Map.of("input_tokens", 1.5))
                .contains("input_tokens must be a whole number, got 1.5"));
        assertTrue(error("update_task_status", Map.of("task_id", "T", "status", "done", "tokens_in", 1,
                "event_status", "weird")).contains("event_status must be one of ok, error; got 'weird'"));
        assertTrue(error("record_token_event", Map.of("input_tokens", 1, "ts", "+10000-01-01T00:00:00Z"))
                .contains("ts must be between 2000-01-01T00:00:00Z and 2100-12-31T23:59:59.999Z"));
        assertTrue(error("record_token_event", Map.of("model", "x")).contains("give at least one token count"));
        assertTrue(error("record_token_event", Map.of("tokens_inn", 5)).contains("unknown argument tokens_inn"));
        assertTrue(error("record_token_event", Map.of("input_tokens", 1, "ts", "yesterday"))
                .contains("ts must be an ISO-8601 time with a zone"));
        assertTrue(error("record_token_event", Map.of("input_tokens", 1, "note", "x".repeat(1_000_000)))
                .contains("note must be at most 4000 characters, got 1000000 characters"));
        assertTrue(error("record_token_event", Map.of("input_tokens", 1, "status", "meh")).contains("'meh'"));
        assertTrue(error("get_token_summary", Map.of("scope", "galaxy")).contains("scope must be one of"));
        assertTrue(error("get_token_summary", Map.of("scope", "task")).contains("id is required for scope task"));
        assertTrue(error("get_token_summary", Map.of()).contains("scope is required"));
        assertTrue(error("get_token_summary", Map.of("scope", "all", "since", "2026-11-05", "until", "2026-11-01"))
                .contains("since must not be after until"));
        assertTrue(error("list_token_events", Map.of("limit", 5000)).contains("limit must be between 1 and 1000, got 5000"));
        assertTrue(error("list_token_events", Map.of("cursor", "garbage!")).contains("cursor"));
        assertTrue(error("update_task_status", Map.of("task_id", "T", "status", "finished"))
                .contains("status must be one of todo, in_progress, blocked, done, cancelled; got 'finished'"));
        assertTrue(error("update_task_status", Map.of("status", "done")).contains("task_id is required"));
        assertTrue(error("update_task_status", Map.of("task_id", "T", "status", "done", "tokens_out", -1))
                .contains("output_tokens must be >= 0, got -1"));
        assertTrue(error("get_task", Map.of("task_id", "nope")).contains("no task nope"));

        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new HashMap<>(Map.of("input_tokens", 1)));
        }
        events.get(3).put("output_tokens", "lots");
        assertTrue(error("record_token_events", Map.of("events", events))
                .contains("events[3].output_tokens must be a whole number"));
        assertEquals(before, eventCount(), "no bad call wrote anything");
        assertTrue(error("get_task", Map.of("task_id", "T")).contains("no task T"), "no task was created either");
    }
}
