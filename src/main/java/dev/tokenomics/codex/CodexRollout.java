package dev.tokenomics.codex;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.ledger.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counting rules of one Codex CLI rollout file ({@code rollout-*.jsonl}), applied line by line
 * with a carry-over ({@link CodexState}) that an import stores with its cursor, so a file read in two
 * runs counts exactly what it would in one.
 *
 * <p>Usage sits in {@code event_msg} lines whose payload is {@code token_count}: {@code info.last_token_usage}
 * is the turn's usage, {@code info.total_token_usage} the session's running total. The rules:
 * <ul>
 *   <li>A snapshot whose running total equals the previous one is a repeat (Codex sends one again
 *       with every rate-limit update), not new usage.
 *   <li>A snapshot with a running total but no last usage (older files) counts the difference from
 *       the previous running total.
 *   <li>The model is the one the latest {@code turn_context} names: a switch attributes what follows
 *       to the new model.
 *   <li>A forked session ({@code session_meta.forked_from_id}) opens with its parent's history copied
 *       in, in one burst re-stamped to the fork instant (or with the parent's older times): those
 *       lines are the parent's usage, not new. The copy ends at the first line more than
 *       {@link #FORK_BURST_MS} after the one before it; nothing after that is treated as a copy.
 *   <li>{@code input_tokens} includes {@code cached_input_tokens}: the cached part is stored as cache
 *       read and tokens_in is the rest. {@code output_tokens} includes the reasoning tokens.
 * </ul>
 * Record keys are {@code codex:<session id>:<n>}, n counting the file's counted snapshots, so the same
 * rollout found in sessions/ and archived_sessions/ is stored once.
 */
final class CodexRollout {
    /** Copied history is written in one go; a real turn waits at least for a model's answer. */
    static final long FORK_BURST_MS = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one line did, for the summary's counts. */
    enum Outcome { COUNTED, REPEAT, REPLAYED, NO_USAGE, OTHER, MALFORMED }

    private final CodexState state;
    private final String fallbackSessionId;
    /** Why the last line was malformed, for the summary's samples. */
    String lastProblem;
    /** Lines read, and snapshots not counted: repeats and a fork's copied history. */
    long lines;
    long skipped;

    CodexRollout(CodexState state, String fallbackSessionId) {
        this.state = state;
        this.fallbackSessionId = fallbackSessionId;
    }

    CodexState state() {
        return state;
    }

    /** Reads one complete line, bytes [from, to) of {@code b}; a counted snapshot's event is added to {@code out}. */
    Outcome line(byte[] b, int from, int to, List<EventInput> out) {
        lines++;
        Outcome o = mayCarryState(b, from, to) ? read(new String(b, from, to - from, StandardCharsets.UTF_8), out)
                : plain(b, from, to);
        if (o == Outcome.REPEAT || o == Outcome.REPLAYED) {
            skipped++;
        }
        return o;
    }

    /**
     * Whether the line names one of the three types that carry usage, model or session. The bytes are
     * viewed as Latin-1 (one char per byte, a plain copy) so String.indexOf's vectorised search runs;
     * an ASCII word cannot match inside a multi-byte UTF-8 character.
     */
    private static boolean mayCarryState(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        return s.contains("token_count") || s.contains("turn_context") || s.contains("session_meta");
    }

    /**
     * Most of a rollout's bytes are messages and tool output, which carry no usage: they are not
     * parsed, only checked to be one object, and their time read while a fork's copy may go on.
     */
    private Outcome plain(byte[] b, int from, int to) {
        while (from < to && blank(b[from])) {
            from++;
        }
        while (to > from && blank(b[to - 1])) {
            to--;
        }
        if (from == to) {
            return Outcome.OTHER;
        }
        if (b[from] != '{' || b[to - 1] != '}') {
            return malformed("not a JSON object (cut short?)");
        }
        if (state.replay) {
            replay("", leadingTimestamp(new String(b, from, Math.min(64, to - from), StandardCharsets.UTF_8)), null);
        }
        return Outcome.OTHER;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private Outcome read(String text, List<EventInput> out) {
        if (text.isBlank()) {
            return Outcome.OTHER;
        }
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (JacksonException e) {
            return malformed("not JSON: " + e.getOriginalMessage());
        }
        if (line == null || !line.isObject()) {
            return malformed("not a JSON object");
        }
        String type = line.path("type").isString() ? line.path("type").asString() : null;
        if (type == null) {
            return malformed("no type");
        }
        Instant ts = null;
        JsonNode tsNode = line.path("timestamp");
        if (tsNode.isString()) {
            try {
                ts = Instant.parse(tsNode.asString());
            } catch (DateTimeParseException e) {
                return malformed("timestamp is not an ISO-8601 time: " + tsNode.asString());
            }
        }
        JsonNode payload = line.path("payload");
        boolean copy = replay(type, ts, payload);
        switch (type) {
            case "session_meta" -> {
                if (state.sessionId == null) { // a fork's copied history repeats its ancestors' metas after its own
                    state.sessionId = text(payload.path("id"));
                    state.cwd = text(payload.path("cwd"));
                    state.forked = text(payload.path("forked_from_id")) != null;
                    state.replay = state.forked;
                    state.metaTsMs = ts == null ? null : ts.toEpochMilli();
                    state.lastTsMs = state.metaTsMs; // the copy's burst is measured from the fork instant
                }
                return Outcome.OTHER;
            }
            case "turn_context" -> {
                String model = text(payload.path("model"));
                if (model != null) {
                    state.model = model;
                }
                String cwd = text(payload.path("cwd"));
                if (cwd != null && !copy) {
                    state.cwd = cwd;
                }
                return Outcome.OTHER;
            }
            case "event_msg" -> {
                if (!"token_count".equals(text(payload.path("type")))) {
                    return Outcome.OTHER;
                }
                return tokenCount(payload.path("info"), ts, copy, out);
            }
            default -> {
                return Outcome.OTHER;
            }
        }
    }

    /** The time of a line that starts as Codex writes them, {"timestamp":"...",; null otherwise. */
    private static Instant leadingTimestamp(String t) {
        int at = t.indexOf("\"timestamp\":\"");
        if (at < 0 || at > 16) {
            return null;
        }
        int from = at + 13;
        int to = t.indexOf('"', from);
        if (to < 0) {
            return null;
        }
        return Times.parseUtcFast(t.substring(from, to));
    }

    /** Whether this line is part of a fork's copied history; ends the copy at the first gap. */
    private boolean replay(String type, Instant ts, JsonNode payload) {
        if (!state.replay || ts == null) {
            return state.replay && !"session_meta".equals(type);
        }
        long ms = ts.toEpochMilli();
        boolean before = state.metaTsMs != null && ms < state.metaTsMs; // copied with the parent's own times
        boolean gap = state.lastTsMs != null && ms - state.lastTsMs > FORK_BURST_MS && !before;
        if (gap) {
            state.replay = false;
        } else if (!before) {
            state.lastTsMs = ms;
        }
        return state.replay && state.sessionId != null;
    }

    private Outcome tokenCount(JsonNode info, Instant ts, boolean copy, List<EventInput> out) {
        if (info.isMissingNode() || info.isNull()) {
            return Outcome.NO_USAGE; // a rate-limit update without usage
        }
        if (!info.isObject()) {
            return malformed("token_count info is not an object");
        }
        long[] total;
        long[] last;
        try {
            total = usage(info.path("total_token_usage"), "total_token_usage");
            last = usage(info.path("last_token_usage"), "last_token_usage");
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage());
        }
        if (total == null && last == null) {
            return Outcome.NO_USAGE;
        }
        if (ts == null) {
            return malformed("token_count without timestamp");
        }
        if (total != null && state.total != null && java.util.Arrays.equals(total, state.total)) {
            return Outcome.REPEAT;
        }
        long[] delta = last != null ? last : state.total == null ? total : minus(total, state.total);
        if (total != null) {
            state.total = total;
        }
        if (copy) {
            return Outcome.REPLAYED;
        }
        if (delta[0] == 0 && delta[2] == 0) {
            return Outcome.REPEAT; // nothing new: a running total that did not move in its counted buckets
        }
        long input = delta[0];
        long cached = Math.min(delta[1], input);
        String session = state.sessionId != null ? state.sessionId : fallbackSessionId;
        String key = "codex:" + session + ":" + state.counted;
        state.counted++;
        out.add(new EventInput(key, ts, null, null, null, session, null, null, repo(state.cwd), null, state.model,
                null, null, null, null, null, null, new Usage(input - cached, delta[2], 0, 0, cached), null, true,
                Sources.CODEX, "ok", null));
        return Outcome.COUNTED;
    }

    /** {input, cached, output, reasoning}, or null when the field is absent. */
    private static long[] usage(JsonNode u, String field) {
        if (u.isMissingNode() || u.isNull()) {
            return null;
        }
        if (!u.isObject()) {
            throw new IllegalArgumentException(field + " is not an object");
        }
        long[] v = new long[4];
        String[] names = {"input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens"};
        for (int i = 0; i < names.length; i++) {
            JsonNode n = u.path(names[i]);
            if (n.isMissingNode() || n.isNull()) {
                continue;
            }
            if (!n.isIntegralNumber() || n.asLong() < 0) {
                throw new IllegalArgumentException(field + "." + names[i] + " must be a whole number >= 0, got " + n);
            }
            v[i] = n.asLong();
        }
        return v;
    }

    /** A running total minus the one before, each bucket at least 0 (a total that went back is a restart). */
    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.max(0, a[i] - b[i]);
        }
        return d;
    }

    private static String text(JsonNode n) {
        return n.isString() && !n.asString().isBlank() ? n.asString() : null;
    }

    /** The project a session ran in, as for Claude Code: the last folder of its cwd. */
    static String repo(String cwd) {
        return dev.tokenomics.transcripts.FilePipeline.repo(cwd);
    }

    private Outcome malformed(String why) {
        lastProblem = why;
        return Outcome.MALFORMED;
    }
}
