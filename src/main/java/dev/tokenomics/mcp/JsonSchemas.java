package dev.tokenomics.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON Schemas in tool definitions (https://json-schema.org/draft/2020-12). */
final class JsonSchemas {
    private JsonSchemas() {}

    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        return s;
    }

    static Map<String, Object> string(String description) {
        return ordered("type", "string", "description", description);
    }

    static Map<String, Object> enumeration(String description, List<String> values) {
        return ordered("type", "string", "enum", values, "description", description);
    }

    static Map<String, Object> integer(String description, long minimum) {
        return ordered("type", "integer", "minimum", minimum, "description", description);
    }

    static Map<String, Object> number(String description) {
        return ordered("type", "number", "minimum", 0, "description", description);
    }

    static Map<String, Object> bool(String description) {
        return ordered("type", "boolean", "description", description);
    }

    /**
     * A list of {@code items} with no stated bounds or item description: the compact form for the
     * filters and folder lists every tool definition pays for in context (handlers check the bounds).
     */
    static Map<String, Object> list(String description, Map<String, Object> items) {
        return ordered("type", "array", "items", items, "description", description);
    }

    /** One of {@code values}, undescribed: an item of {@link #list}. */
    static Map<String, Object> oneOf(List<String> values) {
        return ordered("type", "string", "enum", values);
    }

    static final Map<String, Object> TEXT = ordered("type", "string");

    static Map<String, Object> array(String description, Map<String, Object> items, int maxItems) {
        return ordered("type", "array", "items", items, "minItems", 1, "maxItems", maxItems, "description", description);
    }

    /**
     * Keys in the order given: Map.of's order changes from run to run, so tools/list (and the tokens
     * a model reads in it) did too.
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
