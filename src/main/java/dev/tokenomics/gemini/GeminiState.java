package dev.tokenomics.gemini;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a chat's reader carries from one record to the next, stored with a {@code .jsonl} file's cursor
 * as JSON: the session its metadata record named and the model last named.
 */
final class GeminiState {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    String sessionId;
    String model;

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", sessionId);
        m.put("model", model);
        return JSON.writeValueAsString(m);
    }

    /** A state stored by this version; anything unreadable starts the file over (null). */
    static GeminiState fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                return null;
            }
            GeminiState s = new GeminiState();
            s.sessionId = n.path("session_id").isString() ? n.path("session_id").asString() : null;
            s.model = n.path("model").isString() ? n.path("model").asString() : null;
            return s;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
