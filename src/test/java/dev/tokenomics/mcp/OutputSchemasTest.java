package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool's output schema types every property it returns, so the SDK's validator can tell a
 * wrong answer: each tool's real structuredContent (several modes each) validates, every key in it
 * is declared with a type, and the same answer with one value of the wrong type is refused.
 */
class OutputSchemasTest {
    @TempDir
    Path dir;

    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    private record Call(String tool, Map<String, Object> args) {}

    private List<Call> calls() throws Exception {
        Files.createDirectories(dir.resolve("claude/projects"));
        return List.of(
                new Call("record_token_event", Map.of("input_tokens", 10, "output_tokens", 5,
                        "model", "claude-sonnet-4-5", "task_id", "T1", "workstream", "W", "record_key", "k1")),
                new Call("record_token_event", Map.of("input_tokens", 10, "model", "no-such-model", "task_id", "T1")),
                new Call("record_token_events", Map.of("events", List.of(Map.of("input_tokens", 1, "model", "claude-haiku-4-5"),
                        Map.of("input_tokens", 2, "model", "no-such-model")))),
                new Call("set_budget", Map.of("name", "b1", "scope", "global", "period", "day", "limit_usd", 0.000001)),
                new Call("record_token_event", Map.of("input_tokens", 1000, "model", "claude-opus-4-5", "task_id", "T1")),
                new Call("get_token_summary", Map.of("scope", "all")),
                new Call("get_token_summary", Map.of("scope", "task", "id", "T1", "since", "2000-01-01")),
                new Call("list_token_events", Map.of("limit", 1)),
                new Call("update_task_status", Map.of("task_id", "T1", "status", "done", "input_tokens", 5,
                        "model", "claude-haiku-4-5")),
                new Call("update_task_status", Map.of("task_id", "T9", "status", "todo")),
                new Call("get_task", Map.of("task_id", "T1")),
                new Call("tokenomics_report", Map.of()),
                new Call("tokenomics_report", Map.of("mode", "per_day")),
                new Call("tokenomics_report", Map.of("mode", "day_json")),
                new Call("tokenomics_report", Map.of("mode", "history")),
                new Call("record_ref", Map.of("ref_type", "commit", "ref_id", "abc", "loc_added", 3, "loc_removed", 1)),
                new Call("import_transcripts", Map.of("dirs", List.of(dir.resolve("claude").toString()))),
                new Call("get_usage", Map.of("view", "daily")),
                new Call("get_usage", Map.of("view", "session")),
                new Call("get_usage", Map.of("view", "blocks", "token_limit", "max")),
                new Call("get_usage", Map.of("view", "blocks", "token_limit", 100_000)),
                new Call("get_usage", Map.of("view", "weekly")),
                new Call("get_usage", Map.of("view", "monthly", "since", "2026-01-01", "until", "2026-12-31")),
                new Call("get_usage", Map.of("view", "daily", "sources", List.of("codex"))),
                new Call("get_token_summary", Map.of("scope", "all", "sources", List.of("self-report"))),
                new Call("get_workflow_runs", Map.of()),
                new Call("check_budget", Map.of()),
                new Call("list_budgets", Map.of()),
                new Call("cost_insights", Map.of()),
                new Call("record_token_event", Map.of("input_tokens", 7, "cache_creation_1h_tokens", 3,
                        "model", "claude-haiku-4-5", "session_id", "S1", "task_id", "T2")),
                new Call("breakdown", Map.of("by", "task", "top", 1)),
                new Call("breakdown", Map.of("by", "agent")),
                new Call("breakdown", Map.of("session", "S1")),
                new Call("breakdown", Map.of("session", "S1", "by", "model", "since", "2000-01-01")),
                new Call("delete_budget", Map.of("name", "b1")));
    }

