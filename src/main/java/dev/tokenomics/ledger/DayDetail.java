package dev.tokenomics.ledger;

import java.util.List;

/**
 * Per-day sums split by model (to cost each bucket) and completeness, and the LOC of the known
 * refs each day's complete events carry: the input of the day JSON and of snapshots.
 */
public record DayDetail(List<Row> rows, List<Long> locByDay) {
    public record Row(int day, String model, boolean complete, long records, long inputTokens, long outputTokens,
            long cacheWrite5mTokens, long cacheWrite1hTokens, long cacheReadTokens, long costNanos,
            long unpricedRecords) {}
}
