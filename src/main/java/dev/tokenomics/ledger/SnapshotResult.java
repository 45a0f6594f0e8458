package dev.tokenomics.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * What a snapshot or prune did: the days written, the days kept as they were because their raw
 * events were already pruned, and (prune only) how many events were deleted.
 */
public record SnapshotResult(List<LocalDate> written, List<LocalDate> keptPruned, long deletedEvents) {}
