package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 8 renames the sources on a version-7 ledger built from the version-7 schema (frozen in
 * test resources) and written as version 7 wrote it: every row of every table the writer keeps
 * stays, number for number, with only the source names changed.
 */
class SourcesMigrationTest {
    private static final String[] OLD = {"self_report", "transcript", "transcript_sidechain", "some-tool"};
    private static final String[] TABLES = {"token_events", "running_totals", "spend_hourly", "report_dims_hourly",
        "report_tasks_hourly"};

    @TempDir
    Path dir;

    private static final List<String> BUCKETS = List.of("input_tokens", "output_tokens", "cache_creation_tokens",
            "cache_creation_1h_tokens", "cache_read_tokens");

    @Test
    void migrationEightRenamesSourcesAndKeepsEveryNumber() throws Exception {
        Path file = dir.resolve("v7.db");
        List<List<String>> before = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            String v7 = new String(SourcesMigrationTest.class.getResourceAsStream("/db/schema-v7.sql").readAllBytes());
            Schema.execute(c, v7);
            assertEquals(7, Schema.version(c));
            // Today's writer also fills token_events.speed and machine, which version 7 lacks (migrations 9
            // and 10 add them): the columns are there while the rows are written and dropped after, so the
            // file is v7 again.
            // Likewise report_tasks_hourly's tokens by bucket (migration 17).
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE token_events ADD COLUMN speed TEXT");
                s.execute("ALTER TABLE token_events ADD COLUMN machine TEXT");
                for (String column : BUCKETS) {
                    s.execute("ALTER TABLE report_tasks_hourly ADD COLUMN " + column + " INTEGER NOT NULL DEFAULT 0");
                }
                s.execute("ALTER TABLE report_dims_hourly ADD COLUMN unstarted_records INTEGER NOT NULL DEFAULT 0");
            }
            c.setAutoCommit(false);
            try (EventWriter w = new EventWriter(c)) {
                Random r = new Random(7);
                for (int i = 0; i < 400; i++) {
                    w.upsert(row(r, i));
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE token_events DROP COLUMN speed");
                s.execute("ALTER TABLE token_events DROP COLUMN machine");
                for (String column : BUCKETS) {
                    s.execute("ALTER TABLE report_tasks_hourly DROP COLUMN " + column);
                }
                s.execute("ALTER TABLE report_dims_hourly DROP COLUMN unstarted_records");
            }
            for (String t : TABLES) {
                before.add(dump(c, t, true));
            }
        }
        try (Database db = Database.open(file)) {
            assertEquals(Schema.CURRENT_VERSION, (int) db.read("v", Schema::version));
            db.read("check", c -> {
                for (int i = 0; i < TABLES.length; i++) {
                    assertEquals(before.get(i), dump(c, TABLES[i], false), TABLES[i]);
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT DISTINCT source FROM token_events ORDER BY 1")) {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    assertEquals(List.of("claude-code", "claude-code/sidechain", "self-report", "some-tool"), names);
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM import_state")) {
                    assertTrue(rs.next() && rs.getLong(1) == 0, "import_state exists and is empty");
                }
                return null;
            });
        }
    }

    /** Every row of a table in a fixed order; {@code rename} applies migration 8's mapping by hand. */
    private static List<String> dump(Connection c, String table, boolean rename) throws SQLException {
        List<String> out = new ArrayList<>();
        // Migration 14 adds spend by source beside the rows that were there: those are compared.
        String where = table.equals("spend_hourly") ? " WHERE scope <> 'source'" : "";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + where)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    if (md.getColumnName(i).equals("speed") && v == null) {
                        continue; // added by migration 9 after this one, NULL on every old row
                    }
                    if (table.equals("report_tasks_hourly") && BUCKETS.contains(md.getColumnName(i))
                            || md.getColumnName(i).equals("unstarted_records")) {
                        continue; // added by migrations 17 and 18 (TaskBucketsMigrationTest, RollupInvariantTest)
                    }
                    if (md.getColumnName(i).equals("machine") && Machines.local().equals(v)) {
                        continue; // added by migration 10, this machine's name on every old row
                    }
                    if (rename && md.getColumnName(i).equals("source")) {
                        v = switch (v) {
                            case "self_report" -> "self-report";
                            case "transcript" -> "claude-code";
                            case "transcript_sidechain" -> "claude-code/sidechain";
                            default -> v;
                        };
                    }
                    b.append(md.getColumnName(i)).append('=').append(v).append(' ');
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    private static EventRow row(Random r, int i) {
        String ts = String.format("2026-11-%02dT%02d:%02d:00.000Z", 20 + r.nextInt(5), r.nextInt(24), r.nextInt(60));
        Long cost = r.nextInt(5) == 0 ? null : (long) r.nextInt(50_000_000);
        return new EventRow("k" + i, ts, null, null, null, "s" + r.nextInt(4), r.nextBoolean() ? "T" + r.nextInt(3) : null,
                r.nextBoolean() ? "ws" : null, r.nextBoolean() ? "repo" : null, r.nextBoolean() ? "agent" : null,
                r.nextBoolean() ? "claude-sonnet-4-5" : "gpt-5", r.nextBoolean() ? "build" : null, null, null, null,
                null, null, r.nextInt(9_000), r.nextInt(900), r.nextInt(90), r.nextInt(9), r.nextInt(90_000), null,
                cost, cost == null ? null : "test", r.nextInt(6) != 0, OLD[r.nextInt(OLD.length)],
                r.nextInt(10) == 0 ? "error" : "ok", null, "2026-11-25T00:00:00.000Z");
    }
}
