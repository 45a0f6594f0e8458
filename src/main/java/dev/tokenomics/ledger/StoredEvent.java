package dev.tokenomics.ledger;

import java.time.Instant;

/** An event as the ledger holds it: the caller's fields plus what the ledger added (its cost, the machine). */
public record StoredEvent(long id, EventInput event, Long costNanos, String priceVersion, Instant createdAt,
        String machine) {}
