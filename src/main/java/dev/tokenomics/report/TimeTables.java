package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportRows;
import dev.tokenomics.ledger.ReportRows.DayRow;
import dev.tokenomics.ledger.ReportRows.StatusRow;
import dev.tokenomics.report.ReportData.ConcurrencyTable;
import dev.tokenomics.report.ReportData.DayPoint;
import dev.tokenomics.report.ReportData.DayTrend;
import dev.tokenomics.report.ReportData.LatencyRow;
import dev.tokenomics.report.ReportData.LatencyTable;
import java.math.BigDecimal;
import dev.tokenomics.stats.Outliers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tables about time: trend per day, task latency and concurrency. */
final class TimeTables {
    private final ReportWindow window;
    private final ReportRows rows;

    TimeTables(ReportWindow window, ReportRows rows) {
        this.window = window;
        this.rows = rows;
    }

    Sums daySums() {
        Sums s = Sums.ZERO;
        for (DayRow d : rows.days()) {
            s = s.plus(new Sums(d.records(), d.tokens(), 0, 0, 0, 0, d.costNanos(), d.unpricedRecords()));
        }
        return s;
    }

    /**
     * Every day of the window, empty days included (a day without spend is data). Outliers by the
     * product's one rule ({@link Outliers}) over the day's cost; when nothing in the window is priced, its tokens.
     */
    DayTrend dayTrend() {
        List<DayRow> days = rows.days();
        boolean priced = days.stream().anyMatch(d -> d.costNanos() > 0);
        double[] values = new double[days.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = priced ? days.get(i).costNanos() : days.get(i).tokens();
        }
        Outliers.Scores z = Outliers.score(values);
        List<LocalDate> dates = window.days();
        List<DayPoint> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DayRow d = days.get(i);
            out.add(new DayPoint(dates.get(d.index()), d.records(), d.tokens(), d.costNanos(), d.unpricedRecords(),
                    Num.twoDecimals(z.z(i)), z.outlier(i)));
        }
        return new DayTrend(priced ? "cost" : "tokens", out);
    }

    /**
     * Median and p90 latencies. From status history: each reach of done in the window, timed from
     * the first in_progress since the task's previous done. From event durations of all records,
     * by structure: a spawn's duration is its session's lifetime, an inline one is the task's own
     * latency, so each row says which it is.
     */
    LatencyTable latency(Map<String, long[]> durationsByStructure) {
        List<LatencyRow> out = new ArrayList<>();
        long[] history = statusLatencies();
        out.add(row("status history: in_progress -> done", "task_status_history", history));
        durationsByStructure.forEach((structure, ms) -> {
            String label = switch (structure) {
                case "spawn" -> "event durations: spawn (session lifetime, not task latency)";
                case "inline" -> "event durations: inline (task latency)";
                default -> "event durations: " + structure;
            };
            out.add(row(label, "duration_ms", ms));
        });
        return new LatencyTable(out);
    }

    /** n counts timed records only; point-in-time ones (0 ms) are counted beside, not as 0-minute latencies. */
    private static LatencyRow row(String label, String source, long[] all) {
        long[] ms = TokenomicsReport.timed(all);
        return new LatencyRow(label, source, ms.length, TokenomicsReport.pointInTime(all), Num.minutes(Stats.median(ms)),
                Num.minutes(Stats.percentile(ms, 90)));
    }

    private long[] statusLatencies() {
        return statusCycles().stream().mapToLong(Cycle::ms).toArray();
    }

    /** Each task's in_progress -> done time in the window (its cycles added up), for per-lane medians. */
    Map<String, Long> statusLatencyByTask() {
        Map<String, Long> out = new java.util.HashMap<>();
        statusCycles().forEach(c -> out.merge(c.taskId(), c.ms(), Long::sum));
        return out;
    }

    /** One reach of done in the window, timed from the task's in_progress before it. */
    private record Cycle(String taskId, long ms) {}

    private List<Cycle> statusCycles() {
        List<Cycle> out = new ArrayList<>();
        Instant start = window.start();
        Instant end = window.end();
        String task = null;
        Instant inProgress = null;
        for (StatusRow r : rows.statusHistory()) {
            if (!r.taskId().equals(task)) {
                task = r.taskId();
                inProgress = null;
            }
            if ("in_progress".equals(r.toStatus()) && inProgress == null) {
                inProgress = r.ts();
            } else if ("done".equals(r.toStatus())) {
                if (inProgress != null && !r.ts().isBefore(start) && r.ts().isBefore(end)) {
                    out.add(new Cycle(task, r.ts().toEpochMilli() - inProgress.toEpochMilli()));
                }
                inProgress = null;
            }
        }
        return out;
    }

    /**
     * Sweeps the [ts_start, ts_end) intervals of every record in the window. Point-in-time records
     * (no interval) are counted, not swept, so a non-zero count makes the peak a lower bound.
     */
    ConcurrencyTable concurrency(Integer ceiling) {
        ReportRows.Spans spans = rows.spans();
        Stats.Sweep sweep = Stats.sweep(spans.startsMs(), spans.endsMs());
        boolean any = spans.startsMs().length > 0;
        Integer p95 = any ? (int) Stats.percentile(sweep.levelsAtStarts(), 95).getAsDouble() : null;
        BigDecimal atPeak = any ? Num.pct(sweep.atPeakMs(), sweep.busyMs()) : null;
        // No ceiling given: the default is the observed peak itself, and whether it binds is read
        // from how long the workload sat at it (ConcurrencyProse.BINDS_AT_PEAK_PCT).
        Integer used = ceiling != null ? ceiling : any ? Integer.valueOf(sweep.peak()) : null;
        return new ConcurrencyTable(spans.startsMs().length, sweep.peak(),
                any ? Instant.ofEpochMilli(sweep.peakAt()) : null, p95, spans.pointInTime(), used,
                used == null ? null : Num.pct(sweep.peak(), used), ceiling != null, atPeak);
    }
}
