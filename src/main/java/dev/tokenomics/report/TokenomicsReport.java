package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportQuery;
import dev.tokenomics.ledger.ReportRows.DimRow;
import dev.tokenomics.ledger.ReportRows.DurationRow;
import dev.tokenomics.ledger.ReportRows;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.BucketTable;
import dev.tokenomics.report.ReportData.CoverageTable;
import dev.tokenomics.report.ReportData.CrossCell;
import dev.tokenomics.report.ReportData.CrossTable;
import dev.tokenomics.report.ReportData.RoleRow;
import dev.tokenomics.report.ReportData.RoleTable;
import dev.tokenomics.report.ReportData.StageRow;
import dev.tokenomics.report.ReportData.StageTable;
import dev.tokenomics.report.ReportData.StructureRow;
import dev.tokenomics.report.ReportData.StructureTable;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.text.Format;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the tokenomics report: reads the ledger once (one snapshot) and turns the grouped rows
 * into the thirteen tables. The dimension tables (bucket to stage x structure, coverage) come from
 * here; per-task and per-time tables from {@link TaskTables} and {@link TimeTables}.
 */
public final class TokenomicsReport {
    /** Shown for a missing stage, structure, lane or model. */
    public static final String NONE = "(none)";
    /** Below this share of records with a model, the report says its figures are a lower bound. */
    static final double LOW_ATTRIBUTION_PCT = 90.0;

    private TokenomicsReport() {}

    /** Reads and builds the report the request asks for. */
    public static ReportData run(TokenLedger ledger, ReportRequest request) {
        ReportWindow window = ReportWindow.resolve(request, ledger.events().eventSpan(), ledger.clock().instant());
        return run(ledger, request, window);
    }

    /** The same, over an explicit window: what --per-day runs once per day. */
    public static ReportData run(TokenLedger ledger, ReportRequest request, ReportWindow window) {
        Set<ReportQuery.Part> parts = EnumSet.of(ReportQuery.Part.DIMS); // the caveats need it always
        request.sections().forEach(s -> parts.addAll(s.parts()));
        if (request.wants(Section.COVERAGE)) {
            parts.addAll(EnumSet.of(ReportQuery.Part.DAYS, ReportQuery.Part.TASKS)); // cross-checked totals
        }
        ReportRows rows = ledger.reports().reportRows(new ReportQuery(window.start(), window.end(), window.dayStarts(), parts,
                request.sources(), request.machine(), request.run(), request.startedOnly()));
        return build(request, window, rows, ledger.prices());
    }

