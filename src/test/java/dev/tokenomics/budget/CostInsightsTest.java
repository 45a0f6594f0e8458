package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.budget.InsightReport.Counterfactual;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.stats.Outliers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostInsightsTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final ZoneId UTC = ZoneId.of("UTC");
    static final String HAIKU = "claude-haiku-4-5"; // $1/M input, $5/M output

    @TempDir
    Path dir;

    TokenLedger ledger;
    CostInsights insights;

    @BeforeEach
    void open() {
        ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(),
                Clock.fixed(NOW, ZoneOffset.UTC), EventDefaults.NONE);
        insights = CostInsights.of(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** {@code millis} thousandths of a dollar of haiku input (1,000 tokens = $0.001). */
    static EventInput ev(String ts, String session, String task, String stage, long millis, String status) {
        return new EventInput(null, Instant.parse(ts), null, null, null, session, task, null, null, null, HAIKU, stage,
                null, null, null, null, null, new Usage(millis * 1_000, 0, 0, 0, 0), null, true, null, status, null);
    }

    static EventInput usage(String ts, String model, long in, long out) {
        return new EventInput(null, Instant.parse(ts), null, null, null, null, null, null, null, null, model, null,
                null, null, null, null, null, new Usage(in, out, 0, 0, 0), null, true, null, null, null);
    }

    static InsightWindow week() {
        return InsightWindow.of("2026-11-16", "2026-11-22", UTC, NOW);
    }

    /** Nov 15..21: a week wholly before NOW. */
    static InsightWindow pastWeek() {
        return InsightWindow.of("2026-11-15", "2026-11-21", UTC, NOW);
    }

    @Test
    void windowDefaultsToTheLastSevenDaysUpToNowAndThePreviousIsTheSameLength() {
        InsightWindow w = InsightWindow.of(null, null, ZoneId.of("America/Los_Angeles"), NOW);
        // Now is Nov 22 02:00 in Los Angeles: the 7 days start Nov 16 00:00 PST (08:00Z), and the
        // window ends now, not at Nov 23 00:00: the rest of today has not happened.
        assertEquals(NOW.plusMillis(1), w.until());
        assertEquals(Instant.parse("2026-11-16T08:00:00Z"), w.since());
        assertEquals(w.since().minus(w.length()), w.previous().since());
        assertEquals(7, w.days().size());
        assertTrue(w.whole(java.time.LocalDate.parse("2026-11-16")));
        assertFalse(w.whole(java.time.LocalDate.parse("2026-11-22")), "today so far");
    }

    @Test
    void aBurnWindowCountsBackFromNowOrFromUntil() {
        InsightWindow day = InsightWindow.of(null, null, BurnWindow.parse("window", "24h"), UTC, NOW);
        // (now - 24h, now]: now inclusive, still exactly a day long.
        assertEquals(Instant.parse("2026-11-21T10:00:00.001Z"), day.since());
        assertEquals(NOW.plusMillis(1), day.until());
        assertEquals(java.time.Duration.ofDays(1), day.length());
        assertEquals(2, day.days().size(), "a rolling day touches two dates");
        InsightWindow back = InsightWindow.of(null, "2026-11-07", BurnWindow.parse("window", "7d"), UTC, NOW);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), back.since());
        assertEquals(Instant.parse("2026-11-08T00:00:00Z"), back.until());
        IllegalArgumentException both = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InsightWindow.of("2026-11-01", null, BurnWindow.DEFAULT, UTC, NOW));
        assertEquals("give since or window, not both (window counts back from until, or now)", both.getMessage());
    }

    @Test
    void theBurnOfAWindowEndingNowIsPerElapsedDayAndSaysItsDaysWithData() {
        ledger.events().recordAll(List.of(ev("2026-11-21T09:59:00Z", "a", null, null, 100_000, null), // before
                ev("2026-11-21T12:00:00Z", "b", null, null, 6_000, null),
                ev("2026-11-22T10:00:00Z", "c", null, null, 3_000, null)));                          // exactly now
        InsightReport r = insights.analyse(InsightWindow.of(null, null, BurnWindow.parse("window", "24h"), UTC, NOW),
                null, List.of());
        assertEquals(9_000_000_000L, r.current().costNanos());
        assertEquals(100_000_000_000L, r.previous().costNanos());
        assertEquals(0, new BigDecimal("9000000000").compareTo(r.acceleration().currentNanosPerDay()), "$9 over one day");
        assertEquals(2, r.daysWithData());
    }

    @Test
    void aDayTheWindowCutsIsNeverFlaggedLowButAHotOneIs() {
        // A rolling 7d window from Nov 15 10:00 touches Nov 15..22: the first and last are cut.
        List<EventInput> events = new ArrayList<>();
        events.add(ev("2026-11-15T23:00:00Z", "s-first", null, null, 500, null)); // $0.50 in the 14 hours left of it
        for (int d = 16; d <= 21; d++) {
            events.add(ev("2026-11-" + d + "T12:00:00Z", "s" + d, null, null, 10_000, null));
        }
        events.add(ev("2026-11-22T09:00:00Z", "s-today", null, null, 10_000, null));
        ledger.events().recordAll(events);
        InsightWindow w = InsightWindow.of(null, null, BurnWindow.DEFAULT, UTC, NOW);
        InsightReport.AnomalySet days = insights.analyse(w, null, List.of()).anomalies().get(2);
        // 0.5 and seven 10s: MAD 0, MeanAD 1.1875, z(0.5) = -6.38: a low outlier, but of a cut day.
        assertEquals(8, days.count());
        assertEquals(List.of(), days.flagged());
        assertTrue(days.note().endsWith("not flagged low, as the window cuts it: 2026-11-15"), days.note());
        ledger.events().record(ev("2026-11-22T09:30:00Z", "s-hot", null, null, 200_000, null));
        InsightReport.AnomalySet hot = insights.analyse(w, null, List.of()).anomalies().get(2);
        assertEquals(List.of("2026-11-22"), hot.flagged().stream().map(InsightReport.Anomaly::id).toList());
    }

    @Test
    void aSessionOrTaskTheWindowCutsIsNotFlaggedLowOneWhollyInsideIs() {
        // Seven sessions of $10 inside Nov 15..21; "early" spent $50 on Nov 14 and only $0.10 inside;
        // "small" spent $0.10, all of it inside. Both are far below the median, only "small" is whole.
        List<EventInput> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(ev("2026-11-" + (15 + i) + "T12:00:00Z", "s" + i, "T" + i, "execute", 10_000, null));
        }
        events.add(ev("2026-11-14T12:00:00Z", "early", "T-early", "execute", 50_000, null));
        events.add(ev("2026-11-15T01:00:00Z", "early", "T-early", "execute", 100, null));
        events.add(ev("2026-11-16T01:00:00Z", "small", "T-small", "execute", 100, null));
        ledger.events().recordAll(events);
        InsightReport r = insights.analyse(pastWeek(), null, List.of());
        InsightReport.AnomalySet sessions = r.anomalies().get(0);
        assertEquals(List.of("small"), sessions.flagged().stream().map(InsightReport.Anomaly::id).toList());
        assertTrue(sessions.note().endsWith("not flagged low, as the window cuts it: early"), sessions.note());
        assertEquals(List.of("T-small"), r.anomalies().get(1).flagged().stream().map(InsightReport.Anomaly::id).toList());
        // The same for a task's stage: T-early is not DEGRADED for running cheap, T-small is.
        assertEquals(List.of("task_stage:T-small"), r.degraded().stream().map(d -> d.kind() + ":" + d.taskId()).toList());
    }

    @Test
    void theRollupReadsAgreeWithTheEventsAtPartialHoursAndInAHalfHourZone() {
        // Events on both sides of hour and window edges; a window from 10:30 to 15:45 reads the
        // whole hours from spend_hourly and the partial ones from the events.
        List<EventInput> events = new ArrayList<>();
        String[] ts = {"2026-11-15T10:29:59Z", "2026-11-15T10:30:00Z", "2026-11-15T10:59:00Z", "2026-11-15T11:00:00Z",
                "2026-11-17T18:29:00Z", "2026-11-17T18:31:00Z", "2026-11-21T15:44:59Z", "2026-11-21T15:45:00Z"};
        for (int i = 0; i < ts.length; i++) {
            events.add(ev(ts[i], "s" + i, null, null, 1_000L << i, null));
        }
        ledger.events().recordAll(events);
        InsightWindow w = InsightWindow.of("2026-11-15T10:30:00Z", "2026-11-21T15:44:59.999Z", UTC, NOW);
        InsightReport r = insights.analyse(w, null, List.of());
        assertEquals(ledger.budgets().spendFromEvents("global", null, w.since(), w.until()).costNanos(),
                r.current().costNanos());
        assertEquals((2L + 4 + 8 + 16 + 32 + 64) * 1_000_000_000, r.current().costNanos(), "$2 to $64: 10:30 to 15:44:59");
        assertEquals(3, r.daysWithData(), "Nov 15, 17 and 21 in UTC");
        // In Kolkata (UTC+5:30) 18:29Z is Nov 17 23:59 and 18:31Z Nov 18 00:01: the days come from
        // the events by the minute, as no UTC hour lies in one local day there.
        InsightWindow kolkata = InsightWindow.of("2026-11-15T10:30:00Z", "2026-11-21T15:44:59.999Z",
                ZoneId.of("Asia/Kolkata"), NOW);
        assertEquals(4, insights.analyse(kolkata, null, List.of()).daysWithData(), "Nov 15, 17, 18 and 21 there");
    }

    @Test
    void theThresholdMovesTheCutForEveryAnomalySet() {
        List<EventInput> events = new ArrayList<>();
        long[] costs = {10_000, 11_000, 12_000, 12_000, 13_000, 14_000, 17_000};
        for (int i = 0; i < costs.length; i++) {
            events.add(ev("2026-11-18T1" + i + ":00:00Z", "s" + i, null, null, costs[i], null));
        }
        ledger.events().recordAll(events);
        // median $12, MAD $1: z($17) = 0.6745 * 5 = 3.37, under 3.5 and over 3.
        assertEquals(0, insights.analyse(pastWeek(), null, List.of()).anomalies().get(0).flagged().size());
        InsightReport at3 = insights.analyse(pastWeek(), null, 3.0, List.of());
        assertEquals(List.of("s6"), at3.anomalies().get(0).flagged().stream().map(InsightReport.Anomaly::id).toList());
        assertEquals(3.0, at3.threshold());
        assertEquals(1 + at3.anomalies().get(2).flagged().size(), at3.outlierCount());
        assertEquals("threshold must be a positive number (the |modified z| cut, default 3.5), got 0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> insights.analyse(pastWeek(), null, 0, List.of())).getMessage());
    }

    @Test
    void accelerationComparesSpendPerDayWithThePreviousWindow() {
        ledger.events().recordAll(List.of(ev("2026-11-10T12:00:00Z", "a", null, null, 10_000, null),   // $10 before
                ev("2026-11-20T12:00:00Z", "b", null, null, 15_000, null)));                  // $15 now
        InsightReport r = insights.analyse(pastWeek(), new BigDecimal("50"), List.of());
        assertEquals(new BigDecimal("50.00"), r.acceleration().percentChange());
        assertTrue(r.acceleration().alert());
        // $15 over 7 days = $2.142857142857/day in nanos.
        assertEquals(0, new BigDecimal("2142857142.857").compareTo(r.acceleration().currentNanosPerDay()));
        assertEquals(Severity.WARNING, r.worst());
        InsightReport twice = insights.analyse(pastWeek(), new BigDecimal("20"), List.of());
        assertEquals(Severity.CRITICAL, twice.worst(), "50% is at least twice the 20% threshold");
        InsightReport quiet = insights.analyse(pastWeek(), new BigDecimal("60"), List.of());
        assertFalse(quiet.acceleration().alert());
        assertTrue(quiet.findings().stream().noneMatch(f -> f.kind().equals("acceleration")));
        InsightReport noThreshold = insights.analyse(pastWeek(), null, List.of());
        assertNull(noThreshold.acceleration().alertPercent());
        assertFalse(noThreshold.acceleration().alert());
    }

    @Test
    void anExpensiveSessionIsAnAnomalyAndTooFewTasksAreNotScored() {
        List<EventInput> events = new ArrayList<>();
        long[] costs = {1_000, 1_100, 900, 1_000, 1_200, 20_000};
        for (int i = 0; i < costs.length; i++) {
            events.add(ev("2026-11-18T1" + i + ":00:00Z", "s" + i, i < 2 ? "T" + i : null, null, costs[i], null));
        }
        ledger.events().recordAll(events);
        InsightReport r = insights.analyse(week(), null, List.of());
        InsightReport.AnomalySet sessions = r.anomalies().get(0);
        // median 1.05; deviations .05,.05,.15,.05,.15,18.95 -> MAD 0.1; z($20) = 0.6745 * 18.95 / 0.1 = 127.82.
        assertEquals(Outliers.Method.MAD, sessions.method());
        assertEquals(1, sessions.flagged().size());
        assertEquals("s5", sessions.flagged().get(0).id());
        assertEquals(127.82, sessions.flagged().get(0).z(), 0.01);
        InsightReport.AnomalySet tasks = r.anomalies().get(1);
        assertEquals(2, tasks.count());
        assertEquals(Outliers.Method.NONE, tasks.method());
        // Days: 7 in the window, 6 of them at $0 and one at $25.2: MAD 0, MeanAD = 25.2/7 = $3.6,
        // z = 25.2 / (1.253314 * 3.6) = 5.585 -> the day is flagged.
        InsightReport.AnomalySet days = r.anomalies().get(2);
        assertEquals(7, days.count());
        assertEquals(Outliers.Method.MEAN_AD, days.method());
        assertEquals("2026-11-18", days.flagged().get(0).id());
        assertEquals(5.585, days.flagged().get(0).z(), 0.001);
    }

    @Test
    void errorsAndAnomalouslyCheapStagesAreDegraded() {
        ledger.events().recordAll(List.of(
                ev("2026-11-18T10:00:00Z", "s", "T1", "execute", 1_000, null),
                ev("2026-11-18T10:01:00Z", "s", "T2", "execute", 1_100, null),
                ev("2026-11-18T10:02:00Z", "s", "T3", "execute", 900, null),
                ev("2026-11-18T10:03:00Z", "s", "T4", "execute", 1_000, null),
                ev("2026-11-18T10:04:00Z", "s", "T5", "execute", 1, null),
                ev("2026-11-18T10:05:00Z", "s", "T6", "review", 500, "error")));
        InsightReport r = insights.analyse(week(), null, List.of());
        List<String> degraded = r.degraded().stream().map(d -> d.kind() + ":" + d.taskId() + ":" + d.stage()).toList();
        // execute: median $1, deviations 0,.1,.1,0,.999 -> MAD .1; z($0.001) = 0.6745 * -0.999 / 0.1 = -6.74.
        assertEquals(List.of("task:T6:null", "stage:null:review", "task_stage:T5:execute"), degraded);
        assertTrue(r.findings().stream().anyMatch(f -> f.message().startsWith("DEGRADED task T6: 1 of 1 records "
                + "report errors")), r.findings().toString());
        assertEquals(Severity.WARNING, r.worst());
    }

    @Test
    void counterfactualRepricesTheSameTokensAndFlagsOverEscalation() {
        // 100k in + 100k out on opus-4-1 ($1.50 + $7.50 = $9); the prompt stays under Sonnet's 200k tier.
        ledger.events().record(usage("2026-11-18T10:00:00Z", "claude-opus-4-1", 100_000, 100_000));
        InsightReport r = insights.analyse(week(), null, List.of());
        List<Counterfactual> cf = r.counterfactual();
        assertEquals(List.of("claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5"),
                cf.stream().map(Counterfactual::model).toList());
        assertEquals(9_000_000_000L, cf.get(0).actualNanos());
        assertEquals(600_000_000L, cf.get(0).asIfNanos(), "haiku: $0.10 + $0.50");
        assertEquals(1_800_000_000L, cf.get(1).asIfNanos(), "sonnet: $0.30 + $1.50");
        assertEquals(3_000_000_000L, cf.get(2).asIfNanos(), "opus 4.5: $0.50 + $2.50");
        assertEquals(-6_000_000_000L, cf.get(2).savingsNanos());
        assertTrue(cf.get(2).overEscalation());
        // Over-escalation findings against sonnet (info) and opus 4.5, the priciest tier (warning);
        // not against haiku, the cheapest: paying more than haiku is what routing up means.
        List<String> f = r.findings().stream().filter(x -> x.kind().equals("over_escalation"))
                .map(x -> x.subject() + "=" + x.severity().wireName()).toList();
        assertEquals(List.of("claude-sonnet-4-5=info", "claude-opus-4-5=warning"), f);
    }

    @Test
    void counterfactualAsSonnetBillsLongPromptsAtTheLongContextRates() {
        // Haiku events: 300k input (above Sonnet's 200k threshold) and 100k input.
        ledger.events().recordAll(List.of(usage("2026-11-18T10:00:00Z", HAIKU, 300_000, 0),
                usage("2026-11-18T11:00:00Z", HAIKU, 100_000, 0)));
        InsightReport r = insights.analyse(week(), null, List.of("claude-sonnet-4-5"));
        // As Sonnet: 300k * $6/M = $1.80 (long context) + 100k * $3/M = $0.30 -> $2.10; actual $0.40.
        assertEquals(2_100_000_000L, r.counterfactual().get(0).asIfNanos());
        assertEquals(400_000_000L, r.counterfactual().get(0).actualNanos());
        assertFalse(r.counterfactual().get(0).overEscalation());
    }
}
