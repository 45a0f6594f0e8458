package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cost_insights against its generated schema with every part of the answer filled: OutputSchemasTest
 * calls it on a nearly empty ledger, where the anomalies, degraded, counterfactual findings and
 * flagged lists are empty and their item records never meet the validator.
 */
class CostInsightsSchemaTest {
    static final String HAIKU = "claude-haiku-4-5"; // $1/M input

    @TempDir
    Path dir;

    TokenLedger ledger;
    SyncToolSpecification tool;
    final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    @BeforeEach
    void open() {
        ledger = LedgerTestSupport.open(dir); // clock fixed at 2026-11-22T10:00:00Z
        tool = TokenomicsServer.tools(ledger, false).stream().filter(s -> s.tool().name().equals(CostInsightsTool.NAME))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** {@code millis} thousandths of a dollar of haiku input (1,000 tokens = $0.001). */
    static EventInput ev(String ts, String session, String task, String stage, long millis, String status) {
        return event(ts, session, task, stage, HAIKU, new Usage(millis * 1_000, 0, 0, 0, 0), status);
    }

    static EventInput event(String ts, String session, String task, String stage, String model, Usage usage,
            String status) {
        return new EventInput(null, Instant.parse(ts), null, null, null, session, task, null, null, null, model, stage,
                null, null, null, null, null, usage, null, true, null, status, null);
    }

    /**
     * A week (Nov 16..22) with spend on three days, a previous week that spent less, six sessions and
     * tasks of which one is far above and one far below the rest, an error, an anomalously cheap task
     * stage, opus-4-1 output that costs three times what opus 4.5 would ($750 against $250: over-escalation)
     * and an unpriced model.
     */
    void fill() {
        ledger.events().recordAll(List.of(
                ev("2026-11-10T12:00:00Z", "p", null, null, 2_000, null),
                ev("2026-11-16T09:00:00Z", null, null, null, 500, null),
                ev("2026-11-18T10:00:00Z", "s0", "T1", "execute", 1_000, null),
                ev("2026-11-18T10:01:00Z", "s1", "T2", "execute", 1_100, null),
                ev("2026-11-18T10:02:00Z", "s2", "T3", "execute", 900, null),
                ev("2026-11-18T10:03:00Z", "s3", "T4", "execute", 1_000, null),
                ev("2026-11-18T10:04:00Z", "s4", "T5", "execute", 1, null),
                ev("2026-11-18T10:05:00Z", "s5", "T6", "review", 20_000, "error"),
                event("2026-11-18T11:00:00Z", null, null, null, "claude-opus-4-1", new Usage(0, 10_000_000, 0, 0, 0),
                        null),
                event("2026-11-20T11:00:00Z", null, null, null, "no-such-model", new Usage(5_000, 0, 0, 0, 0), null),
                ev("2026-11-20T12:00:00Z", null, null, null, 500, null)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> answer(Map<String, Object> args) {
        CallToolResult r = tool.callHandler().apply(null, new CallToolRequest(CostInsightsTool.NAME, args));
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> TokenomicsServer.text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    static final Map<String, Object> WEEK = Map.of("since", "2026-11-16", "until", "2026-11-22",
            "alert_on_acceleration_pct", 50);

    @Test
    @SuppressWarnings("unchecked")
    void anAnswerWithEveryPartFilledMatchesTheSchema() {
        fill();
        Map<String, Object> schema = tool.tool().outputSchema();
        Map<String, Object> a = answer(WEEK);
        assertEquals(List.of("window", "previous_window", "totals", "previous_totals", "acceleration", "projection",
                "anomalies", "degraded", "counterfactual", "findings", "worst_severity", "run"), List.copyOf(a.keySet()));
        Map<String, Object> all = (Map<String, Object>) a.get("anomalies");
        assertEquals(List.of("threshold", "outlier_count", "sessions", "tasks", "days"), List.copyOf(all.keySet()));
        Map<String, Map<String, Object>> anomalies = new LinkedHashMap<>();
        for (String set : List.of("sessions", "tasks", "days")) {
            anomalies.put(set, (Map<String, Object>) all.get(set));
        }
        for (Map<String, Object> set : anomalies.values()) {
            assertFalse(((List<?>) set.get("flagged")).isEmpty(), set.toString());
        }
        List<Object> directions = ((List<Map<String, Object>>) anomalies.get("sessions").get("flagged")).stream()
                .map(f -> f.get("direction")).toList();
        assertEquals(List.of("high", "low"), directions.stream().sorted().toList(), "both directions are exercised");
        List<Object> kinds = ((List<Map<String, Object>>) a.get("degraded")).stream().map(d -> d.get("kind")).toList();
        assertEquals(List.of("task", "stage", "task_stage"), kinds);
        assertEquals(3, ((List<?>) a.get("counterfactual")).size());
        List<Object> found = ((List<Map<String, Object>>) a.get("findings")).stream().map(f -> f.get("kind")).distinct()
                .sorted().toList();
        assertEquals(List.of("acceleration", "anomaly", "degraded", "over_escalation"), found);
        assertEquals(true, ((Map<String, Object>) a.get("acceleration")).get("alert"));
        assertEquals(true, ((Map<String, Object>) a.get("projection")).get("usd_lower_bound"), "an unpriced event");
        assertEquals("critical", a.get("worst_severity"));

        var valid = validator.validate(schema, a);
        assertTrue(valid.valid(), valid::errorMessage);
        Map<String, Object> run = answer(Map.of("since", "2026-11-16", "until", "2026-11-22", "run", "wf_none"));
        assertEquals("wf_none", run.get("run"));
        assertTrue(validator.validate(schema, run).valid(), () -> validator.validate(schema, run).errorMessage());

        // A wrong type deep in each kind of nested record is refused.
        List<List<Object>> paths = List.of(
                List.of("window", "days"),
                List.of("previous_window", "since"),
                List.of("totals", "unpriced_tokens"),
                List.of("acceleration", "percent_change"),
                List.of("projection", "usd", "365d"),
                List.of("anomalies", "tasks", "median_usd"),
                List.of("anomalies", "sessions", "flagged", 0, "z"),
                List.of("anomalies", "days", "flagged", 0, "direction"),
                List.of("degraded", 0, "error_event_count"),
                List.of("degraded", 1, "stage"),
                List.of("counterfactual", 2, "over_escalation"),
                List.of("findings", 0, "severity"));
        for (List<Object> path : paths) {
            Object wrong = deepCopy(a);
            Object old = set(wrong, path, null);
            set(wrong, path, old instanceof String ? (Object) List.of(1) : "a string");
            assertFalse(validator.validate(schema, wrong).valid(), () -> "accepts a wrong type at " + path);
        }
        Object extra = deepCopy(a);
        ((Map<String, Object>) set(extra, List.of("degraded", 0), null)).put("surprise", 1);
        assertFalse(validator.validate(schema, extra).valid(), "an undeclared key in a nested record");
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(CostInsightsSchemaTest::deepCopy).toList());
        }
        return value;
    }

    /** Sets the value at {@code path} (null: leaves it) and returns the value that was there. */
    @SuppressWarnings("unchecked")
    private static Object set(Object root, List<Object> path, Object value) {
        Object parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object k = path.get(i);
            parent = k instanceof Integer n ? ((List<Object>) parent).get(n) : ((Map<Object, Object>) parent).get(k);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer n) {
            List<Object> l = (List<Object>) parent;
            return value == null ? l.get(n) : l.set(n, value);
        }
        Map<Object, Object> m = (Map<Object, Object>) parent;
        return value == null ? m.get(last) : m.put(last, value);
    }
}