    public static ReportData build(ReportRequest request, ReportWindow window, ReportRows rows, PriceTable prices) {
        List<DimRow> all = rows.dims();
        Reconciled reconciled = Reconciled.of(rows.overlap());
        List<DimRow> complete = Reconciled.without(all.stream().filter(DimRow::complete).toList(), rows.overlap());
        Sums total = sum(complete);
        long records = all.stream().mapToLong(DimRow::records).sum();
        TaskTables tasks = new TaskTables(rows.taskRefs(), rows.refs());
        TimeTables times = new TimeTables(window, rows);

        BucketTable bucket = bucketTable(complete, total, tasks.activeLoc(), prices);
        StageTable stage = stageTable(complete, total, rows.durations());
        CoverageTable coverage = coverage(all, total, reconciled.selfReported(), bucket, stage, rows, times, tasks);
        Map<Section, Object> tables = new EnumMap<>(Section.class);
        tables.put(Section.BUCKET, bucket);
        tables.put(Section.STAGE, stage);
        tables.put(Section.STRUCTURE, structureTable(complete));
        tables.put(Section.ROLE, roleTable(complete, total));
        tables.put(Section.STAGE_STRUCTURE, crossTable(complete));
        tables.put(Section.LANE, tasks.laneTable(times.statusLatencyByTask()));
        tables.put(Section.STAGE_MEDIANS, StageMedians.of(complete, rows.durations(), tasks.topTasks(StageMedians.TOP)));
        tables.put(Section.BREAKEVEN, tasks.breakeven(request.fromLane(), request.toLane()));
        tables.put(Section.COVERAGE, coverage);
        tables.put(Section.TREND_DAY, times.dayTrend());
        tables.put(Section.TREND_REF, tasks.refTrend(request.limit()));
        tables.put(Section.LATENCY, times.latency(byStructureDurations(all, rows.durations())));
        tables.put(Section.CONCURRENCY, times.concurrency(request.concurrencyCeiling()));
        tables.keySet().retainAll(request.sections());

        ReportData draft = new ReportData(window, request.sections(), records, total.records(),
                narrowed(request, rows.startlessLeftOut(), caveats(window, coverage, total, rows.prunedBefore(),
                        reconciled)), Map.of(),
                ranked(by(complete, r -> label(r.model()))).stream().map(e -> new ReportData.ModelRow(e.getKey(),
                        e.getValue(), Num.pct(e.getValue().tokens(), total.tokens()),
                        Num.pct(e.getValue().costNanos(), total.costNanos()))).toList(),
                CacheEconomics.of(complete, prices), RightSizing.of(complete, prices), reconciled,
                (BucketTable) tables.get(Section.BUCKET), (StageTable) tables.get(Section.STAGE),
                (StructureTable) tables.get(Section.STRUCTURE), (RoleTable) tables.get(Section.ROLE),
                (CrossTable) tables.get(Section.STAGE_STRUCTURE), (ReportData.LaneTable) tables.get(Section.LANE),
                (ReportData.StageMediansTable) tables.get(Section.STAGE_MEDIANS),
                (ReportData.BreakevenTable) tables.get(Section.BREAKEVEN),
                (CoverageTable) tables.get(Section.COVERAGE), (ReportData.DayTrend) tables.get(Section.TREND_DAY),
                (ReportData.RefTrend) tables.get(Section.TREND_REF), (ReportData.LatencyTable) tables.get(Section.LATENCY),
                (ReportData.ConcurrencyTable) tables.get(Section.CONCURRENCY));
        return withReads(draft);
    }

    private static ReportData withReads(ReportData d) {
        Map<Section, String> reads = ReportReads.of(d);
        return new ReportData(d.window(), d.sections(), d.records(), d.completeRecords(), d.caveats(), reads, d.modelMix(), d.cache(), d.rightSizing(), d.reconciled(),
                d.bucket(), d.stage(), d.structure(), d.role(), d.stageStructure(), d.lane(), d.stageMedians(),
                d.breakeven(),
                d.coverage(), d.trendDay(), d.trendRef(), d.latency(), d.concurrency());
    }

    static String label(String value) {
        return value == null ? NONE : value;
    }

    static Sums sums(DimRow r) {
        return new Sums(r.records(), r.inputTokens(), r.outputTokens(), r.cacheWrite5mTokens(),
                r.cacheWrite1hTokens(), r.cacheReadTokens(), r.costNanos(), r.unpricedRecords());
    }

    static Sums sum(List<DimRow> rows) {
        Sums s = Sums.ZERO;
        for (DimRow r : rows) {
            s = s.plus(sums(r));
        }
        return s;
    }

    private static Map<String, Sums> by(List<DimRow> rows, Function<DimRow, String> key) {
        Map<String, Sums> out = new TreeMap<>();
        for (DimRow r : rows) {
            out.merge(key.apply(r), sums(r), Sums::plus);
        }
        return out;
    }

    /** Most cost first, then most tokens, then by name: the rows a reader looks for come first. */
    private static List<Map.Entry<String, Sums>> ranked(Map<String, Sums> groups) {
        List<Map.Entry<String, Sums>> out = new ArrayList<>(groups.entrySet());
        out.sort(Comparator.<Map.Entry<String, Sums>>comparingLong(e -> -e.getValue().costNanos())
                .thenComparingLong(e -> -e.getValue().tokens()).thenComparing(Map.Entry::getKey));
        return out;
    }

