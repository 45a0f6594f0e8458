package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.report.ReportData.BreakevenRow;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.CrossCell;
import dev.tokenomics.report.ReportData.DayPoint;
import dev.tokenomics.report.ReportData.LaneRow;
import dev.tokenomics.report.ReportData.LatencyRow;
import dev.tokenomics.report.ReportData.RefPoint;
import dev.tokenomics.report.ReportData.RoleRow;
import dev.tokenomics.report.ReportData.StageRow;
import dev.tokenomics.report.ReportData.StructureRow;
import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's tables as aligned text, shared by the text and markdown forms. */
final class ReportTables {
    /** One rendered table: its title, one-line read, the table and lines under it. */
    record Rendered(Section section, String title, String read, String table, List<String> notes) {}

    private ReportTables() {}

    /** "Tokenomics report: 2026-11-01 to 2026-11-07 (UTC); records in the window by start; 12 records". */
    static String firstLine(ReportData d) {
        return "Tokenomics report: " + d.window().describe() + "; records in the window by start; "
                + Format.count(d.records()) + " records (" + Format.count(d.completeRecords()) + " complete)";
    }

    static List<String> leadLines(ReportData d) {
        List<String> out = new ArrayList<>(d.caveats());
        if (d.empty()) {
            out.add("The window holds no events: every table below is empty.");
        }
        return out;
    }

    static List<Rendered> render(ReportData d) {
        List<Rendered> out = new ArrayList<>();
        for (Section s : Section.values()) {
            if (!d.sections().contains(s)) {
                continue;
            }
            List<String> notes = new ArrayList<>();
            String table = switch (s) {
                case BUCKET -> bucket(d, notes);
                case STAGE -> stage(d);
                case STRUCTURE -> structure(d);
                case ROLE -> role(d);
                case STAGE_STRUCTURE -> cross(d);
                case LANE -> lane(d);
                case STAGE_MEDIANS -> StageMedians.render(d.stageMedians(), notes);
                case BREAKEVEN -> breakeven(d, notes);
                case COVERAGE -> coverage(d, notes);
                case TREND_DAY -> trendDay(d);
                case TREND_REF -> trendRef(d, notes);
                case LATENCY -> latency(d);
                case CONCURRENCY -> concurrency(d, notes);
            };
            out.add(new Rendered(s, s.title(), d.reads().get(s), table, notes));
        }
        return out;
    }

    static String money(Long nanos) {
        return nanos == null ? "--" : Money.display(nanos);
    }

    static String cost(Sums s) {
        return s.allUnpriced() ? "-- (unpriced)" : Cost.text(s.records(), s.unpriced(), s.costNanos());
    }

    static String pct(BigDecimal p) {
        return p == null ? "--" : p.toPlainString() + "%";
    }

    static String dec(BigDecimal v) {
        return v == null ? "--" : String.format(Locale.ROOT, "%,.1f", v);
    }

    static String count(long n) {
        return Format.count(n);
    }

    static String time(ReportData d, Instant t) {
        return t == null ? "--" : DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(d.window().zone()).format(t);
    }

    private static String bucket(ReportData d, List<String> notes) {
        var b = d.bucket();
        boolean unpriced = b.records() > 0 && b.unpriced() == b.records();
        TextTable t = TextTable.of("bucket", "tokens", "token share", "cost", "cost share", "tok/N", "$/N", "tok/LOC",
                "$/LOC");
        List<BucketRow> rows = new ArrayList<>(b.rows());
        rows.add(b.total());
        for (BucketRow r : rows) {
            t.row(r.bucket(), count(r.tokens()), pct(r.tokenSharePct()), unpriced ? "-- (unpriced)" : money(r.costNanos()),
                    pct(r.costSharePct()), dec(r.tokensPerRecord()), money(r.costPerRecordNanos()),
                    dec(r.tokensPerLoc()), money(r.costPerLocNanos()));
        }
        notes.add("N = " + count(b.records()) + " complete records; LOC = " + count(b.loc())
                + " lines changed by the known refs those records carry.");
        return t.render();
    }

    private static String stage(ReportData d) {
        TextTable t = TextTable.of("stage", "records", "input", "output", "cache write 5m", "cache write 1h",
                "cache read", "cost", "share", "median min",
                "input/N", "output/N", "cache write/N", "cache read/N");
        List<StageRow> rows = new ArrayList<>(d.stage().rows());
        rows.add(d.stage().total());
        for (StageRow r : rows) {
            Sums s = r.sums();
            t.row(r.stage(), count(s.records()), count(s.inputTokens()), count(s.outputTokens()),
                    count(s.cacheWrite5mTokens()), count(s.cacheWrite1hTokens()), count(s.cacheReadTokens()), cost(s),
                    pct(r.costSharePct()), dec(r.medianMinutes()), dec(Num.per(s.inputTokens(), s.records())),
                    dec(Num.per(s.outputTokens(), s.records())),
                    dec(Num.per(s.cacheWrite5mTokens() + s.cacheWrite1hTokens(), s.records())),
                    dec(Num.per(s.cacheReadTokens(), s.records())));
        }
        return t.render();
    }

