package dev.tokenomics.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A JSON tree as the plain Java values Jackson's untyped binding gives (LinkedHashMap, ArrayList,
 * String, Integer/Long/BigInteger, Double/BigDecimal, Boolean, null), walked directly: binding the
 * tree through the SDK's mapper went through a token buffer, a second pass over every value.
 */
final class PlainJson {
    private PlainJson() {}

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return object(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(of(element));
            }
            return list;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }

    /** An object node's members in order (an object that is not one gives null). */
    static Map<String, Object> object(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 4 / 3 + 1));
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            map.put(member.getKey(), of(member.getValue()));
        }
        return map;
    }
}
