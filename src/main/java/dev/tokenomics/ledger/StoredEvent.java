package dev.tokenomics.ledger;

import java.time.Instant;

/** An event as the ledger holds it: the caller's fields (the machine among them) plus what the ledger added. */
public record StoredEvent(long id, EventInput event, Long costNanos, String priceVersion, Instant createdAt) {}
