package dev.tokenomics.ledger;

import java.util.List;

/**
 * The names in {@code token_events.source}: which agent (or door) an event came from. Measured
 * sources read an agent's own records of its usage; {@link #SELF_REPORT} is what an agent said it
 * spent through record_token_event. Claude Code's sidechain copies carry {@link #CLAUDE_CODE_SIDECHAIN}
 * so a later main-chain copy of the same message can take their place; they count as Claude Code.
 */
public final class Sources {
    public static final String CLAUDE_CODE = "claude-code";
    public static final String CLAUDE_CODE_SIDECHAIN = "claude-code/sidechain";
    public static final String CODEX = "codex";
    public static final String GEMINI_CLI = "gemini-cli";
    public static final String OPENCODE = "opencode";
    public static final String OTLP = "otlp";
    public static final String WORKFLOW = "workflow";
    public static final String SELF_REPORT = "self-report";

    /** Every agent name a filter accepts, in the order summaries list them. */
    public static final List<String> NAMES = List.of(CLAUDE_CODE, CODEX, GEMINI_CLI, OPENCODE, OTLP, WORKFLOW,
            SELF_REPORT);

    private Sources() {}

    /** The agent an event's source belongs to: a sidechain copy is Claude Code's. */
    public static String agentOf(String source) {
        return CLAUDE_CODE_SIDECHAIN.equals(source) ? CLAUDE_CODE : source;
    }

    /** True for what an agent's own records measured, false for self-reports. */
    public static boolean measured(String source) {
        return source != null && !SELF_REPORT.equals(source);
    }

    /** Checks a name given to --source or a tool's source argument; the message lists the valid ones. */
    public static String parse(String field, String name) {
        String n = name == null ? null : name.strip();
        if (n == null || !NAMES.contains(n)) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", NAMES) + "; got "
                    + Times.quote(name));
        }
        return n;
    }

    /** The stored values that stand for these agents (Claude Code brings its sidechain name along). */
    static List<String> stored(List<String> agents) {
        List<String> out = new java.util.ArrayList<>();
        for (String a : agents) {
            out.add(a);
            if (CLAUDE_CODE.equals(a)) {
                out.add(CLAUDE_CODE_SIDECHAIN);
            }
        }
        return out;
    }
}
