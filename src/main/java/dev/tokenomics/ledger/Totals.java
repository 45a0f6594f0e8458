package dev.tokenomics.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Token and cost sums over a set of events. {@code costNanos} sums the priced events only;
 * {@code unpricedEvents} says how many had no price, so a cost is never read as complete when it
 * is not. {@code lowerBoundEvents} counts events whose usage was marked incomplete.
 */
public record Totals(
        long events,
        long inputTokens,
        long outputTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long cacheReadTokens,
        long costNanos,
        long unpricedEvents,
        long lowerBoundEvents) {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The SELECT list that {@link #read} expects, over token_events. */
    static final String COLUMNS = "COUNT(*), COALESCE(SUM(input_tokens),0), COALESCE(SUM(output_tokens),0), "
            + "COALESCE(SUM(cache_creation_tokens),0), COALESCE(SUM(cache_creation_1h_tokens),0), "
            + "COALESCE(SUM(cache_read_tokens),0), COALESCE(SUM(cost_nanos),0), "
            + "COUNT(*) - COUNT(cost_nanos), COALESCE(SUM(1 - usage_complete),0)";

    static Totals read(ResultSet rs, int first) throws SQLException {
        return new Totals(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6), rs.getLong(first + 7),
                rs.getLong(first + 8));
    }

    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** All tokens: input, output, cache writes (5m and 1h) and cache reads. */
    public long totalTokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    /** The priced cost in USD; a lower bound when {@link #unpricedEvents} is not zero. */
    public BigDecimal costUsd() {
        return Money.usd(costNanos);
    }

    public boolean costComplete() {
        return unpricedEvents == 0;
    }

    public Totals plus(Totals o) {
        return new Totals(events + o.events, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cacheWrite5mTokens + o.cacheWrite5mTokens, cacheWrite1hTokens + o.cacheWrite1hTokens,
                cacheReadTokens + o.cacheReadTokens, costNanos + o.costNanos, unpricedEvents + o.unpricedEvents,
                lowerBoundEvents + o.lowerBoundEvents);
    }
}
