package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact cost arithmetic: BigDecimal throughout (never double), nano-dollars for storage. */
public final class Costs {
    /** Storage unit: 1e-9 USD, fine enough that no per-request list-price cost is rounded by more than half a nano. */
    private static final int NANO_SCALE = 9;

    private Costs() {}

    /**
     * The exact USD cost of one request. Long context: Anthropic bills a Sonnet 4 / 4.5 request whose
     * prompt (input + cache writes + cache reads) exceeds 200,000 tokens entirely at the long-context
     * rates (https://docs.anthropic.com/en/docs/about-claude/pricing#long-context-pricing), and Google
     * prices a Gemini 2.5 Pro prompt over 200k the same way; LiteLLM applies its
     * {@code *_above_200k_tokens} rates to every token type once the prompt passes the threshold.
     * We therefore reprice the WHOLE request; ccusage instead splits each token type at 200k, which
     * under-prices such requests. A prompt of exactly the threshold stays at base rates ("exceeds").
     */
    public static BigDecimal cost(ModelPrice price, Usage usage) {
        if (price == null || usage == null) {
            throw new IllegalArgumentException("price and usage are required, got price=" + price + ", usage=" + usage);
        }
        boolean longContext = price.longContextThresholdTokens() > 0
                && usage.promptTokens() > price.longContextThresholdTokens();
        return (longContext ? price.longContext() : price.base()).cost(usage);
    }

    /**
     * USD to integer nano-dollars, rounded half-even (banker's rounding, so sums of many rounded
     * costs carry no systematic upward bias). Throws ArithmeticException when it overflows a long.
     */
    public static long toNanos(BigDecimal usd) {
        if (usd == null) {
            throw new IllegalArgumentException("usd is required");
        }
        return usd.movePointRight(NANO_SCALE).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Nano-dollars to USD, exact, at scale 9; stripping trailing zeros is the caller's choice. */
    public static BigDecimal fromNanos(long nanos) {
        return BigDecimal.valueOf(nanos, NANO_SCALE);
    }
}
