package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * One limit of a budget measured against spending, in the limit's own unit (nano-dollars or
 * tokens): how much is spent, the level, the burn rate over the lookback, where the period ends up
 * at that rate, and when the limit runs out.
 *
 * @param percentUsed spent as a percent of the limit, truncated to two places (so 74.999% shows 74.99, not 75)
 * @param ratePerDay average spending per day over the lookback
 * @param projected spent plus the rate over what is left of the period; null for a total period
 * @param exhaustsAt when the limit runs out at this rate; null when already exhausted, when the rate is zero,
 *     or when it would only run out after the period ends (a new period starts from zero)
 */
public record Meter(
        long spent,
        long limit,
        BigDecimal percentUsed,
        Level level,
        long remaining,
        BigDecimal ratePerDay,
        Long projected,
        boolean exhausted,
        Instant exhaustsAt) {

    static final BigDecimal DAY_MS = BigDecimal.valueOf(Duration.ofDays(1).toMillis());

    static Meter of(long spent, long limit, Thresholds thresholds, long lookbackSpent, Duration lookback,
            Instant now, Period.Window window) {
        BigDecimal percent = BigDecimal.valueOf(spent).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(limit), 2, RoundingMode.DOWN);
        long lookbackMs = lookback.toMillis();
        BigDecimal rate = BigDecimal.valueOf(lookbackSpent).multiply(DAY_MS)
                .divide(BigDecimal.valueOf(lookbackMs), 6, RoundingMode.HALF_EVEN);
        Long projected = null;
        if (window.bounded()) {
            long leftMs = Math.max(0, window.end().toEpochMilli() - now.toEpochMilli());
            // Exact: spent + lookbackSpent * leftMs / lookbackMs, rounded once at the end.
            BigDecimal more = BigDecimal.valueOf(lookbackSpent).multiply(BigDecimal.valueOf(leftMs))
                    .divide(BigDecimal.valueOf(lookbackMs), 0, RoundingMode.HALF_EVEN);
            projected = spent + more.longValueExact();
        }
        boolean exhausted = spent >= limit;
        Instant exhaustsAt = null;
        if (!exhausted && lookbackSpent > 0) {
            // The first millisecond by which the rest of the limit is spent at the lookback's pace.
            long ms = BigDecimal.valueOf(limit - spent).multiply(BigDecimal.valueOf(lookbackMs))
                    .divide(BigDecimal.valueOf(lookbackSpent), 0, RoundingMode.CEILING).longValueExact();
            Instant at = now.plusMillis(ms);
            if (!window.bounded() || at.isBefore(window.end())) {
                exhaustsAt = at;
            }
        }
        return new Meter(spent, limit, percent, thresholds.level(spent, limit), Math.max(0, limit - spent), rate,
                projected, exhausted, exhaustsAt);
    }

    /** Days from {@code now} to exhaustion, two places; null when {@link #exhaustsAt} is null. */
    public BigDecimal daysUntilExhaustion(Instant now) {
        if (exhaustsAt == null) {
            return null;
        }
        return BigDecimal.valueOf(Duration.between(now, exhaustsAt).toMillis())
                .divide(DAY_MS, 2, RoundingMode.HALF_EVEN);
    }

    public BigDecimal ratePerHour() {
        return ratePerDay.divide(BigDecimal.valueOf(24), 6, RoundingMode.HALF_EVEN);
    }
}
