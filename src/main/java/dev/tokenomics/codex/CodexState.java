package dev.tokenomics.codex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a rollout's reader carries from one line to the next, stored with the file's cursor as
 * JSON: the session, the model in force, the last running total, how many snapshots were counted
 * (the next record key), and whether a fork's copied history is still being read.
 */
final class CodexState {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    String sessionId;
    String cwd;
    String model;
    boolean forked;
    boolean replay;
    Long metaTsMs;
    Long lastTsMs;
    /** The last total_token_usage: {input, cached, output, reasoning}. */
    long[] total;
    long counted;

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", sessionId);
        m.put("cwd", cwd);
        m.put("model", model);
        m.put("forked", forked);
        m.put("replay", replay);
        m.put("meta_ts_ms", metaTsMs);
        m.put("last_ts_ms", lastTsMs);
        m.put("total", total == null ? null : List.of(total[0], total[1], total[2], total[3]));
        m.put("counted", counted);
        return JSON.writeValueAsString(m);
    }

    /** A state stored by this version; anything unreadable starts the file over (null). */
    static CodexState fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            CodexState s = new CodexState();
            s.sessionId = n.path("session_id").isString() ? n.path("session_id").asString() : null;
            s.cwd = n.path("cwd").isString() ? n.path("cwd").asString() : null;
            s.model = n.path("model").isString() ? n.path("model").asString() : null;
            s.forked = n.path("forked").asBoolean(false);
            s.replay = n.path("replay").asBoolean(false);
            s.metaTsMs = n.path("meta_ts_ms").isNumber() ? n.path("meta_ts_ms").asLong() : null;
            s.lastTsMs = n.path("last_ts_ms").isNumber() ? n.path("last_ts_ms").asLong() : null;
            JsonNode t = n.path("total");
            if (t.isArray() && t.size() == 4) {
                s.total = new long[] {t.get(0).asLong(), t.get(1).asLong(), t.get(2).asLong(), t.get(3).asLong()};
            }
            s.counted = n.path("counted").asLong(0);
            return s;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
