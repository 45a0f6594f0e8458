package dev.tokenomics.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One day's totals in one timezone, kept in daily_rollups so history outlives pruned events.
 * Sums are over complete records; {@code lowerBoundRecords} says how many were left out.
 * {@code activeLoc} is null when none of the day's refs has a known size.
 */
public record Rollup(LocalDate day, String timezone, long records, long lowerBoundRecords, long pricedRecords,
        long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens, long cacheReadTokens,
        long inputCostNanos, long outputCostNanos, long cacheWrite5mCostNanos, long cacheWrite1hCostNanos,
        long cacheReadCostNanos, long costNanos, Long activeLoc, Instant snapshotAt) {

    public Rollup {
        if (day == null || timezone == null) {
            throw new IllegalArgumentException("day and timezone are required");
        }
        if (records < 0 || lowerBoundRecords < 0 || pricedRecords < 0 || pricedRecords > records) {
            throw new IllegalArgumentException("record counts must be >= 0 with priced <= records, got records="
                    + records + " lower_bound=" + lowerBoundRecords + " priced=" + pricedRecords + " for " + day);
        }
    }

    /**
     * This day's row with {@code late}'s sums added (events recorded after the day was pruned).
     * LOC is not additive across a day's events: the stored figure stays, or late's when none.
     */
    public Rollup plus(Rollup late) {
        if (!day.equals(late.day) || !timezone.equals(late.timezone)) {
            throw new IllegalArgumentException("cannot add the rollup of " + late.day + " " + late.timezone + " to "
                    + day + " " + timezone);
        }
        return new Rollup(day, timezone, records + late.records, lowerBoundRecords + late.lowerBoundRecords,
                pricedRecords + late.pricedRecords, inputTokens + late.inputTokens, outputTokens + late.outputTokens,
                cacheWrite5mTokens + late.cacheWrite5mTokens, cacheWrite1hTokens + late.cacheWrite1hTokens,
                cacheReadTokens + late.cacheReadTokens, inputCostNanos + late.inputCostNanos,
                outputCostNanos + late.outputCostNanos, cacheWrite5mCostNanos + late.cacheWrite5mCostNanos,
                cacheWrite1hCostNanos + late.cacheWrite1hCostNanos, cacheReadCostNanos + late.cacheReadCostNanos,
                costNanos + late.costNanos, activeLoc != null ? activeLoc : late.activeLoc, late.snapshotAt);
    }

    public long tokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    /** Whether the day's sums are a floor: some of its records reported incomplete usage. */
    public boolean usageCompleteFloor() {
        return lowerBoundRecords > 0;
    }
}
