package dev.tokenomics.pricing;

/** Token counts of one request (or one recorded event), by billing bucket. */
public record Usage(long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
        long cacheReadTokens) {

    public Usage {
        check("input_tokens", inputTokens);
        check("output_tokens", outputTokens);
        check("cache_creation_tokens", cacheWrite5mTokens);
        check("cache_creation_1h_tokens", cacheWrite1hTokens);
        check("cache_read_tokens", cacheReadTokens);
    }

    private static void check(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }

    /**
     * Every token that went into the prompt: what the long-context threshold is measured against
     * (Anthropic counts input + cache writes + cache reads toward the 200k limit, see
     * https://docs.anthropic.com/en/docs/about-claude/pricing#long-context-pricing). Exact: an
     * overflow throws ArithmeticException rather than wrapping into a small prompt.
     */
    public long promptTokens() {
        return Math.addExact(Math.addExact(inputTokens, cacheWrite5mTokens),
                Math.addExact(cacheWrite1hTokens, cacheReadTokens));
    }

    /** All five buckets. */
    public long totalTokens() {
        return Math.addExact(promptTokens(), outputTokens);
    }
}
