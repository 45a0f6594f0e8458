package dev.tokenomics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * The report's ratios, rounded once and the same way everywhere (HALF_EVEN). A zero divisor gives
 * null, which every form shows as "--" (text) or null (JSON): never a division error.
 */
final class Num {
    private Num() {}

    /** part / whole as a percentage with one decimal. */
    static BigDecimal pct(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN);
    }

    /** a / b with one decimal. */
    static BigDecimal per(long a, long b) {
        if (b == 0) {
            return null;
        }
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 1, RoundingMode.HALF_EVEN);
    }

    /** nanos / b as whole nano-dollars. */
    static Long nanosPer(long nanos, long b) {
        if (b == 0) {
            return null;
        }
        return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(b), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** A median or percentile of milliseconds, in minutes with one decimal. */
    static BigDecimal minutes(OptionalDouble ms) {
        if (ms.isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(ms.getAsDouble()).divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_EVEN);
    }

    /** A median of counts (may end in .5), with one decimal. */
    static BigDecimal oneDecimal(OptionalDouble v) {
        return v.isEmpty() ? null : BigDecimal.valueOf(v.getAsDouble()).setScale(1, RoundingMode.HALF_EVEN);
    }

    /** A median of nano-dollars (may end in .5), as whole nano-dollars. */
    static Long nanos(OptionalDouble v) {
        return v.isEmpty() ? null : BigDecimal.valueOf(v.getAsDouble()).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    static BigDecimal twoDecimals(double v) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN);
    }
}