    static BucketTable bucketTable(List<DimRow> complete, Sums total, long loc, PriceTable prices) {
        Map<Bucket, Long> cost = new EnumMap<>(Bucket.class);
        for (Bucket b : Bucket.values()) {
            cost.put(b, 0L);
        }
        for (Map.Entry<String, Sums> m : by(complete, r -> r.model() == null ? "" : r.model()).entrySet()) {
            BucketCosts.split(prices, m.getKey().isEmpty() ? null : m.getKey(), m.getValue())
                    .forEach((b, nanos) -> cost.merge(b, nanos, Long::sum));
        }
        List<BucketRow> rows = new ArrayList<>();
        for (Bucket b : Bucket.values()) {
            rows.add(bucketRow(b.label(), total.tokens(b), cost.get(b), total, loc));
        }
        long costSum = cost.values().stream().mapToLong(Long::longValue).sum();
        return new BucketTable(rows, bucketRow("total", total.tokens(), costSum, total, loc), total.records(), loc,
                total.unpriced());
    }

    private static BucketRow bucketRow(String name, long tokens, long costNanos, Sums total, long loc) {
        return new BucketRow(name, tokens, costNanos, Num.pct(tokens, total.tokens()),
                Num.pct(costNanos, total.costNanos()), Num.per(tokens, total.records()),
                Num.nanosPer(costNanos, total.records()), Num.per(tokens, loc), Num.nanosPer(costNanos, loc));
    }

    static StageTable stageTable(List<DimRow> complete, Sums total, List<DurationRow> durationRows) {
        Map<String, List<long[]>> durations = new TreeMap<>();
        for (DurationRow r : durationRows) {
            if (r.complete()) {
                durations.computeIfAbsent(label(r.stage()), k -> new ArrayList<>()).add(r.durationsMs());
            }
        }
        List<StageRow> rows = new ArrayList<>();
        for (Map.Entry<String, Sums> e : ranked(by(complete, r -> label(r.stage())))) {
            rows.add(new StageRow(e.getKey(), e.getValue(), Num.pct(e.getValue().costNanos(), total.costNanos()),
                    Num.minutes(Stats.median(timed(concat(durations.getOrDefault(e.getKey(), List.of())))))));
        }
        List<long[]> every = new ArrayList<>(durations.values().stream().flatMap(List::stream).toList());
        return new StageTable(rows, new StageRow("total", total, Num.pct(total.costNanos(), total.costNanos()),
                Num.minutes(Stats.median(timed(concat(every))))));
    }

    static StructureTable structureTable(List<DimRow> complete) {
        List<StructureRow> rows = new ArrayList<>();
        for (Map.Entry<String, Sums> e : ranked(by(complete, r -> label(r.structure())))) {
            Sums s = e.getValue();
            rows.add(new StructureRow(e.getKey(), s, Num.per(s.inputTokens(), s.records()),
                    Num.per(s.outputTokens(), s.records()), Num.per(s.cacheWrite5mTokens(), s.records()),
                    Num.per(s.cacheWrite1hTokens(), s.records()), Num.per(s.cacheReadTokens(), s.records())));
        }
        return new StructureTable(rows);
    }

    static RoleTable roleTable(List<DimRow> complete, Sums total) {
        List<RoleRow> rows = new ArrayList<>();
        // Records without a role ran as one agent: the seed's "absent role is single".
        for (Map.Entry<String, Sums> e : ranked(by(complete, r -> r.role() == null ? "single" : r.role()))) {
            rows.add(new RoleRow(e.getKey(), e.getValue(), Num.pct(e.getValue().tokens(), total.tokens()),
                    Num.pct(e.getValue().costNanos(), total.costNanos())));
        }
        return new RoleTable(rows);
    }

