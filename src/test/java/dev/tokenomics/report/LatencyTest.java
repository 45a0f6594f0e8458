package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time records (ts_start = ts_end, so duration_ms 0) are no 0-minute latencies: they are
 * counted and named beside the timed ones. Lanes carry their tasks' median in_progress -> done
 * minutes; stages their per-record token buckets.
 */
class LatencyTest {
    @TempDir
    Path dir;

    private static EventInput event(String key, String start, long minutes, String task) {
        Instant from = ReportFixture.t(start);
        Instant to = from.plusSeconds(minutes * 60);
        return new EventInput(key, from, from, to, minutes * 60_000, null, task, "ws", "repo-a", null,
                ReportFixture.HAIKU, "classify", null, "inline", "B", null, null, new Usage(1_000, 500, 0, 0, 2_000),
                null, true, null, null, null);
    }

    @Test
    void pointInTimeRecordsAreCountedNotTimedAtZero() {
        SettableClock clock = new SettableClock(ReportFixture.t("11-01T09:00"));
        ReportData d;
        try (TokenLedger ledger = ReportFixture.open(dir, clock)) {
            ledger.tasks().updateTaskStatus(new TaskUpdate("L1", "in_progress", null, "one", "ws", "repo-a", null, null));
            clock.now = ReportFixture.t("11-01T09:30");
            ledger.tasks().updateTaskStatus(new TaskUpdate("L2", "in_progress", null, "two", "ws", "repo-a", null, null));
            clock.now = ReportFixture.t("11-01T10:00");
            ledger.tasks().updateTaskStatus(new TaskUpdate("L1", "done", null, null, null, null, null, null)); // 60 min
            ledger.tasks().updateTaskStatus(new TaskUpdate("L2", "done", null, null, null, null, null, null)); // 30 min
            ledger.events().recordAll(List.of(event("a", "11-01T09:00", 20, "L1"), event("b", "11-01T09:10", 35, "L2"),
                    event("c", "11-01T09:20", 0, "L1"), event("d", "11-01T09:21", 0, "L2"),
                    event("e", "11-01T09:22", 0, "L2")));
            d = TokenomicsReport.run(ledger, new ReportRequest(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"),
                    ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT, Set.of(), null, null, null, null));
        }
        ReportData.LatencyRow inline = d.latency().rows().stream().filter(r -> r.label().contains("inline"))
                .findFirst().orElseThrow();
        assertEquals(2, inline.n(), "the two timed records, not the three point-in-time ones");
        assertEquals(3, inline.pointInTime());
        assertEquals(27.5, inline.medianMinutes().doubleValue(), 1e-9, "median of 20 and 35, not of 0 0 0 20 35");
        ReportData.StageRow classify = d.stage().rows().get(0);
        assertEquals(27.5, classify.medianMinutes().doubleValue(), 1e-9);
        ReportData.LaneRow b = d.lane().rows().get(0);
        assertEquals(45.0, b.medianMinutes().doubleValue(), 1e-9, "L1 60 min, L2 30 min");
        assertEquals(2, b.timedTasks());

        // The skill's per-stage medians, top consumers and slowest stages.
        ReportData.StageMedianRow m = d.stageMedians().rows().get(0);
        assertEquals("classify", m.stage());
        assertEquals(2, m.timed());
        assertEquals(3, m.pointInTime());
        assertEquals(27.5, m.medianMinutes().doubleValue(), 1e-9);
        assertEquals(5, m.completeRecords());
        assertEquals(3_500.0, m.tokensPerRecord().doubleValue(), 1e-9);
        assertEquals(List.of("L2", "L1"), d.stageMedians().topConsumers().stream().map(ReportData.TaskCost::taskId)
                .toList(), "L2 has three records, L1 two");
        assertEquals(List.of("classify"), d.stageMedians().slowestStages());

        String text = ReportText.render(d);
        assertTrue(text.contains("Per-stage medians, top consumers, slowest — classify is the slowest stage"), text);
        assertTrue(text.contains("point-in-time (not timed)"), text);
        var json = dev.tokenomics.json.ResultJson.toMap(ReportJson.of(d));
        @SuppressWarnings("unchecked")
        var tables = (java.util.Map<String, java.util.Map<String, Object>>) json.get("tables");
        @SuppressWarnings("unchecked")
        var stage = ((List<java.util.Map<String, Object>>) tables.get("stage").get("rows")).get(0);
        assertEquals(0, new java.math.BigDecimal("1000.0").compareTo(new java.math.BigDecimal(stage.get("input_per_record")
                .toString())), stage.toString());
        assertEquals(0, new java.math.BigDecimal("2000.0").compareTo(new java.math.BigDecimal(stage.get("cache_read_per_record")
                .toString())), stage.toString());
        assertNull(d.breakeven().totalSavingsNanos());
    }

    @Test
    void concurrencyOverPointInTimeRecordsOnlyIsBlindAndSaysWhatToCapture() {
        ReportData d;
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-02T09:00")))) {
            ledger.events().recordAll(List.of(event("a", "11-01T09:00", 0, "L1"), event("b", "11-01T09:05", 0, "L2")));
            d = TokenomicsReport.run(ledger, new ReportRequest(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"),
                    ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT, Set.of(Section.CONCURRENCY), null, null, 4, null));
        }
        String prose = ConcurrencyProse.of(d);
        assertTrue(prose.startsWith("Concurrency is blind this window: all 2 records are point-in-time"), prose);
        assertTrue(prose.contains("record each agent's work with its interval (ts_start and ts_end"), prose);
        assertTrue(ReportMarkdown.render(d, LocalDate.parse("2026-11-02")).contains("**Concurrency assessment** — "
                + prose), "the doc carries it as a paragraph");
    }
}
