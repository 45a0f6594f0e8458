package dev.tokenomics.pricing;

import java.math.BigDecimal;

/**
 * USD per single token, by billing bucket: LiteLLM's unit (its {@code *_cost_per_token} fields), so
 * file values are used as written with no per-million scaling that could introduce rounding.
 */
public record Rates(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
        BigDecimal cacheRead) {

    public Rates {
        check("input", input);
        check("output", output);
        check("cache_write_5m", cacheWrite5m);
        check("cache_write_1h", cacheWrite1h);
        check("cache_read", cacheRead);
    }

    private static void check(String field, BigDecimal v) {
        if (v == null) {
            throw new IllegalArgumentException(field + " rate is required");
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException(field + " rate must be >= 0, got " + v.toPlainString());
        }
    }
}