    @Test
    void everyToolsAnswerMatchesItsTypedSchemaAndAWrongTypeIsRefused() throws Exception {
        try (TokenLedger ledger = TokenLedger.open(dir.resolve("ledger.db"), PriceTable.bundled(), EventDefaults.NONE)) {
            Map<String, SyncToolSpecification> tools = TokenomicsServer.tools(ledger, false).stream()
                    .collect(Collectors.toMap(s -> s.tool().name(), s -> s));
            Set<String> called = new TreeSet<>();
            for (Call c : calls()) {
                SyncToolSpecification spec = tools.get(c.tool());
                CallToolResult r = spec.callHandler().apply(null, new CallToolRequest(c.tool(), c.args()));
                assertFalse(Boolean.TRUE.equals(r.isError()), () -> c + ": " + TokenomicsServer.text(r));
                Map<String, Object> schema = spec.tool().outputSchema();
                assertNotNull(schema, c.tool());
                @SuppressWarnings("unchecked")
                Map<String, Object> answer = (Map<String, Object>) r.structuredContent();
                var valid = validator.validate(schema, answer);
                assertTrue(valid.valid(), () -> c + " does not match its schema: " + valid.errorMessage());
                Map<String, Object> whole = schema;
                schema = shapeOf(schema, answer, c);

                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
                for (String key : answer.keySet()) {
                    assertTrue(props.containsKey(key), () -> c.tool() + " returns " + key + ", which its schema lacks");
                }
                for (var p : props.entrySet()) {
                    assertTrue(p.getValue().containsKey("type"), () -> c.tool() + "." + p.getKey() + " has no type");
                }
                if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    // Generated from a result record: typed to the leaves, and a wrong nested value fails too.
                    assertEquals(List.of(), untyped("", schema), c.tool() + ": properties without a type");
                    List<Object> path = deepestLeaf(answer, new ArrayList<>());
                    if (path.size() > 1) {
                        Object wrongLeaf = deepCopy(answer);
                        Object leaf = set(wrongLeaf, path, null);
                        set(wrongLeaf, path, leaf instanceof String ? (Object) List.of(1) : "a string");
                        assertFalse(validator.validate(whole, wrongLeaf).valid(),
                                () -> c.tool() + " accepts a wrong type at " + path);
                    }
                }
                String key = answer.keySet().iterator().next();
                Map<String, Object> wrong = new LinkedHashMap<>(answer);
                wrong.put(key, allows(props.get(key), "string") ? (Object) List.of(1) : "a string");
                assertFalse(validator.validate(whole, wrong).valid(),
                        () -> c.tool() + " accepts a wrong type for " + key);
                called.add(c.tool());
            }
            assertEquals(new TreeSet<>(tools.keySet()), called, "every tool is checked");
        }
    }

    /**
     * The shape an answer has: the schema itself, or, for an answer whose shape depends on a key (a
     * oneOf), the one shape whose pinned key the answer carries.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> shapeOf(Map<String, Object> schema, Map<String, Object> answer, Call c) {
        if (!(schema.get("oneOf") instanceof List<?> shapes)) {
            return schema;
        }
        String key = ((List<String>) schema.get("required")).get(0);
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Object shape : shapes) {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) shape).get("properties");
            if (answer.get(key).equals(((Map<String, Object>) props.get(key)).get("const"))) {
                matching.add((Map<String, Object>) shape);
            }
        }
        assertEquals(1, matching.size(), () -> c + ": shapes for " + key + "=" + answer.get(key));
        return matching.get(0);
    }

    /** Paths of properties, at any depth, whose schema states no type. */
    @SuppressWarnings("unchecked")
    private static List<String> untyped(String at, Map<String, Object> schema) {
        List<String> out = new ArrayList<>();
        if (schema.get("properties") instanceof Map<?, ?> props) {
            for (Map.Entry<String, Object> p : ((Map<String, Object>) props).entrySet()) {
                Map<String, Object> ps = (Map<String, Object>) p.getValue();
                if (!ps.containsKey("type")) {
                    out.add(at + p.getKey());
                }
                out.addAll(untyped(at + p.getKey() + ".", ps));
            }
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (schema.get(nested) instanceof Map<?, ?> m) {
                out.addAll(untyped(at + nested + ".", (Map<String, Object>) m));
            }
        }
        return out;
    }

    /** The path (keys and indexes) to the deepest non-null scalar in a JSON value. */
    private static List<Object> deepestLeaf(Object value, List<Object> at) {
        List<Object> best = value == null || value instanceof Map<?, ?> || value instanceof List<?> ? List.of() : at;
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<Object> next = new ArrayList<>(at);
                next.add(e.getKey());
                List<Object> found = deepestLeaf(e.getValue(), next);
                best = found.size() > best.size() ? found : best;
            }
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            List<Object> next = new ArrayList<>(at);
            next.add(0);
            List<Object> found = deepestLeaf(l.get(0), next);
            best = found.size() > best.size() ? found : best;
        }
        return best;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(OutputSchemasTest::deepCopy).toList());
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

    private static boolean allows(Map<String, Object> property, String type) {
        Object t = property.get("type");
        return t instanceof List<?> l ? l.contains(type) : type.equals(t);
    }
}
