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

    /** Every token that went into the prompt: what the long-context threshold is measured against. */
    public long promptTokens() {
        return inputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    public long totalTokens() {
        return promptTokens() + outputTokens;
    }
}
