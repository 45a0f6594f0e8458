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

    /** The exact USD cost of {@code usage} at these rates, each bucket at its own rate. */
    public BigDecimal cost(Usage usage) {
        return input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheWrite5m.multiply(BigDecimal.valueOf(usage.cacheWrite5mTokens())))
                .add(cacheWrite1h.multiply(BigDecimal.valueOf(usage.cacheWrite1hTokens())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())));
    }

    /** Every rate times {@code factor}: fast-mode prices. */
    Rates times(BigDecimal factor) {
        return new Rates(input.multiply(factor), output.multiply(factor), cacheWrite5m.multiply(factor),
                cacheWrite1h.multiply(factor), cacheRead.multiply(factor));
    }

    /** The five rates as plain decimals, comma-separated; trailing zeros do not make a new text. */
    void appendTo(StringBuilder out) {
        BigDecimal[] all = {input, output, cacheWrite5m, cacheWrite1h, cacheRead};
        for (int i = 0; i < all.length; i++) {
            out.append(i == 0 ? "" : ",").append(all[i].stripTrailingZeros().toPlainString());
        }
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
