package dev.tokenomics.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock its owner moves: status changes take their time from the ledger's clock, so generated
 * and test ledgers set it to put each change at a chosen instant. Not for a live ledger.
 */
public final class SettableClock extends Clock {
    public volatile Instant now;

    public SettableClock(Instant now) {
        this.now = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
