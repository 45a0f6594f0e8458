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

    public long tokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    /** Whether the day's sums are a floor: some of its records reported incomplete usage. */
    public boolean usageCompleteFloor() {
        return lowerBoundRecords > 0;
    }
}
