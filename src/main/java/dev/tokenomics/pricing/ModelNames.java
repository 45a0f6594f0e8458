package dev.tokenomics.pricing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Model ids to price-table family keys. Transcripts and callers name one model many ways:
 * {@code anthropic/claude-sonnet-4-5}, Bedrock's {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0},
 * Vertex's {@code claude-sonnet-4-5@20250929}, a date suffix, Claude Code's {@code [1m]} marker,
 * OpenRouter's {@code anthropic/claude-sonnet-4.5}. All of those are {@code claude-sonnet-4-5}.
 *
 * <p>Only decoration is removed, never a version component: {@code claude-opus-4-1-20250805} is
 * {@code claude-opus-4-1} (its own price row), not {@code claude-opus-4}, and {@code gpt-4o-mini}
 * stays {@code gpt-4o-mini} rather than falling back to {@code gpt-4o}.
 */
public final class ModelNames {
    /** Claude Code's placeholder for messages no model produced: zero tokens, never priced. */
    public static final String SYNTHETIC = "<synthetic>";

    /** Router / SDK prefixes (LiteLLM's provider prefixes, OpenRouter's vendor prefixes); may nest. */
    private static final Pattern PROVIDER = Pattern.compile(
            "^(anthropic|openai|google|gemini|vertex_ai|vertex_ai_beta|bedrock|bedrock_converse|azure|azure_ai"
                    + "|openrouter|models)/");
    /** Bedrock cross-region inference profiles: us.anthropic.claude-..., eu., apac., global., jp., au. */
    private static final Pattern BEDROCK_REGION = Pattern.compile("^(us|eu|apac|global|jp|au|us-gov)\\.");
    /** Bedrock model version, e.g. -v1:0, -v2:0, and the context-window variants -v1:0:200k. */
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)+(:\\d+k)?$");
    /** Vertex names Claude 3.5 Sonnet v2 "claude-3-5-sonnet-v2@20241022"; same list price as v1. */
    private static final Pattern CLAUDE_REVISION = Pattern.compile("-v\\d+$");
    /** Anthropic dates (-20250514) and OpenAI dates (-2024-08-06). */
    private static final Pattern DATE = Pattern.compile("-(20\\d{6}|20\\d{2}-\\d{2}-\\d{2})$");
    /** OpenRouter writes Claude versions with dots (claude-sonnet-4.5, claude-3.5-sonnet). */
    private static final Pattern DOTTED_VERSION = Pattern.compile("(?<=\\d)\\.(?=\\d)");

    private ModelNames() {}

    /**
     * The family key for {@code raw}, lower case: {@code null} for null or blank, {@link #SYNTHETIC}
     * for Claude Code's placeholder, otherwise the id with provider prefixes, region prefixes, version
     * and date suffixes and {@code [1m]} removed. Unknown ids come back cleaned but otherwise as given.
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String m = raw.strip().toLowerCase(Locale.ROOT);
        if (m.equals(SYNTHETIC)) {
            return SYNTHETIC;
        }
        // Claude Code marks the 1M-context beta as "claude-sonnet-4-5[1m]"; the price row is the
        // model's own (the long-context tier is chosen per request by prompt size, not by name).
        m = m.replace("[1m]", "").strip();
        if (m.startsWith("arn:")) {
            // Bedrock inference-profile ARN: the profile id is the last path segment.
            m = m.substring(m.lastIndexOf('/') + 1);
        }
        String before;
        do {
            before = m;
            m = PROVIDER.matcher(m).replaceFirst("");
        } while (!m.equals(before));
        m = BEDROCK_REGION.matcher(m).replaceFirst("");
        if (m.startsWith("anthropic.")) {
            m = m.substring("anthropic.".length());
        }
        m = BEDROCK_VERSION.matcher(m).replaceFirst("");
        int at = m.indexOf('@');
        if (at > 0) {
            m = m.substring(0, at); // Vertex: claude-sonnet-4@20250514
        }
        if (m.endsWith("-latest")) {
            m = m.substring(0, m.length() - "-latest".length());
        }
        m = DATE.matcher(m).replaceFirst("");
        if (m.startsWith("claude-")) {
            m = DOTTED_VERSION.matcher(m).replaceAll("-");
            m = CLAUDE_REVISION.matcher(m).replaceFirst("");
        }
        return m;
    }
}
