package dev.tokenomics.mcp;

import tools.jackson.databind.JsonNode;

/**
 * Whether a parsed JSON value is a message MCP can take (JSON-RPC 2.0, https://www.jsonrpc.org/specification,
 * as MCP 2025-06-18 "Basic" narrows it: ids are strings or integers, never null; no batches; params
 * are an object). The stdio transport and the HTTP endpoint both ask it, so a bad message gets
 * the same answer on either: -32600 (Invalid Request) or -32602 (Invalid params), naming the field.
 */
public final class JsonRpcShape {
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;

    /** Why a message is refused: the id to answer with (null when none could be read), code and sentence. */
    public record Refusal(Object id, int code, String message) {}

    private JsonRpcShape() {}

    /** The reason {@code tree} is not an MCP message, or null when it is one. */
    public static Refusal problem(JsonNode tree) {
        if (tree.isArray()) {
            return new Refusal(null, INVALID_REQUEST, "a JSON array (a JSON-RPC batch) is not accepted; "
                    + "MCP 2025-06-18 takes one message object at a time");
        }
        if (!tree.isObject()) {
            return new Refusal(null, INVALID_REQUEST, "a message must be a JSON object, got " + kind(tree));
        }
        JsonNode idNode = tree.get("id");
        Object id = id(tree);
        if (idNode != null && id == null) {
            return new Refusal(null, INVALID_REQUEST, "id must be a string or an integer, got " + describe(idNode));
        }
        JsonNode version = tree.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return new Refusal(id, INVALID_REQUEST, "jsonrpc must be \"2.0\", got "
                    + (version == null ? "nothing" : describe(version)));
        }
        JsonNode method = tree.get("method");
        return method != null ? checkCall(tree, method, id) : checkResponse(tree, id);
    }

    /** The message's id as a String or Long, or null when it has none or one MCP does not allow. */
    public static Object id(JsonNode tree) {
        JsonNode idNode = tree.isObject() ? tree.get("id") : null;
        if (idNode == null) {
            return null;
        }
        if (idNode.isString()) {
            return idNode.asString();
        }
        if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
            return idNode.longValue();
        }
        return null;
    }

    private static Refusal checkCall(JsonNode tree, JsonNode method, Object id) {
        if (!method.isString() || method.asString().isEmpty()) {
            return new Refusal(id, INVALID_REQUEST, "method must be a non-empty string, got " + describe(method));
        }
        if (tree.has("result") || tree.has("error")) {
            return new Refusal(id, INVALID_REQUEST, "a message with a method cannot carry result or error");
        }
        JsonNode params = tree.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return new Refusal(id, INVALID_PARAMS, "params must be an object, got " + describe(params));
        }
        if ("tools/call".equals(method.asString()) && id != null) {
            if (params == null || params.isNull()) {
                return new Refusal(id, INVALID_PARAMS, "tools/call needs params with the tool's name and its arguments");
            }
            JsonNode name = params.get("name");
            if (name == null || !name.isString()) {
                return new Refusal(id, INVALID_PARAMS, "params.name must be the tool's name as a string, got "
                        + (name == null ? "nothing" : describe(name)));
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                return new Refusal(id, INVALID_PARAMS, "arguments must be an object of argument names to values, got "
                        + describe(arguments));
            }
        }
        return null;
    }

    /** An answer to one of our requests. */
    private static Refusal checkResponse(JsonNode tree, Object id) {
        boolean result = tree.has("result");
        boolean error = tree.has("error");
        if (!result && !error) {
            return new Refusal(id, INVALID_REQUEST, "a message needs a method (a request or notification) "
                    + "or a result or error (a response)");
        }
        if (result == error) {
            return new Refusal(id, INVALID_REQUEST, "a response carries result or error, not both");
        }
        if (id == null) {
            return new Refusal(null, INVALID_REQUEST, "a response needs the id of the request it answers");
        }
        return null;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    /** The kind and, for short values, the value itself: "an array [1200]". */
    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? kind(node) : kind(node) + " " + text;
    }
}