    static CrossTable crossTable(List<DimRow> complete) {
        Map<String, Sums> byStage = by(complete, r -> label(r.stage()));
        Map<String, Sums> byStructure = by(complete, r -> label(r.structure()));
        Map<String, Sums> cells = by(complete, r -> label(r.stage()) + "\u0000" + label(r.structure()));
        List<String> stages = ranked(byStage).stream().map(Map.Entry::getKey).toList();
        List<String> structures = ranked(byStructure).stream().map(Map.Entry::getKey).toList();
        List<CrossCell> out = new ArrayList<>();
        for (String st : stages) {
            for (String sr : structures) {
                out.add(new CrossCell(st, sr, cells.getOrDefault(st + "\u0000" + sr, Sums.ZERO)));
            }
        }
        return new CrossTable(stages, structures, out);
    }

    /** Durations of ALL records by structure: latency is about time, not the cost substrate. */
    static Map<String, long[]> byStructureDurations(List<DimRow> all, List<DurationRow> durationRows) {
        Map<String, List<long[]>> parts = new TreeMap<>();
        for (DimRow r : all) {
            parts.computeIfAbsent(label(r.structure()), k -> new ArrayList<>()); // a row even with no durations
        }
        for (DurationRow r : durationRows) {
            parts.computeIfAbsent(label(r.structure()), k -> new ArrayList<>()).add(r.durationsMs());
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, concat(v)));
        return out;
    }

    /**
     * @param reconciledOut self-reports taken out of the cost tables (their sessions were measured):
     *     the day and task tables still hold them, so the cross-checks add them back
     */
    static CoverageTable coverage(List<DimRow> all, Sums total, Sums reconciledOut, BucketTable bucket,
            StageTable stage, ReportRows rows, TimeTables times, TaskTables tasks) {
        long records = 0;
        long withModel = 0;
        long priced = 0;
        long lowerBound = 0;
        long errors = 0;
        Map<String, Long> unpriced = new TreeMap<>();
        Map<String, Sums> bySource = new TreeMap<>();
        for (DimRow r : all) {
            bySource.merge(r.source() == null ? NONE : r.source(), sums(r), Sums::plus);
            records += r.records();
            withModel += r.model() == null ? 0 : r.records();
            priced += r.records() - r.unpricedRecords();
            lowerBound += r.complete() ? 0 : r.records();
            errors += "error".equals(r.status()) ? r.records() : 0;
            if (r.unpricedRecords() > 0) {
                unpriced.merge(r.model() == null ? "(no model)" : r.model(), r.unpricedRecords(), Long::sum);
            }
        }
        List<String> checks = new ArrayList<>();
        boolean ok = true;
        long bucketTokens = bucket.rows().stream().mapToLong(BucketRow::tokens).sum();
        long bucketCost = bucket.rows().stream().mapToLong(BucketRow::costNanos).sum();
        ok &= check(checks, "bucket tokens", bucketTokens, total.tokens());
        ok &= check(checks, "bucket cost (nanos)", bucketCost, total.costNanos());
        Sums stages = Sums.ZERO;
        for (StageRow s : stage.rows()) {
            stages = stages.plus(s.sums());
        }
        ok &= check(checks, "stage records", stages.records(), total.records());
        ok &= check(checks, "stage tokens", stages.tokens(), total.tokens());
        ok &= check(checks, "stage cost (nanos)", stages.costNanos(), total.costNanos());
        if (!rows.days().isEmpty()) {
            Sums days = times.daySums();
            Sums held = total.plus(reconciledOut);
            ok &= check(checks, "day records", days.records(), held.records());
            ok &= check(checks, "day tokens", days.tokens(), held.tokens());
            ok &= check(checks, "day cost (nanos)", days.costNanos(), held.costNanos());
        }
        if (!rows.taskRefs().isEmpty() || total.records() == 0) {
            Sums t = tasks.sums();
            Sums held = total.plus(reconciledOut);
            ok &= check(checks, "task/ref records", t.records(), held.records());
            ok &= check(checks, "task/ref tokens", t.tokens(), held.tokens());
            ok &= check(checks, "task/ref cost (nanos)", t.costNanos(), held.costNanos());
        }
        long unstarted = all.stream().mapToLong(DimRow::unstartedRecords).sum();
        return new CoverageTable(records, withModel, priced, lowerBound, lowerBound, unpriced, errors, ok, checks,
                bySource, unstarted);
    }

    private static boolean check(List<String> out, String what, long parts, long whole) {
        boolean ok = parts == whole;
        out.add(what + (ok ? " = total (" + Format.count(whole) + ")"
                : " MISMATCH: parts " + Format.count(parts) + " vs total " + Format.count(whole)));
        return ok;
    }

    /** The caveats, led by what narrows the events when something does: a reader must see it first. */
    private static List<String> narrowed(ReportRequest request, long startlessLeftOut, List<String> caveats) {
        if (request.narrowing() == null) {
            return caveats;
        }
        List<String> out = new ArrayList<>();
        out.add("Scope: " + request.narrowing() + " (read from the events, not the hourly cells).");
        if (request.startedOnly()) {
            out.add("Lower bound: " + Format.count(startlessLeftOut) + " record(s) in the window have no ts_start "
                    + "and are left out (started_only, the report skill's rule).");
        }
        out.addAll(caveats);
        return out;
    }

    static List<String> caveats(ReportWindow window, CoverageTable c, Sums total, Instant prunedBefore,
            Reconciled reconciled) {
        List<String> out = new ArrayList<>();
        if (c.lowerBound() > 0) {
            out.add("Lower bound: " + Format.count(c.lowerBound()) + " of " + Format.count(c.records())
                    + " records (" + Num.pct(c.lowerBound(), c.records()) + "%) reported incomplete usage "
                    + "(usage_complete=false) and are left out of the cost tables.");
        }
        if (c.records() > 0 && c.withModel() * 100.0 / c.records() < LOW_ATTRIBUTION_PCT) {
            out.add("Lower bound: only " + Num.pct(c.withModel(), c.records()) + "% of records carry a model "
                    + "(model attribution); records without one cannot be priced.");
        }
        if (total.unpriced() > 0) {
            out.add("Lower bound: cost leaves out " + Format.count(total.unpriced()) + " unpriced complete records"
                    + " (models: " + String.join(", ", c.unpricedModels().keySet()) + ").");
        }
        if (reconciled.any()) {
            Sums s = reconciled.selfReported();
            out.add("Reconciled: " + Format.count(reconciled.sessions()) + " session(s) were both self-reported and "
                    + "measured (imported); the measured figure counts once (" + Format.count(reconciled.measuredTokens())
                    + " tokens, " + Money.display(reconciled.measuredCostNanos()) + ") and their "
                    + Format.count(s.records()) + " self-reported record(s) (" + Format.count(s.tokens()) + " tokens, "
                    + Money.display(s.costNanos()) + ") are shown beside it, out of the cost tables; the per-task, "
                    + "per-day and per-ref tables still attribute them.");
        } else if (c.mixesSources()) {
            out.add("Both self-reported and measured (transcript) events are counted, and no session holds both; a "
                    + "self-report without a session_id cannot be matched to what was imported, so such work may be "
                    + "held twice (coverage-health splits them by source).");
        }
        if (prunedBefore != null && window.start().isBefore(prunedBefore)) {
            out.add("Raw events before " + prunedBefore + " were pruned: days before it read as empty here; "
                    + "report --history shows their rollups.");
        }
        return out;
    }

    /** The durations above zero: a 0 ms duration is a point-in-time record (ts_start = ts_end), not a latency. */
    static long[] timed(long[] ms) {
        return java.util.Arrays.stream(ms).filter(v -> v > 0).toArray();
    }

    /** How many durations are point-in-time (0 ms): counted and named, never a 0-minute latency. */
    static long pointInTime(long[] ms) {
        return java.util.Arrays.stream(ms).filter(v -> v <= 0).count();
    }

    static long[] concat(List<long[]> parts) {
        if (parts == null) {
            return new long[0];
        }
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static Set<String> names(Map<String, ?> m) {
        return new TreeSet<>(m.keySet());
    }
}
