package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.bool;
import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.integer;
import static dev.tokenomics.mcp.JsonSchemas.number;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.pricing.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The token-event arguments shared by record_token_event, record_token_events and update_task_status. */
final class EventArgs {
    static final List<String> TOKEN_FIELDS = List.of("input_tokens", "tokens_in", "output_tokens", "tokens_out",
            "cache_creation_tokens", "cache_creation_1h_tokens", "cache_read_tokens");

    static final List<String> STATUSES = List.of("ok", "error");
    static final List<String> SPEEDS = List.of("standard", "fast");

    private EventArgs() {}

    /**
     * The token-count properties. The tokens_in / tokens_out aliases are accepted but not
     * advertised: every definition is paid for in each session's context, and one name suffices.
     */
    static Map<String, Object> tokenProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("input_tokens", integer("Uncached input tokens.", 0));
        p.put("output_tokens", JsonSchemas.ordered("type", "integer", "minimum", 0));
        p.put("cache_creation_tokens", integer("Cache writes, 5-minute TTL.", 0));
        p.put("cache_creation_1h_tokens", integer("Cache writes, 1-hour TTL.", 0));
        p.put("cache_read_tokens", JsonSchemas.ordered("type", "integer", "minimum", 0));
        return p;
    }

    /** Every event property: token counts and what the event is about. */
    static Map<String, Object> properties() {
        Map<String, Object> p = tokenProperties();
        p.put("model", string("Provider's model id; unknown models are unpriced, never $0."));
        p.put("agent", string("e.g. claude-code, a subagent."));
        p.put("session_id", string("Default under Claude Code: this session."));
        p.put("task_id", string("Task; fills in its workstream and repo."));
        p.put("workstream", JsonSchemas.TEXT);
        p.put("repo", string("Default under Claude Code: the project folder's name."));
        p.put("stage", string("e.g. classify, plan, execute, review."));
        p.put("role", string("e.g. red, green, single."));
        p.put("structure", string("spawn or inline."));
        p.put("lane", string("Route taken, e.g. A, B, quick-fix."));
        p.put("ref_type", string("commit, pr, release, session, ..."));
        p.put("ref_id", string("SHA, PR number, tag, ..."));
        p.put("ts", string("ISO-8601 with zone (default: ts_end, else now)."));
        p.put("ts_start", JsonSchemas.TEXT);
        p.put("ts_end", JsonSchemas.TEXT);
        p.put("duration_ms", integer("Default: ts_end - ts_start.", 0));
        p.put("cost_usd", number("The caller's own cost, kept beside ours."));
        p.put("usage_complete", bool("false: counts are a lower bound."));
        p.put("record_key", string("Idempotency key: the same key replaces, never double-counts."));
        p.put("status", enumeration("Default ok.", STATUSES));
        p.put("speed", enumeration("fast: fast-mode rates (unpriced without them).", SPEEDS));
        p.put("note", JsonSchemas.ordered("type", "string", "maxLength", EventInput.MAX_NOTE_LENGTH));
        return p;
    }

    /** What a call may give: the advertised properties and the aliases. */
    static final Set<String> FIELDS = withAliases(properties().keySet());

    static Set<String> withAliases(Set<String> advertised) {
        Set<String> all = new java.util.HashSet<>(advertised);
        all.add("tokens_in");
        all.add("tokens_out");
        return Set.copyOf(all);
    }

    static boolean hasTokens(Args a) {
        for (String field : TOKEN_FIELDS) {
            if (a.has(field)) {
                return true;
            }
        }
        return false;
    }

    static EventInput parse(Args a, Instant now) {
        a.choice("status", STATUSES);
        a.choice("speed", SPEEDS);
        Usage usage = usage(a);
        Instant tsStart = instant(a, "ts_start");
        Instant tsEnd = instant(a, "ts_end");
        Instant ts = instant(a, "ts");
        if (ts == null) {
            ts = tsEnd != null ? tsEnd : now;
        }
        Long durationMs = a.wholeNumber("duration_ms");
        if (durationMs == null && tsStart != null && tsEnd != null && !tsEnd.isBefore(tsStart)) {
            durationMs = Duration.between(tsStart, tsEnd).toMillis();
        }
        Boolean complete = a.bool("usage_complete");
        try {
            return new EventInput(a.string("record_key"), ts, tsStart, tsEnd, durationMs,
                    a.string("session_id"), a.string("task_id"), a.string("workstream"), a.string("repo"),
                    a.string("agent"), a.string("model"), a.string("stage"), a.string("role"), a.string("structure"),
                    a.string("lane"), a.string("ref_type"), a.string("ref_id"), usage, a.decimal("cost_usd"),
                    complete == null || complete, dev.tokenomics.ledger.Sources.SELF_REPORT, a.string("status"),
                    a.string("note"), a.string("speed"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(a.name("") + e.getMessage());
        }
    }

    static Usage usage(Args a) {
        long in = count(a, "input_tokens", "tokens_in");
        long out = count(a, "output_tokens", "tokens_out");
        long cw5 = count(a, "cache_creation_tokens", null);
        long cw1 = count(a, "cache_creation_1h_tokens", null);
        long cr = count(a, "cache_read_tokens", null);
        // Range checks (>= 0, not absurd) happen in EventInput; Usage itself refuses negatives.
        checkRange(a, "input_tokens", in);
        checkRange(a, "output_tokens", out);
        checkRange(a, "cache_creation_tokens", cw5);
        checkRange(a, "cache_creation_1h_tokens", cw1);
        checkRange(a, "cache_read_tokens", cr);
        return new Usage(in, out, cw5, cw1, cr);
    }

    private static void checkRange(Args a, String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(a.name(field) + " must be >= 0, got " + value);
        }
        if (value > EventInput.MAX_TOKENS_PER_BUCKET) {
            throw new IllegalArgumentException(a.name(field) + " must be at most "
                    + EventInput.MAX_TOKENS_PER_BUCKET + " for one event, got " + value);
        }
    }

    private static long count(Args a, String field, String alias) {
        Long v = a.wholeNumber(field, alias);
        return v == null ? 0 : v;
    }

    private static Instant instant(Args a, String field) {
        String s = a.string(field);
        return s == null || s.isBlank() ? null : Times.parseInstant(a.name(field), s.strip());
    }
}
