package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TestLedgers;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report's day trend, the dashboard's days and cost_insights' day anomalies use one outlier
 * rule (stats.Outliers): on the same ledger they flag the same days, MAD = 0 included (there the
 * report and the dashboard once flagged nothing while insights fell back to the mean deviation).
 */
class OneOutlierRuleTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate SINCE = LocalDate.parse("2026-11-16");
    private static final LocalDate UNTIL = LocalDate.parse("2026-11-22");
    /** After the window: every day of it is whole. */
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    /** One haiku event at noon of each day, {@code dollars[i]} of input ($1 per million tokens). */
    private List<String> flaggedByEachDoor(Path where, long[] dollars) {
        try (TokenLedger l = TestLedgers.ledger(where, PriceTable.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                EventDefaults.NONE)) {
            List<EventInput> events = new ArrayList<>();
            for (int i = 0; i < dollars.length; i++) {
                if (dollars[i] > 0) {
                    events.add(new EventInput("d" + i, SINCE.plusDays(i).atTime(12, 0).toInstant(ZoneOffset.UTC), null,
                            null, null, "s" + i, "T" + i, null, null, null, "claude-haiku-4-5", null, null, null, null,
                            null, null, new Usage(dollars[i] * 1_000_000, 0, 0, 0, 0), null, true, null, null, null));
                }
            }
            l.events().recordAll(events);
            Map<String, Object> window = Map.of("since", SINCE.toString(), "until", UNTIL.toString());

            Map<String, Object> report = call(l, "tokenomics_report", Map.of("since", SINCE.toString(), "until",
                    UNTIL.toString(), "sections", List.of("trend-day")));
            List<String> byReport = new ArrayList<>();
            for (Map<String, Object> row : rows(map(map(report.get("tables")).get("trend-day")).get("rows"))) {
                if (Boolean.TRUE.equals(row.get("outlier"))) {
                    byReport.add((String) row.get("date"));
                }
            }

            Map<String, Object> dash = JSON.readValue(JSON.writeValueAsString(
                    DashboardData.all(l, new DashboardData.Window(SINCE, UNTIL))), Map.class);
            List<String> byDashboard = new ArrayList<>();
            for (Map<String, Object> day : rows(dash.get("by_day"))) {
                if (Boolean.TRUE.equals(day.get("outlier"))) {
                    byDashboard.add((String) day.get("date"));
                }
            }

            Map<String, Object> insights = call(l, "cost_insights", window);
            List<String> byInsights = rows(map(map(insights.get("anomalies")).get("days")).get("flagged")).stream()
                    .map(a -> (String) a.get("id")).sorted().toList();

            assertEquals(byReport, byDashboard, "report and dashboard");
            assertEquals(byReport, byInsights, "report and insights");
            return byReport;
        }
    }

    @Test
    void oneSpikeAmongEmptyDaysIsFlaggedByEveryDoorWhenMadIsZero() {
        // 0,0,0,25,0,0,0: MAD 0 -> MeanAD 25/7, z(25) = 25 / (1.253314 * 3.571) = 5.585 > 3.5.
        assertEquals(List.of("2026-11-19"), flaggedByEachDoor(dir.resolve("zero"), new long[] {0, 0, 0, 25, 0, 0, 0}));
    }

    @Test
    void theDoorsAgreeWhenMadIsPositiveAndWhenNothingStandsOut() {
        // 1,2,1,2,1,2,40: median 2, MAD 1, z(40) = 0.6745 * 38 = 25.6; the rest |z| <= 0.67.
        assertEquals(List.of("2026-11-22"), flaggedByEachDoor(dir.resolve("mad"), new long[] {1, 2, 1, 2, 1, 2, 40}));
        // 5,5,5,6,5,5,5: MAD 0, MeanAD 1/7, z(6) = 1 / (1.253314 / 7) = 5.585: flagged too.
        assertEquals(List.of("2026-11-19"), flaggedByEachDoor(dir.resolve("one-more"), new long[] {5, 5, 5, 6, 5, 5, 5}));
        // all equal: nothing to flag anywhere.
        assertEquals(List.of(), flaggedByEachDoor(dir.resolve("flat"), new long[] {3, 3, 3, 3, 3, 3, 3}));
    }

    private static Map<String, Object> call(TokenLedger l, String tool, Map<String, Object> args) {
        var r = TokenomicsServer.call(l, tool, args);
        assertEquals(false, Boolean.TRUE.equals(r.isError()), () -> TokenomicsServer.text(r));
        return JSON.readValue(JSON.writeValueAsString(r.structuredContent()), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
