package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.pricing.ModelNames;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one line of a Claude Code transcript. Only lines that carry usage ({@code "usage"} appears
 * in them) are parsed as JSON; the others (user turns with large tool results, summaries) are only
 * checked to be one JSON object on one line, which keeps an import of hundreds of MB fast. A line
 * that fails a check is malformed, with a reason that names the field.
 */
final class TranscriptParser {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private TranscriptParser() {}

    static TranscriptLine parse(String line) {
        // Ends found by index, not strip(): user lines carry large tool results, not worth copying.
        int first = 0;
        int last = line.length() - 1;
        while (first <= last && Character.isWhitespace(line.charAt(first))) {
            first++;
        }
        while (last >= first && Character.isWhitespace(line.charAt(last))) {
            last--;
        }
        if (first > last) {
            return TranscriptLine.OTHER; // a blank line carries nothing and breaks nothing
        }
        if (line.charAt(first) != '{' || line.charAt(last) != '}') {
            return TranscriptLine.malformed("not a JSON object");
        }
        if (!line.contains("\"usage\"")) {
            return TranscriptLine.OTHER;
        }
        String t = line;
        JsonNode root;
        try {
            root = JSON.readTree(t);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" (");
            return TranscriptLine.malformed("bad JSON: " + (cut > 0 ? why.substring(0, cut) : why));
        }
        JsonNode message = root.get("message");
        if (message == null || !message.isObject() || !message.has("usage")) {
            return TranscriptLine.OTHER; // "usage" was text inside another kind of line
        }
        try {
            return response(root, message);
        } catch (IllegalArgumentException e) {
            return TranscriptLine.malformed(e.getMessage());
        }
    }

    /**
     * Whether text (a last line without its newline) is one whole JSON object. A prefix of a line
     * still being written never is: an object is only complete at its closing brace.
     */
    static boolean isCompleteObject(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
            return false;
        }
        try {
            return JSON.readTree(t).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static TranscriptLine response(JsonNode root, JsonNode message) {
        String model = text(message, "message.model", "model", true);
        if (ModelNames.SYNTHETIC.equals(model)) {
            return TranscriptLine.SYNTHETIC;
        }
        JsonNode usage = message.get("usage");
        if (!usage.isObject()) {
            throw new IllegalArgumentException("message.usage must be an object, got " + usage);
        }
        long input = count(usage, "input_tokens", true);
        long output = count(usage, "output_tokens", true);
        long creation = count(usage, "cache_creation_input_tokens", false);
        long read = count(usage, "cache_read_input_tokens", false);
        long write5m = creation;
        long write1h = 0;
        JsonNode split = usage.get("cache_creation");
        if (split != null && split.isObject()) {
            // When present it splits the cache writes by lifetime; anything it leaves out stays 5m.
            write1h = count(split, "ephemeral_1h_input_tokens", false);
            long split5m = count(split, "ephemeral_5m_input_tokens", false);
            write5m = Math.max(split5m, creation - write1h);
        }
        String timestamp = text(root, "timestamp", "timestamp", true);
        Instant ts;
        try {
            ts = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp must be an ISO-8601 time, got '" + timestamp + "'");
        }
        BigDecimal cost = null;
        JsonNode costNode = root.get("costUSD");
        if (costNode != null && !costNode.isNull()) {
            if (!costNode.isNumber() || costNode.decimalValue().signum() < 0) {
                throw new IllegalArgumentException("costUSD must be a number >= 0, got " + costNode);
            }
            cost = costNode.decimalValue();
        }
        long[] buckets = {input, output, write5m, write1h, read};
        for (long b : buckets) {
            if (b > EventInput.MAX_TOKENS_PER_BUCKET) {
                throw new IllegalArgumentException("a token count of " + b + " is past any real request");
            }
        }
        return new TranscriptLine(TranscriptLine.Kind.RESPONSE, null, text(message, "message.id", "id", false),
                text(root, "requestId", "requestId", false), text(root, "sessionId", "sessionId", false), ts,
                text(root, "cwd", "cwd", false), text(root, "gitBranch", "gitBranch", false),
                text(root, "version", "version", false), bool(root, "isSidechain"), bool(root, "isApiErrorMessage"),
                cost, model, new Usage(input, output, write5m, write1h, read));
    }

    private static String text(JsonNode node, String name, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(name + " must be a string, got " + v);
        }
        String s = v.asString();
        return s.isBlank() ? null : s;
    }

    private static long count(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("usage." + field + " is missing");
            }
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new IllegalArgumentException("usage." + field + " must be a whole number >= 0, got " + v);
        }
        return v.longValue();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
