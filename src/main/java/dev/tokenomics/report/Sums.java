package dev.tokenomics.report;

/**
 * Token and cost sums of a set of records, by bucket. {@code costNanos} adds the priced records
 * only; {@code unpriced} says how many had no price, so a cost is never read as complete when it
 * is not.
 */
public record Sums(long records, long inputTokens, long outputTokens, long cacheWrite5mTokens,
        long cacheWrite1hTokens, long cacheReadTokens, long costNanos, long unpriced) {

    public static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0, 0, 0);

    public long tokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    public long priced() {
        return records - unpriced;
    }

    /** Every record is unpriced: the cost reads "-- (unpriced)", never $0. */
    public boolean allUnpriced() {
        return records > 0 && unpriced == records;
    }

    public Sums plus(Sums o) {
        return new Sums(records + o.records, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cacheWrite5mTokens + o.cacheWrite5mTokens, cacheWrite1hTokens + o.cacheWrite1hTokens,
                cacheReadTokens + o.cacheReadTokens, costNanos + o.costNanos, unpriced + o.unpriced);
    }

    /** The tokens of bucket {@code b}. */
    public long tokens(Bucket b) {
        return switch (b) {
            case INPUT -> inputTokens;
            case OUTPUT -> outputTokens;
            case CACHE_WRITE_5M -> cacheWrite5mTokens;
            case CACHE_WRITE_1H -> cacheWrite1hTokens;
            case CACHE_READ -> cacheReadTokens;
        };
    }
}
