package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.Usage;
import dev.tokenomics.report.ReportFixture;
import dev.tokenomics.report.ReportModes;
import dev.tokenomics.report.ReportRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly cells the triggers keep must always equal a GROUP BY over the events, through
 * inserts, replacements (same record_key) and prunes; and a report read from the cells must equal
 * the same report read from the events, in whole-hour zones (DST included) and in a half-hour one.
 */
class ReportCellsTest {
    private static final String[] STAGES = {"plan", "execute", "review", null};
    private static final String[] STRUCTURES = {"spawn", "inline", null};
    private static final String[] ROLES = {"red", "green", null};
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "mystery-model", null};
    private static final String[] LANES = {"A", "B", null};

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        ReportQueries.useCells = true;
    }

    @Test
    void cellsEqualAGroupByOverTheEventsThroughInsertsReplacementsAndPrunes() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            Random r = new Random(42);
            ledger.events().importAll(randomEvents(r, 3_000, 0));
            assertCellsMatch(ledger);
            // the same record keys again with other values: every one an UPDATE through the upsert
            ledger.events().importAll(randomEvents(r, 1_000, 0));
            assertCellsMatch(ledger);
            ledger.rollups().prune(LocalDate.parse("2026-10-10"), ZoneId.of("Asia/Kolkata"),
                    dev.tokenomics.report.DayTotals.maker(ledger.prices(), ZoneId.of("Asia/Kolkata"),
                            ledger.clock().instant()));
            assertCellsMatch(ledger);
        }
    }

    @Test
    void reportsFromCellsEqualReportsFromEvents() {
        try (TokenLedger ledger = ReportFixture.build(dir)) {
            ledger.events().importAll(randomEvents(new Random(7), 2_000, 10_000));
            for (String zone : List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata")) {
                // Paris and New York change clocks on 2026-10-25 and 2026-11-01: days of 25 hours
                ReportRequest request = new ReportRequest(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-05"),
                        ZoneId.of(zone), 50, Set.of(), null, null, 3, null);
                String fromCells = json(ledger, request);
                ReportQueries.useCells = false;
                String fromEvents = json(ledger, request);
                ReportQueries.useCells = true;
                assertEquals(fromEvents, fromCells, zone);
                assertFalse(fromCells.contains("\"records\":0,\"complete_records\":0"), "the window holds events");
            }
        }
    }

    @Test
    void onlyWholeHourBoundariesReadTheCells() {
        List<Instant> paris = List.of(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
        List<Instant> kolkata = List.of(Instant.parse("2026-10-24T18:30:00Z"), Instant.parse("2026-10-25T18:30:00Z"));
        assertTrue(ReportQueries.Source.forBoundaries(paris, true).cells());
        assertFalse(ReportQueries.Source.forBoundaries(kolkata, true).cells());
    }

    private static String json(TokenLedger ledger, ReportRequest request) {
        var out = ReportModes.run(ledger, request, ReportModes.Mode.REPORT, ReportModes.Form.TEXT);
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(out.json())
                + "\n" + ReportModes.run(ledger, request, ReportModes.Mode.parse("day_json"), ReportModes.Form.TEXT).text();
    }

    private static List<EventInput> randomEvents(Random r, int n, int keyOffset) {
        List<EventInput> out = new ArrayList<>();
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Instant ts = start.plusSeconds(r.nextInt(40 * 24 * 3600)).plusMillis(r.nextInt(1000));
            boolean interval = r.nextInt(3) == 0;
            Instant end = interval ? ts.plusSeconds(60 + r.nextInt(7200)) : null;
            Long duration = r.nextBoolean() ? (long) r.nextInt(3_600_000) : null;
            String lane = pick(r, LANES);
            out.add(new EventInput("k" + (keyOffset + i), ts, interval ? ts : null, end, duration, null,
                    r.nextInt(10) == 0 ? null : "T" + r.nextInt(60), "ws", "repo", null, pick(r, MODELS),
                    pick(r, STAGES), pick(r, ROLES), pick(r, STRUCTURES), lane, r.nextBoolean() ? "pr" : null,
                    r.nextBoolean() ? Integer.toString(r.nextInt(30)) : null,
                    new Usage(r.nextInt(50_000), r.nextInt(5_000), r.nextInt(3), r.nextInt(2_000), r.nextInt(90_000)),
                    null, r.nextInt(8) != 0, r.nextInt(4) == 0 ? "claude-code" : null, r.nextInt(20) == 0 ? "error" : "ok",
                    null));
        }
        return out;
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static void assertCellsMatch(TokenLedger ledger) {
        String dims = """
                SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''),
                  usage_complete, status, source, substr(ts, 1, 13), COUNT(*), SUM(input_tokens), SUM(output_tokens),
                  SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens),
                  COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos)
                FROM token_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8""";
        String dimCells = """
                SELECT stage, structure, role, model, usage_complete, status, source, hour, records, input_tokens,
                  output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos,
                  unpriced_records
                FROM report_dims_hourly ORDER BY 1, 2, 3, 4, 5, 6, 7, 8""";
        String tasks = """
                SELECT substr(ts, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''), COALESCE(ref_type, ''),
                  COALESCE(ref_id, ''), COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens
                  + cache_creation_1h_tokens + cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos)
                FROM token_events WHERE usage_complete = 1 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5""";
        String taskCells = """
                SELECT hour, task_id, lane, ref_type, ref_id, records, tokens, cost_nanos, unpriced_records
                FROM report_tasks_hourly ORDER BY 1, 2, 3, 4, 5""";
        List<String> a = rows(ledger, dims);
        assertTrue(a.size() > 100, "enough cells to mean something: " + a.size());
        assertEquals(a, rows(ledger, dimCells));
        assertEquals(rows(ledger, tasks), rows(ledger, taskCells));
    }

    private static List<String> rows(TokenLedger ledger, String sql) {
        return ledger.database().read("compare cells", c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        b.append(rs.getString(i)).append('|');
                    }
                    out.add(b.toString());
                }
            }
            return out;
        });
    }
}
