package dev.tokenomics.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Judges one line of stdio input against JSON-RPC 2.0 (https://www.jsonrpc.org/specification) and
 * MCP's framing (2025-06-18 "Basic": a request has a string or integer id, never null; no batches),
 * before the SDK sees it. What it cannot use gets the error the spec names, with the id when one
 * could be read and {@code null} otherwise ("5.1 Error object"): -32700 for what is not JSON,
 * -32600 for JSON that is not a message, -32602 for a tools/call whose params cannot be a call.
 */
final class JsonRpcLines {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    /** Deeper than any MCP message nests; a hostile line fails fast instead of recursing. */
    static final int MAX_NESTING = 200;
    static final int MAX_NAME_CHARS = 1_000;
    static final int MAX_NUMBER_DIGITS = 400;

    /** Either the message to hand on, or the reply that refuses the line. */
    record Judged(JSONRPCMessage message, String refusal) {
        boolean accepted() {
            return message != null;
        }
    }

    private final McpJsonMapper sdkMapper;
    private final JsonMapper strict;

    JsonRpcLines(McpJsonMapper sdkMapper) {
        this.sdkMapper = sdkMapper;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxNameLength(MAX_NAME_CHARS).maxNumberLength(MAX_NUMBER_DIGITS).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.strict = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    Judged judge(byte[] bytes, int length) {
        if (isBlank(bytes, length)) {
            return refuse(null, PARSE_ERROR, "Parse error: empty line (one JSON-RPC message per line)");
        }
        JsonNode tree;
        try {
            tree = strict.readTree(bytes, 0, length);
        } catch (JacksonException e) {
            return refuse(null, PARSE_ERROR, "Parse error: " + firstLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            return refuse(null, PARSE_ERROR, "Parse error: empty line (one JSON-RPC message per line)");
        }
        if (tree.isArray()) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: a JSON array (a JSON-RPC batch) is not accepted; "
                    + "MCP 2025-06-18 sends one message object per line");
        }
        if (!tree.isObject()) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: a message must be a JSON object, got "
                    + kind(tree));
        }
        JsonNode idNode = tree.get("id");
        Object id = null;
        if (idNode != null) {
            if (idNode.isString()) {
                id = idNode.asString();
            } else if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
                id = idNode.longValue();
            } else {
                return refuse(null, INVALID_REQUEST, "Invalid Request: id must be a string or an integer, got "
                        + describe(idNode));
            }
        }
        JsonNode version = tree.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return refuse(id, INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\", got "
                    + (version == null ? "nothing" : describe(version)));
        }
        JsonNode method = tree.get("method");
        String shape = method != null ? checkCall(tree, method, id) : checkResponse(tree, id);
        if (shape != null) {
            return refuse(id, shape.startsWith("Invalid params") ? INVALID_PARAMS : INVALID_REQUEST, shape);
        }
        try {
            return new Judged(McpSchema.deserializeJsonRpcMessage(sdkMapper,
                    new String(bytes, 0, length, StandardCharsets.UTF_8)), null);
        } catch (Exception e) {
            return refuse(id, INVALID_REQUEST, "Invalid Request: " + firstLine(e.getMessage()));
        }
    }

    /** A request or a notification; returns the reason it is not one, or null. */
    private static String checkCall(JsonNode tree, JsonNode method, Object id) {
        if (!method.isString() || method.asString().isEmpty()) {
            return "Invalid Request: method must be a non-empty string, got " + describe(method);
        }
        if (tree.has("result") || tree.has("error")) {
            return "Invalid Request: a message with a method cannot carry result or error";
        }
        JsonNode params = tree.get("params");
        if (params != null && !params.isObject()) {
            return "Invalid params: params must be an object, got " + describe(params);
        }
        if ("tools/call".equals(method.asString()) && id != null) {
            JsonNode name = params == null ? null : params.get("name");
            if (name == null || !name.isString()) {
                return "Invalid params: params.name must be the tool's name as a string, got "
                        + (name == null ? "nothing" : describe(name));
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                return "Invalid params: params.arguments must be an object of argument names to values, got "
                        + describe(arguments);
            }
        }
        return null;
    }

    /** An answer to one of our requests (we send none but pings of our own: none today). */
    private static String checkResponse(JsonNode tree, Object id) {
        boolean result = tree.has("result");
        boolean error = tree.has("error");
        if (!result && !error) {
            return "Invalid Request: a message needs a method (a request or notification) "
                    + "or a result or error (a response)";
        }
        if (result == error) {
            return "Invalid Request: a response carries result or error, not both";
        }
        if (id == null) {
            return "Invalid Request: a response needs the id of the request it answers";
        }
        return null;
    }

    private Judged refuse(Object id, int code, String message) {
        ObjectNode reply = strict.createObjectNode();
        reply.put("jsonrpc", "2.0");
        if (id instanceof Long l) {
            reply.put("id", l);
        } else if (id instanceof String s) {
            reply.put("id", s);
        } else {
            reply.putNull("id");
        }
        ObjectNode error = reply.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return new Judged(null, strict.writeValueAsString(reply));
    }

    /** The reply refusing a line longer than the transport reads. */
    String tooLong(long bytes, int maxBytes) {
        return refuse(null, INVALID_REQUEST, "Invalid Request: a message of " + bytes + " bytes is over the limit of "
                + maxBytes + " bytes; it was read and ignored").refusal();
    }

    /** A result answer written by the transport itself (ping). */
    String result(Object id, Map<String, Object> result) {
        ObjectNode reply = strict.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", strict.valueToTree(id));
        reply.set("result", strict.valueToTree(result));
        return strict.writeValueAsString(reply);
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
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

    private static String describe(JsonNode node) {
        String text = node.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return kind(node) + " " + text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
