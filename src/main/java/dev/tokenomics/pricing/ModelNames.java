package dev.tokenomics.pricing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Model ids to price-table keys. Transcripts and callers name one model many ways:
 * {@code anthropic/claude-sonnet-4-5}, Bedrock's {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0},
 * Vertex's {@code claude-sonnet-4-5@20250929}, a date suffix, Claude Code's {@code [1m]} marker.
 * All of those are {@code claude-sonnet-4-5}.
 */
public final class ModelNames {
    public static final String SYNTHETIC = "<synthetic>";

    private static final Pattern PROVIDER = Pattern.compile(
            "^(anthropic|openai|google|gemini|vertex_ai|vertex_ai_beta|bedrock|azure|openrouter)/");
    private static final Pattern BEDROCK_REGION = Pattern.compile("^(us|eu|apac|global|jp|au)\\.");
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");
    private static final Pattern DATE = Pattern.compile("-(20\\d{6}|20\\d{2}-\\d{2}-\\d{2})$");

    private ModelNames() {}

    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String m = raw.strip().toLowerCase(Locale.ROOT);
        if (m.equals(SYNTHETIC)) {
            return SYNTHETIC;
        }
        m = m.replace("[1m]", "");
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
            m = m.substring(0, at);
        }
        if (m.endsWith("-latest")) {
            m = m.substring(0, m.length() - "-latest".length());
        }
        m = DATE.matcher(m).replaceFirst("");
        return m;
    }
}
