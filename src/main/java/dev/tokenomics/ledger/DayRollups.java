package dev.tokenomics.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * Turns days' sums into rollups: the report's arithmetic, handed to the ledger so a snapshot
 * (and the snapshot inside a prune) computes and stores in one transaction.
 */
@FunctionalInterface
public interface DayRollups {
    /** One entry per day, aligned with {@code days}; null for a day with nothing to keep. */
    List<Rollup> make(List<LocalDate> days, DayDetail detail);
}
