package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 11 (after 10, the team ledger) adds the OTLP intake's tables to a version-9 ledger built from the version-9 schema
 * (frozen in test resources): the events it held stay, and a cumulative series and the one-kind rule
 * work on the migrated file.
 */
class OtlpMigrationTest {
    @TempDir
    Path dir;

    @Test
    void migrationTenAddsTheOtlpStateAndKeepsTheEvents() throws Exception {
        Path file = dir.resolve("v9.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            String v9 = new String(OtlpMigrationTest.class.getResourceAsStream("/db/schema-v9.sql").readAllBytes());
            Schema.execute(c, v9);
            assertEquals(9, Schema.version(c));
        }
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        try (TokenLedger v9 = new TokenLedger(Database.open(file), PriceTable.bundled(), Clock.fixed(now,
                ZoneOffset.UTC), EventDefaults.NONE)) {
            assertEquals(Schema.CURRENT_VERSION, (int) v9.database().read("v", Schema::version));
            v9.events().recordAll(List.of(LedgerTestSupport.event("old", null, null, "claude-haiku-4-5", 10, 20)));
            EventInput at = new EventInput("otlp:metric:x", now, null, null, null, "s-1", null, null, null, null,
                    "claude-haiku-4-5", null, null, null, null, null, null, new Usage(0, 0, 0, 0, 0), null, true,
                    Sources.OTLP, "ok", null);
            for (long value : new long[] {500, 500, 800}) {
                v9.imports().importOtlp(new OtlpBatch(List.of(), List.of(new OtlpBatch.MetricPoint("series-1", true, 1,
                        value == 800 ? 3 : 2, value, OtlpBatch.TokenType.INPUT, at))));
            }
            Totals t = v9.events().summarize(Scope.ALL, null, null, null).totals();
            assertEquals(2 + 1, t.events()); // the old event, and the two increments (500, then 300)
            assertEquals(10 + 800, t.inputTokens());
            long series = v9.database().read("count", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT value FROM otlp_series")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(800, series);
        }
    }
}
