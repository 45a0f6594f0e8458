package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lane breakeven reads only where each lane has data: a cheap lane's line prices an expensive
 * task only inside the sizes it was fitted on, a crossing outside the sizes both lanes share is not
 * reported, and a lane whose cost falls as LOC grows prices nothing ("not enough data", never $0).
 */
class BreakevenTest {
    @TempDir
    Path dir;

    /** Tasks of a lane: {LOC, cost in micro-dollars}; haiku input is $1 per million tokens. */
    private ReportData report(long[][] b, long[][] d) {
        TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")));
        List<EventInput> events = new ArrayList<>();
        int i = 0;
        for (long[][] lane : new long[][][] {b, d}) {
            String name = lane == b ? "B" : "D";
            for (long[] task : lane) {
                String id = name + (++i);
                events.add(ReportFixture.event("k" + i, "11-01T10:00", null, null, id, name, id, "execute", "inline",
                        null, ReportFixture.HAIKU, new Usage(task[1], 0, 0, 0, 0), true, null));
                ledger.tasks().recordRef(new Ref("pr", id, "repo-a", id, task[0], 0, ReportFixture.t("11-01T12:00"),
                        "manual"));
            }
        }
        ledger.events().recordAll(events);
        try (ledger) {
            return TokenomicsReport.run(ledger, new ReportRequest(LocalDate.parse("2026-11-01"),
                    LocalDate.parse("2026-11-01"), ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT,
                    Set.of(Section.BREAKEVEN, Section.LANE), "B", "D", null, null));
        }
    }

    @Test
    void onlyTasksInsideTheCheapLanesSizesArePriced() {
        // B: $2 + $0.05/LOC over 20-100 LOC. D: $0.03/LOC over 10-80 LOC, cheaper at every shared size.
        ReportData r = report(new long[][] {{20, 3_000_000}, {60, 5_000_000}, {100, 7_000_000}},
                new long[][] {{10, 300_000}, {50, 1_500_000}, {80, 2_400_000}});
        var b = r.breakeven();
        assertEquals(10, b.toFit().minLoc());
        assertEquals(80, b.toFit().maxLoc());
        assertEquals(3, b.fromFit().fit().n());
        // B1 (20 LOC) in D: $0.60, saves $2.40; B2 (60 LOC): $1.80, saves $3.20; B3 (100 LOC) is past D's 80.
        assertEquals(List.of("B1", "B2"), b.rows().stream().map(ReportData.BreakevenRow::taskId).toList());
        assertEquals(600_000_000L, b.rows().get(0).cheapLaneCostNanos(), 1_000);
        assertEquals(List.of("B3"), b.notEnoughDataTasks());
        assertEquals(5_600_000_000L, b.totalSavingsNanos(), 2_000);
        assertNull(b.crossingLoc(), "the lines do not cross within 20-80 LOC");
        assertTrue(b.note().contains("within the sizes both lanes have (20–80 LOC)"), b.note());
        String text = ReportText.render(r);
        assertTrue(text.contains("not enough data, outside D's fitted sizes 10–80 LOC: B3"), text);
        assertTrue(text.contains("10–80"), "the fit's range is shown:\n" + text);
        assertTrue(Headline.of(r).sentence().contains("B→D breakeven savings $5.60"), Headline.of(r).sentence());
    }

    @Test
    void aLaneWhoseCostFallsWithSizePricesNothing() {
        // B's cost falls as LOC grows: LOC does not explain it, so no savings figure and no $0.00 rows.
        ReportData r = report(new long[][] {{500, 4_800_000}, {900, 1_000_000}},
                new long[][] {{2, 200_000}, {120, 100_000}});
        var b = r.breakeven();
        assertTrue(b.fromFit().fit().slope() < 0);
        assertNull(b.totalSavingsNanos());
        assertEquals(List.of(), b.rows());
        assertTrue(b.note().startsWith("not enough data: B's cost falls as LOC grows (n=2, 500–900 LOC)"), b.note());
        String text = ReportText.render(r);
        assertTrue(text.contains("not enough data"), text);
        assertTrue(!java.util.regex.Pattern.compile("\\$0\\.00(?![0-9])").matcher(text).find(),
                "no task is priced at $0 by an extrapolated line:\n" + text);
        // Neither cost table was asked for: the headline says nothing of spend rather than "nothing priced".
        assertTrue(!Headline.of(r).sentence().contains("Captured spend"), Headline.of(r).sentence());
        assertTrue(Headline.of(r).sentence().contains("B→D breakeven savings: not enough data"));
    }

    @Test
    void aCrossingInsideTheSharedSizesIsReported() {
        // B: $1 + $0.01/LOC, D: $0.03/LOC, both over 10-100 LOC: they cross at 50 LOC.
        ReportData r = report(new long[][] {{10, 1_100_000}, {100, 2_000_000}},
                new long[][] {{10, 300_000}, {100, 3_000_000}});
        var b = r.breakeven();
        assertEquals(50.0, b.crossingLoc().doubleValue(), 0.05);
        // B1 (10 LOC) in D: $0.30, saves $0.80; B2 (100 LOC) in D: $3.00, no saving.
        assertEquals(List.of("B1"), b.rows().stream().map(ReportData.BreakevenRow::taskId).toList());
        assertEquals(List.of("B2"), b.zeroSavingsTasks());
        assertEquals(800_000_000L, b.totalSavingsNanos(), 1_000);
    }
}
