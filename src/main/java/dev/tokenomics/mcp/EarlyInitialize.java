package dev.tokenomics.mcp;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.util.List;
import java.util.Map;

/**
 * The initialize answer, written as text without Jackson's data binding: binding the SDK's
 * records for the first time is 0.2 s of class introspection on a cold JVM, and Claude Code waits
 * for this answer at every launch. It must be the SDK's answer byte for byte (2.1.0,
 * McpAsyncServer's initialize handler: the client's protocol version when supported, else the
 * newest; then capabilities, server info, instructions): EarlyInitializeTest compares the two,
 * and StdioTransport warns at run time should they ever differ.
 */
final class EarlyInitialize {
    /** As the SDK writes {@link TokenomicsServer}'s capabilities (null fields left out). */
    static final String CAPABILITIES = "{\"completions\":{},\"logging\":{},\"prompts\":{\"listChanged\":false},"
            + "\"resources\":{\"subscribe\":false,\"listChanged\":false},\"tools\":{\"listChanged\":false}}";

    private EarlyInitialize() {}

    /** The answer to {@code request}, or null when it is not one this can answer (the SDK then does). */
    static String answer(JSONRPCRequest request, List<String> versions) {
        if (!(request.params() instanceof Map<?, ?> params) || !(params.get("protocolVersion") instanceof String asked)
                || !(params.get("capabilities") instanceof Map<?, ?>) || !(params.get("clientInfo") instanceof Map<?, ?>)) {
            return null;
        }
        Object id = request.id();
        if (!(id instanceof String || id instanceof Integer || id instanceof Long)) {
            return null;
        }
        String version = versions.contains(asked) ? asked : versions.get(versions.size() - 1);
        StringBuilder json = new StringBuilder(2_048).append("{\"jsonrpc\":\"2.0\",\"id\":");
        if (id instanceof String s) {
            string(json, s);
        } else {
            json.append(id);
        }
        json.append(",\"result\":{\"protocolVersion\":");
        string(json, version);
        json.append(",\"capabilities\":").append(CAPABILITIES).append(",\"serverInfo\":{\"name\":");
        string(json, TokenomicsServer.NAME);
        json.append(",\"version\":");
        string(json, TokenomicsServer.VERSION);
        json.append("},\"instructions\":");
        string(json, TokenomicsServer.INSTRUCTIONS);
        return json.append("}}").toString();
    }

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped. */
    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04X", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
