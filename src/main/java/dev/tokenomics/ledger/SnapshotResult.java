package dev.tokenomics.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * What a snapshot or prune did: the days written, the days kept as they were because their raw
 * events were already pruned, the pruned days whose stored rows took in late events (recorded
 * after that prune; prune only), and (prune only) how many events were deleted.
 */
public record SnapshotResult(List<LocalDate> written, List<LocalDate> keptPruned, List<LocalDate> lateRolledUp,
        long deletedEvents) {
    public SnapshotResult(List<LocalDate> written, List<LocalDate> keptPruned, long deletedEvents) {
        this(written, keptPruned, List.of(), deletedEvents);
    }
}
