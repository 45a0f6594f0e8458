package dev.tokenomics.claudecode;

import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What Claude Code's {@code statusLine} command gets on stdin, the fields tokenomics uses. Every
 * field is optional (older versions send fewer; {@code rate_limits} only on a subscription and after
 * the first answer), so each is null when absent or of the wrong type.
 */
record StatusInput(
        String sessionId,
        String transcriptPath,
        String modelId,
        String modelName,
        String projectDir,
        String currentDir,
        BigDecimal claudeCostUsd,
        Double contextUsedPercent,
        Double fiveHourUsedPercent,
        Instant fiveHourResetsAt) {

    /** A bare streaming factory: a mapper's start-up (~200 ms of class loading) is most of a statusline run. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Parses stdin; an empty or invalid text is refused with a reason (the caller prints the fallback). */
    static StatusInput parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("stdin is empty: Claude Code sends the session's JSON there");
        }
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("stdin is not a JSON object");
            }
            f.object(p, "");
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("stdin has more after its JSON object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stdin is not JSON: " + e.getOriginalMessage());
        }
        return new StatusInput(f.string("session_id"), f.string("transcript_path"), f.string("model.id"),
                f.string("model.display_name"), f.string("workspace.project_dir"),
                f.string("workspace.current_dir") != null ? f.string("workspace.current_dir") : f.string("cwd"),
                f.decimal("cost.total_cost_usd"), f.number("context_window.used_percentage"),
                f.number("rate_limits.five_hour.used_percentage"),
                f.number("rate_limits.five_hour.resets_at") == null ? null
                        : Instant.ofEpochSecond(f.decimal("rate_limits.five_hour.resets_at").longValue()));
    }

    /** The scalar values of the paths read, by dotted path; other values are skipped unread. */
    private static final class Fields {
        private static final java.util.Set<String> OBJECTS = java.util.Set.of("model", "workspace", "cost",
                "context_window", "rate_limits", "rate_limits.five_hour");
        private final java.util.Map<String, Object> values = new java.util.HashMap<>();

        void object(JsonParser p, String prefix) {
            String name;
            while ((name = p.nextName()) != null) {
                String path = prefix + name;
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT && OBJECTS.contains(path)) {
                    object(p, path + ".");
                } else if (t == JsonToken.VALUE_STRING) {
                    values.put(path, p.getString());
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.put(path, p.getDecimalValue());
                } else {
                    p.skipChildren();
                }
            }
        }

        String string(String path) {
            return values.get(path) instanceof String s && !s.isBlank() ? s : null;
        }

        BigDecimal decimal(String path) {
            return values.get(path) instanceof BigDecimal d ? d : null;
        }

        Double number(String path) {
            BigDecimal d = decimal(path);
            return d == null ? null : d.doubleValue();
        }
    }
}