    private static String structure(ReportData d) {
        TextTable t = TextTable.of("structure", "records", "input/N", "output/N", "cache write 5m/N",
                "cache write 1h/N", "cache read/N", "cost");
        for (StructureRow r : d.structure().rows()) {
            t.row(r.structure(), count(r.sums().records()), dec(r.inputPerRecord()), dec(r.outputPerRecord()),
                    dec(r.cacheWrite5mPerRecord()), dec(r.cacheWrite1hPerRecord()), dec(r.cacheReadPerRecord()),
                    cost(r.sums()));
        }
        return t.render();
    }

    private static String role(ReportData d) {
        TextTable t = TextTable.of("role", "records", "tokens", "token share", "cost", "cost share");
        for (RoleRow r : d.role().rows()) {
            t.row(r.role(), count(r.sums().records()), count(r.sums().tokens()), pct(r.tokenSharePct()), cost(r.sums()),
                    pct(r.costSharePct()));
        }
        return t.render();
    }

    private static String cross(ReportData d) {
        var c = d.stageStructure();
        List<String> headers = new ArrayList<>();
        headers.add("stage \\ structure");
        headers.addAll(c.structures());
        TextTable t = TextTable.of(headers.toArray(String[]::new));
        int i = 0;
        for (String stage : c.stages()) {
            Object[] cells = new Object[c.structures().size() + 1];
            cells[0] = stage;
            for (int j = 0; j < c.structures().size(); j++) {
                CrossCell cell = c.cells().get(i++);
                cells[j + 1] = cell.sums().records() == 0 ? "--" : count(cell.sums().records()) + " / " + cost(cell.sums());
            }
            t.row(cells);
        }
        return t.render();
    }

    private static String lane(ReportData d) {
        TextTable t = TextTable.of("lane", "tasks", "records", "cost", "median tokens/task", "median $/task",
                "median LOC/task", "median min/task (n)", "input/N", "output/N", "cache write/N", "cache read/N");
        for (LaneRow r : d.lane().rows()) {
            t.row(r.lane(), count(r.tasks()), count(r.records()), money(r.costNanos()), dec(r.medianTokens()),
                    money(r.medianCostNanos()), dec(r.medianLoc()),
                    dec(r.medianMinutes()) + " (" + count(r.timedTasks()) + ")", dec(r.inputPerRecord()),
                    dec(r.outputPerRecord()), dec(r.cacheWritePerRecord()), dec(r.cacheReadPerRecord()));
        }
        return t.render();
    }

    private static String breakeven(ReportData d, List<String> notes) {
        var b = d.breakeven();
        TextTable fits = TextTable.of("lane", "role", "n (sized tasks)", "LOC range", "fixed $", "$ per LOC");
        fitRow(fits, b.fromLane(), "expensive (from)", b.fromFit());
        fitRow(fits, b.toLane(), "cheap (to)", b.toFit());
        StringBuilder out = new StringBuilder(fits.render());
        out.append("crossing: ").append(b.crossingLoc() == null ? "--" : b.crossingLoc().toPlainString() + " LOC")
                .append('\n');
        if (b.note() != null) {
            notes.add(b.note());
        }
        TextTable t = TextTable.of("task (" + (b.fromLane() == null ? "--" : b.fromLane()) + ")", "LOC", "actual $",
                "in " + (b.toLane() == null ? "--" : b.toLane()) + " $", "savings");
        for (BreakevenRow r : b.rows()) {
            t.row(r.taskId(), count(r.loc()), money(r.actualCostNanos()), money(r.cheapLaneCostNanos()),
                    money(r.savingsNanos()));
        }
        t.row("total", "", "", "", b.totalSavingsNanos() == null ? "not enough data" : money(b.totalSavingsNanos()));
        out.append(t.render());
        if (!b.zeroSavingsTasks().isEmpty()) {
            notes.add("(zero-savings rows omitted: " + String.join(", ", b.zeroSavingsTasks()) + ")");
        }
        if (!b.notEnoughDataTasks().isEmpty()) {
            notes.add("(not enough data, outside " + b.toLane() + "'s fitted sizes " + LaneBreakeven.range(b.toFit())
                    + ": " + String.join(", ", b.notEnoughDataTasks()) + ")");
        }
        return out.toString();
    }

    private static void fitRow(TextTable t, String lane, String role, ReportData.LaneFit f) {
        t.row(lane == null ? "--" : lane, role, f == null ? "--" : count(f.fit().n()),
                f == null ? "--" : f.minLoc() + "–" + f.maxLoc(), f == null ? "--" : money(Math.round(f.fit().intercept())),
                f == null ? "--" : money(Math.round(f.fit().slope())));
    }

