package dev.tokenomics.opencode;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.transcripts.FilePipeline;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The counting rules of one OpenCode message ({@code message.data} in {@code opencode.db}, or a legacy
 * {@code storage/message/<session>/<id>.json}). OpenCode (packages/opencode/src/session, getUsage)
 * stores each assistant message's usage once, as the sum of its steps, in
 * {@code tokens {input, output, reasoning, cache {read, write}}}: {@code input} is already the uncached
 * rest, {@code output} leaves the reasoning out, and the reasoning is billed at the output rate. So
 * tokens_in = input, tokens_out = output + reasoning, cache read and cache write (5-minute) as given.
 * The {@code step-finish} parts (one per step, in the part table) and the session's token counters
 * repeat the same usage and are not read. A message without tokens, or with all of them 0 (still
 * streaming), carries none. Record key {@code opencode:<message id>}.
 */
final class OpenCodeMessage {
    /** An event, or the reason the record is malformed; both null: a record without usage. */
    record Parsed(EventInput event, String problem) {
        static final Parsed NONE = new Parsed(null, null);
    }

    private OpenCodeMessage() {}

    /**
     * {@code id}, {@code sessionId}, {@code createdMs} and {@code directory} come from the database row
     * (null for a JSON file, which carries them itself).
     */
    static Parsed parse(JsonNode data, String id, String sessionId, Long createdMs, String directory) {
        if (data == null || !data.isObject()) {
            return new Parsed(null, "not a JSON object");
        }
        JsonNode tokens = data.path("tokens");
        if (tokens.isMissingNode() || tokens.isNull()) {
            return Parsed.NONE;
        }
        if (!tokens.isObject()) {
            return new Parsed(null, "tokens is not an object");
        }
        long[] v = new long[5];
        String[][] fields = {{"input"}, {"output"}, {"reasoning"}, {"cache", "read"}, {"cache", "write"}};
        for (int i = 0; i < fields.length; i++) {
            JsonNode n = fields[i].length == 1 ? tokens.path(fields[i][0]) : tokens.path(fields[i][0]).path(fields[i][1]);
            if (n.isMissingNode() || n.isNull()) {
                continue;
            }
            if (!n.isIntegralNumber() || n.asLong() < 0) {
                return new Parsed(null, "tokens." + String.join(".", fields[i]) + " must be a whole number >= 0, got "
                        + n);
            }
            v[i] = n.asLong();
        }
        if (v[0] + v[1] + v[2] + v[3] + v[4] == 0) {
            return Parsed.NONE;
        }
        String messageId = id != null ? id : text(data.path("id"));
        if (messageId == null) {
            return new Parsed(null, "no message id");
        }
        JsonNode created = data.path("time").path("created");
        Long ms = created.isIntegralNumber() ? Long.valueOf(created.asLong()) : createdMs;
        if (ms == null) {
            return new Parsed(null, "message " + messageId + " has tokens but no time.created");
        }
        String session = sessionId != null ? sessionId : text(data.path("sessionID"));
        String cwd = text(data.path("path").path("cwd"));
        JsonNode cost = data.path("cost");
        BigDecimal reported = cost.isNumber() && cost.asDouble() > 0 ? cost.decimalValue() : null;
        EventInput e;
        try {
            e = new EventInput("opencode:" + messageId, Instant.ofEpochMilli(ms), null, null, null, session, null,
                null, FilePipeline.repo(cwd != null ? cwd : directory), null, text(data.path("modelID")), null, null,
                null, null, null, null, new Usage(v[0], v[1] + v[2], v[4], 0, v[3]), reported, true, Sources.OPENCODE,
                    data.path("error").isObject() ? "error" : "ok", null);
        } catch (IllegalArgumentException bad) {
            return new Parsed(null, "message " + messageId + ": " + bad.getMessage());
        }
        return new Parsed(e, null);
    }

    private static String text(JsonNode n) {
        return n.isString() && !n.asString().isBlank() ? n.asString() : null;
    }
}
