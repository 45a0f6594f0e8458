package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 15 re-keys spend_hourly by hour first on a version-14 ledger: every cell stays, number for
 * number; a budget's scope reads through the new index; and the writer keeps the cells right after.
 */
class SpendHourFirstMigrationTest {
    private static final String CELLS = "SELECT scope, scope_id, hour, events, input_tokens, output_tokens, "
            + "cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, "
            + "lower_bound_events FROM spend_hourly ORDER BY 1, 2, 3";

    @TempDir
    Path dir;

    @Test
    void aVersion14LedgerKeepsEveryCellAndReadsScopesThroughTheIndex() throws Exception {
        Path file = dir.resolve("v14.db");
        Random r = new Random(15);
        try (TokenLedger ledger = TokenLedger.open(file, PriceTable.bundled(), EventDefaults.NONE)) {
            List<EventInput> events = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                events.add(event(r, i));
            }
            ledger.events().recordAll(events);
        }
        List<String> before;
        // Back to version 14's table: keyed (scope, scope_id, hour), no scope index.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP INDEX ix_spend_hourly_scope");
            s.execute("CREATE TABLE old_spend AS SELECT * FROM spend_hourly");
            s.execute("DROP TABLE spend_hourly");
            s.execute("""
                    CREATE TABLE spend_hourly (scope TEXT NOT NULL, scope_id TEXT NOT NULL, hour TEXT NOT NULL,
                      events INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
                      cache_creation_tokens INTEGER NOT NULL, cache_creation_1h_tokens INTEGER NOT NULL,
                      cache_read_tokens INTEGER NOT NULL, cost_nanos INTEGER NOT NULL, unpriced_events INTEGER NOT NULL,
                      lower_bound_events INTEGER NOT NULL, PRIMARY KEY (scope, scope_id, hour)) WITHOUT ROWID""");
            s.execute("INSERT INTO spend_hourly SELECT * FROM old_spend");
            s.execute("DROP TABLE old_spend");
            for (String column : List.of("input_tokens", "output_tokens", "cache_creation_tokens",
                    "cache_creation_1h_tokens", "cache_read_tokens")) {
                s.execute("ALTER TABLE report_tasks_hourly DROP COLUMN " + column); // migration 17 adds them
            }
            s.execute("ALTER TABLE report_dims_hourly DROP COLUMN unstarted_records"); // migration 18 adds it
            s.execute("PRAGMA user_version = 14");
            before = rows(c, CELLS);
        }
        assertTrue(before.size() > 100, "cells to migrate: " + before.size());

        try (TokenLedger ledger = TokenLedger.open(file, PriceTable.bundled(), EventDefaults.NONE)) {
            Database db = ledger.database();
            assertEquals(Schema.CURRENT_VERSION, (int) db.read("v", Schema::version));
            assertEquals(before, RollupInvariantTest.rows(db, CELLS).stream().map(this::strip).toList());
            String table = RollupInvariantTest.rows(db, "SELECT sql FROM sqlite_master WHERE name = 'spend_hourly'").get(0);
            assertTrue(table.contains("PRIMARY KEY (hour, scope, scope_id)"), table);
            String plan = String.join("\n", RollupInvariantTest.rows(db, "EXPLAIN QUERY PLAN SELECT SUM(events) "
                    + "FROM spend_hourly WHERE scope = 'repo' AND scope_id = 'repo-1' AND hour >= '2026-10-02T00' "
                    + "AND hour < '2026-10-05T00'"));
            assertTrue(plan.contains("ix_spend_hourly_scope"), plan);

            List<EventInput> more = new ArrayList<>();
            for (int i = 600; i < 900; i++) {
                more.add(event(r, i));
            }
            ledger.events().recordAll(more);
            ledger.events().record(event(r, 3)); // a replacement: its old cells shrink, its new ones grow
            db.write("no prunes", c -> c.createStatement().execute(
                    "CREATE TABLE test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
            RollupInvariantTest.assertRollupsMatch(db, "after migration 15");
        }
    }

    private String strip(String row) {
        return row.endsWith("|") ? row.substring(0, row.length() - 1) : row;
    }

    private static EventInput event(Random r, int i) {
        Instant ts = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(r.nextInt(7 * 24 * 3600));
        return new EventInput("k" + i, ts, null, null, null, null, "t" + r.nextInt(9), "ws" + r.nextInt(4),
                "repo-" + r.nextInt(3), "agent-" + r.nextInt(2), r.nextBoolean() ? "claude-sonnet-4-5" : "no-such-model",
                "execute", null, null, null, null, null,
                new Usage(r.nextInt(5_000), r.nextInt(500), r.nextInt(30), 0, r.nextInt(9_000)), null, r.nextInt(5) != 0,
                null, null, null);
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
