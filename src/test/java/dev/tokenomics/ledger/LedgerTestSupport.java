package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builders for ledger tests: a real ledger (a file in a temp folder, or PostgreSQL: {@link TestLedgers}), a fixed clock, terse events. */
public final class LedgerTestSupport {
    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private LedgerTestSupport() {}

    public static TokenLedger open(Path dir) {
        return new TokenLedger(TestLedgers.open(dir), PriceTable.bundled(),
                Clock.fixed(NOW, ZoneOffset.UTC), EventDefaults.NONE);
    }

    /** Deletes one event through the one writer, as every delete must go (no trigger keeps the rollups). */
    public static boolean deleteEvent(Database db, String recordKey) {
        return db.write("delete event " + recordKey, c -> {
            try (EventWriter w = new EventWriter(c)) {
                return w.delete(recordKey);
            }
        });
    }

    public static EventInput event(String key, String taskId, String workstream, String model, long in, long out) {
        return new EventInput(key, NOW, null, null, null, null, taskId, workstream, null, null, model, null, null,
                null, null, null, null, new Usage(in, out, 0, 0, 0), null, true, null, null, null);
    }
}