    private static String coverage(ReportData d, List<String> notes) {
        var c = d.coverage();
        TextTable t = TextTable.of("measure", "records", "share");
        t.row("records in window", count(c.records()), c.records() == 0 ? "--" : "100.0%");
        t.row("with a model", count(c.withModel()), pct(Num.pct(c.withModel(), c.records())));
        t.row("priced", count(c.priced()), pct(Num.pct(c.priced(), c.records())));
        t.row("lower-bound (usage_complete=false)", count(c.lowerBound()), pct(Num.pct(c.lowerBound(), c.records())));
        t.row("excluded from cost tables", count(c.excludedFromCostTables()),
                pct(Num.pct(c.excludedFromCostTables(), c.records())));
        t.row("error status", count(c.errors()), pct(Num.pct(c.errors(), c.records())));
        t.row("no ts_start (placed by ts)", count(c.unstarted()), pct(Num.pct(c.unstarted(), c.records())));
        for (Map.Entry<String, Long> e : c.unpricedModels().entrySet()) {
            t.row("unpriced: " + e.getKey(), count(e.getValue()), pct(Num.pct(e.getValue(), c.records())));
        }
        // Self-reported beside measured: a team that records and imports sees both, and how much each holds.
        for (Map.Entry<String, Sums> e : c.bySource().entrySet()) {
            t.row("source: " + e.getKey() + " (" + count(e.getValue().tokens()) + " tokens)",
                    count(e.getValue().records()), pct(Num.pct(e.getValue().records(), c.records())));
        }
        notes.add("invariant " + (c.invariantOk() ? "ok" : "BROKEN") + ": " + String.join("; ", c.invariantChecks()));
        return t.render();
    }

    private static String trendDay(ReportData d) {
        TextTable t = TextTable.of("day", "records", "tokens", "cost", "z", "outlier");
        for (DayPoint p : d.trendDay().days()) {
            t.row(p.date(), count(p.records()), count(p.tokens()),
                    Cost.allUnpriced(p.records(), p.unpriced()) ? "-- (unpriced)"
                            : Cost.text(p.records(), p.unpriced(), p.costNanos()),
                    p.z() == null ? "--" : p.z().toPlainString(), p.outlier() ? "OUTLIER" : "");
        }
        return t.render();
    }

    private static String trendRef(ReportData d, List<String> notes) {
        TextTable t = TextTable.of("ref", "title", "records", "tokens", "cost", "LOC", "$/LOC");
        for (RefPoint r : d.trendRef().rows()) {
            String title = r.title() == null ? "--" : r.title().length() > 40 ? r.title().substring(0, 39) + "…" : r.title();
            t.row((r.refType() == null ? TokenomicsReport.NONE : r.refType()) + ":" + r.refId(), title,
                    count(r.records()), count(r.tokens()), money(r.costNanos()),
                    r.loc() == null ? "--" : count(r.loc()), money(r.costPerLocNanos()));
        }
        if (d.trendRef().refsInWindow() > d.trendRef().rows().size()) {
            notes.add("(" + (d.trendRef().refsInWindow() - d.trendRef().rows().size())
                    + " older refs not shown; --limit shows more)");
        }
        return t.render();
    }

    private static String latency(ReportData d) {
        TextTable t = TextTable.of("latency", "n timed", "point-in-time (not timed)", "median min", "p90 min");
        for (LatencyRow r : d.latency().rows()) {
            t.row(r.label(), count(r.n()), count(r.pointInTime()), dec(r.medianMinutes()), dec(r.p90Minutes()));
        }
        return t.render();
    }

    private static String concurrency(ReportData d, List<String> notes) {
        var c = d.concurrency();
        TextTable t = TextTable.of("measure", "value");
        t.row("interval records swept", count(c.intervals()));
        t.row("peak overlap", c.intervals() == 0 ? "--" : c.peak() + (c.lowerBound() ? " (lower bound)" : ""));
        t.row("peak at", time(d, c.peakAt()));
        t.row("p95 overlap", c.p95() == null ? "--" : c.p95().toString());
        t.row("point-in-time records (not swept)", count(c.pointInTime()));
        t.row("ceiling", c.ceiling() == null ? "--" : c.ceiling() + (c.ceilingGiven() ? "" : " (default: the peak)"));
        t.row("busy time at the peak", pct(c.atPeakPct()));
        t.row("utilisation", pct(c.utilisationPct()));
        notes.add("Concurrency assessment: " + ConcurrencyProse.of(d));
        if (c.lowerBound()) {
            notes.add("The peak is a lower bound: " + count(c.pointInTime()) + " point-in-time records "
                    + "(ts_start = ts_end, or no interval) cannot be placed on the timeline.");
        }
        return t.render();
    }
}
