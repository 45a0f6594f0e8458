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
 * Migration 17 gives a version-16 ledger's report_tasks_hourly cells their tokens by bucket, filled
 * from the events: every cell then matches the GROUP BY it stands for, and the writer keeps it so.
 */
class TaskBucketsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersion16LedgersTaskCellsGetTheirBucketsFromTheEvents() throws Exception {
        Path file = dir.resolve("v16.db");
        Random r = new Random(17);
        try (TokenLedger ledger = TokenLedger.open(file, PriceTable.bundled(), EventDefaults.NONE)) {
            List<EventInput> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                events.add(event(r, i));
            }
            ledger.events().recordAll(events);
        }
        // Back to version 16's table: the same cells without the bucket columns.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE old_tasks AS SELECT hour, task_id, lane, ref_type, ref_id, records, tokens, "
                    + "cost_nanos, unpriced_records, last_ts FROM report_tasks_hourly");
            s.execute("DROP TABLE report_tasks_hourly");
            s.execute("""
                    CREATE TABLE report_tasks_hourly (hour TEXT NOT NULL, task_id TEXT NOT NULL, lane TEXT NOT NULL,
                      ref_type TEXT NOT NULL, ref_id TEXT NOT NULL, records INTEGER NOT NULL, tokens INTEGER NOT NULL,
                      cost_nanos INTEGER NOT NULL, unpriced_records INTEGER NOT NULL, last_ts TEXT NOT NULL,
                      PRIMARY KEY (hour, task_id, lane, ref_type, ref_id)) WITHOUT ROWID""");
            s.execute("INSERT INTO report_tasks_hourly SELECT * FROM old_tasks");
            s.execute("DROP TABLE old_tasks");
            s.execute("ALTER TABLE report_dims_hourly DROP COLUMN unstarted_records"); // migration 18 adds it
            s.execute("PRAGMA user_version = 16");
        }

        try (TokenLedger ledger = TokenLedger.open(file, PriceTable.bundled(), EventDefaults.NONE)) {
            Database db = ledger.database();
            assertEquals(Schema.CURRENT_VERSION, (int) db.read("v", Schema::version));
            List<String> filled = RollupInvariantTest.rows(db,
                    "SELECT COUNT(*) FROM report_tasks_hourly WHERE input_tokens > 0");
            assertTrue(Integer.parseInt(filled.get(0).replace("|", "")) > 50, "cells filled: " + filled);
            db.write("no prunes", c -> c.createStatement().execute(
                    "CREATE TABLE test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
            RollupInvariantTest.assertRollupsMatch(db, "after migration 17");
            List<EventInput> more = new ArrayList<>();
            for (int i = 500; i < 700; i++) {
                more.add(event(r, i));
            }
            ledger.events().recordAll(more);
            ledger.events().record(event(r, 3)); // a replacement: its old cell shrinks, its new one grows
            RollupInvariantTest.assertRollupsMatch(db, "writes after migration 17");
        }
    }

    private static EventInput event(Random r, int i) {
        Instant ts = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(r.nextInt(3 * 24 * 3600));
        return new EventInput("k" + i, ts, null, null, null, null, "t" + r.nextInt(9), "ws" + r.nextInt(4),
                "repo-" + r.nextInt(3), "agent-" + r.nextInt(2), "claude-sonnet-4-5", "execute", null, null,
                "lane-" + r.nextInt(3), null, null,
                new Usage(1 + r.nextInt(5_000), r.nextInt(500), r.nextInt(30), r.nextInt(20), r.nextInt(9_000)), null,
                r.nextInt(5) != 0, null, null, null);
    }
}
