package dev.tokenomics.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
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
 * could be read and {@code null} otherwise ("5.1 Error object"): -32700 for what is not JSON, and
 * {@link JsonRpcShape}'s verdict for JSON that is not a message.
 */
final class JsonRpcLines {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = JsonRpcShape.INVALID_REQUEST;

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
            return refuse(null, PARSE_ERROR, "empty line (one JSON-RPC message per line)");
        }
        JsonNode tree;
        try {
            tree = strict.readTree(bytes, 0, length);
        } catch (JacksonException e) {
            return refuse(null, PARSE_ERROR, "not JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            return refuse(null, PARSE_ERROR, "empty line (one JSON-RPC message per line)");
        }
        JsonRpcShape.Refusal problem = JsonRpcShape.problem(tree);
        if (problem != null) {
            return refuse(problem.id(), problem.code(), problem.message());
        }
        Object id = JsonRpcShape.id(tree);
        try {
            return new Judged(message(tree), null);
        } catch (Exception e) {
            return refuse(id, INVALID_REQUEST, firstLine(e.getMessage()));
        }
    }

    /**
     * The message the tree holds, chosen as McpSchema.deserializeJsonRpcMessage (2.1.0) chooses
     * (method and id: a request; method alone: a notification; result or error: a response), from
     * the tree already read: a 10,000-event batch line was parsed twice, here and again by the SDK
     * from the text. Requests and notifications are built directly (JsonRpcShape has checked their
     * fields); binding them through the SDK's mapper cost another pass over every value.
     */
    private JSONRPCMessage message(JsonNode tree) {
        if (tree.has("method")) {
            String method = tree.get("method").asString();
            Object params = PlainJson.of(tree.get("params"));
            if (!tree.has("id")) {
                return new McpSchema.JSONRPCNotification("2.0", method, params);
            }
            // As the untyped binding gave it: Integer when it fits, else Long; or the String.
            JsonNode id = tree.get("id");
            return new McpSchema.JSONRPCRequest("2.0", method, id.isString() ? id.asString() : id.numberValue(), params);
        }
        if (tree.has("result") || tree.has("error")) {
            return sdkMapper.convertValue(tree, McpSchema.JSONRPCResponse.class);
        }
        throw new IllegalArgumentException("Cannot deserialize JSONRPCMessage: " + tree);
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
        return refuse(null, INVALID_REQUEST, "a message of " + bytes + " bytes is over the limit of "
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
