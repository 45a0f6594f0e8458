package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact cost arithmetic: BigDecimal throughout, nano-dollars for storage. */
public final class Costs {
    private Costs() {}

    /**
     * The cost of one request. Long context: Anthropic bills a Sonnet 4 / 4.5 request whose prompt
     * (input + cache writes + cache reads) exceeds 200,000 tokens entirely at the long-context rates
     * (Anthropic pricing, "Long context pricing"); LiteLLM applies its *_above_200k_tokens rates the
     * same way. ccusage instead splits each token type at 200k, which under-prices such requests.
     */
    public static BigDecimal cost(ModelPrice price, Usage usage) {
        Rates r = price.longContextThresholdTokens() > 0 && usage.promptTokens() > price.longContextThresholdTokens()
                ? price.longContext() : price.base();
        return r.input().multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(r.output().multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(r.cacheWrite5m().multiply(BigDecimal.valueOf(usage.cacheWrite5mTokens())))
                .add(r.cacheWrite1h().multiply(BigDecimal.valueOf(usage.cacheWrite1hTokens())))
                .add(r.cacheRead().multiply(BigDecimal.valueOf(usage.cacheReadTokens())));
    }

    /** USD to integer nano-dollars, half-even; throws ArithmeticException past a long. */
    public static long toNanos(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    public static BigDecimal fromNanos(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }
}
