package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.report.ReportData.BreakevenRow;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.LaneRow;
import dev.tokenomics.report.ReportData.StageRow;
import dev.tokenomics.report.ReportResults.Tables;
import dev.tokenomics.stats.Outliers;
import dev.tokenomics.text.Cost;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as result records (the tool's structuredContent, through ResultJson): every table as
 * data, money in USD (exact, from nano-dollars), null where the text shows "--".
 */
public final class ReportJson {
    static final String WINDOW_RULE = "records whose start (ts_start; ts when there is none or it is later) falls in "
            + "[since 00:00, until + 1 day 00:00) in timezone";

    private ReportJson() {}

    public static ReportResults.Report of(ReportData d) {
        return new ReportResults.Report(d.window().since().toString(), d.window().until().toString(),
                d.window().zone().getId(), WINDOW_RULE, d.records(), d.completeRecords(), d.empty(), d.caveats(),
                headline(Headline.of(d)), d.modelMix().stream().map(r -> new ReportResults.ModelRow(r.model(),
                        sums(r.sums()), r.tokenSharePct(), r.costSharePct())).toList(),
                new ReportResults.Cache(d.cache().hitRatePct(), usd(d.cache().savedNanos()),
                        usd(d.cache().withoutCacheNanos()), d.cache().unpricedModels(), true),
                new ReportResults.RightSizingBlock(d.rightSizing().targetModel(), d.rightSizing().rows().stream()
                        .map(r -> new ReportResults.RightSizingRow(r.stage(), usd(r.costNanos()), usd(r.asTargetNanos()),
                                usd(r.savingNanos()), r.models())).toList(), d.rightSizing().unpricedModels(), true),
                reconciliation(d.reconciled()), tables(d));
    }

    private static ReportResults.Reconciliation reconciliation(Reconciled r) {
        return new ReportResults.Reconciliation(r.sessions(), sums(r.selfReported()), r.measuredRecords(),
                r.measuredTokens(), r.measuredRecords() > 0 && r.measuredUnpriced() == r.measuredRecords() ? null
                        : usd(r.measuredCostNanos()), r.measuredUnpriced());
    }

    private static ReportResults.HeadlineBlock headline(Headline h) {
        return new ReportResults.HeadlineBlock(usd(h.spendNanos()), h.lowerBound(), h.lowerBoundRecords(),
                h.unpricedRecords(), h.dominantBucket(), h.dominantBucketSharePct(), h.biggestStage(),
                h.biggestStageSharePct(), h.fromLane(), h.toLane(), usd(h.savingsNanos()), h.savingsNote(),
                h.sentence());
    }

    private static Tables tables(ReportData d) {
        return new Tables(
                has(d, Section.BUCKET) ? new ReportResults.BucketTable(title(Section.BUCKET), read(d, Section.BUCKET),
                        d.bucket().records(), d.bucket().loc(),
                        d.bucket().rows().stream().map(ReportJson::bucket).toList(), bucket(d.bucket().total())) : null,
                has(d, Section.STAGE) ? new ReportResults.StageTable(title(Section.STAGE), read(d, Section.STAGE),
                        d.stage().rows().stream().map(ReportJson::stage).toList(), stage(d.stage().total())) : null,
                has(d, Section.STRUCTURE) ? new ReportResults.StructureTable(title(Section.STRUCTURE),
                        read(d, Section.STRUCTURE), d.structure().rows().stream().map(r -> new ReportResults.StructureRow(
                                r.structure(), sums(r.sums()), r.inputPerRecord(), r.outputPerRecord(),
                                r.cacheWrite5mPerRecord(), r.cacheWrite1hPerRecord(), r.cacheReadPerRecord(),
                                r.sums().allUnpriced())).toList()) : null,
                has(d, Section.ROLE) ? new ReportResults.RoleTable(title(Section.ROLE), read(d, Section.ROLE),
                        d.role().rows().stream().map(r -> new ReportResults.RoleRow(r.role(), sums(r.sums()),
                                r.tokenSharePct(), r.costSharePct())).toList()) : null,
                has(d, Section.STAGE_STRUCTURE) ? new ReportResults.CrossTable(title(Section.STAGE_STRUCTURE),
                        read(d, Section.STAGE_STRUCTURE), d.stageStructure().stages(), d.stageStructure().structures(),
                        d.stageStructure().cells().stream().map(c -> new ReportResults.CrossCell(c.stage(),
                                c.structure(), c.sums().records(), cost(c.sums()))).toList()) : null,
                has(d, Section.LANE) ? new ReportResults.LaneTable(title(Section.LANE), read(d, Section.LANE),
                        d.lane().rows().stream().map(ReportJson::lane).toList()) : null,
                has(d, Section.STAGE_MEDIANS) ? new ReportResults.StageMediansTable(title(Section.STAGE_MEDIANS),
                        read(d, Section.STAGE_MEDIANS), d.stageMedians().rows().stream().map(r ->
                                new ReportResults.StageMedianRow(r.stage(), r.timed(), r.pointInTime(), r.medianMinutes(),
                                        r.p90Minutes(), r.completeRecords(), r.tokensPerRecord(),
                                        usd(r.costPerRecordNanos()))).toList(),
                        d.stageMedians().topConsumers().stream().map(c -> new ReportResults.TaskCost(c.taskId(),
                                c.lane(), c.records(), c.tokens(), Cost.usd(c.records(), c.unpriced(), c.costNanos()),
                                c.unpriced() == 0)).toList(), d.stageMedians().slowestStages()) : null,
                has(d, Section.BREAKEVEN) ? breakeven(d) : null,
                has(d, Section.COVERAGE) ? coverage(d) : null,
                has(d, Section.TREND_DAY) ? new ReportResults.DayTrend(title(Section.TREND_DAY),
                        read(d, Section.TREND_DAY), d.trendDay().outlierMetric(), Outliers.RULE,
                        d.trendDay().days().stream().map(p -> new ReportResults.DayPoint(p.date().toString(),
                                p.records(), p.tokens(), Cost.usd(p.records(), p.unpriced(), p.costNanos()),
                                p.unpriced() == 0, p.z(), p.outlier())).toList()) : null,
                has(d, Section.TREND_REF) ? new ReportResults.RefTrend(title(Section.TREND_REF),
                        read(d, Section.TREND_REF), d.trendRef().limit(), d.trendRef().refsInWindow(),
                        d.trendRef().rows().stream().map(r -> new ReportResults.RefPoint(r.refType(), r.refId(),
                                r.title(), Times.format(r.mergedAt()), r.records(), r.tokens(),
                                Money.usd(r.costNanos()), r.loc(), usd(r.costPerLocNanos()))).toList()) : null,
                has(d, Section.LATENCY) ? new ReportResults.LatencyTable(title(Section.LATENCY),
                        read(d, Section.LATENCY), d.latency().rows().stream().map(r -> new ReportResults.LatencyRow(
                                r.label(), r.source(), r.n(), r.pointInTime(), r.medianMinutes(), r.p90Minutes()))
                                .toList()) : null,
                has(d, Section.CONCURRENCY) ? concurrency(d) : null);
    }

    private static boolean has(ReportData d, Section s) {
        return d.sections().contains(s);
    }

    private static String title(Section s) {
        return s.title();
    }

    private static String read(ReportData d, Section s) {
        return d.reads().get(s);
    }

    static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.usd(nanos);
    }

    /** Cost in USD, or null when every record is unpriced (so zero is never read as free). */
    static BigDecimal cost(Sums s) {
        return s.allUnpriced() ? null : Money.usd(s.costNanos());
    }

    static ReportResults.Sums sums(Sums s) {
        return new ReportResults.Sums(s.records(), s.inputTokens(), s.outputTokens(), s.cacheWrite5mTokens(),
                s.cacheWrite1hTokens(), s.cacheReadTokens(), s.tokens(), cost(s), s.unpriced() == 0, s.unpriced());
    }

    private static ReportResults.BucketRow bucket(BucketRow r) {
        return new ReportResults.BucketRow(r.bucket(), r.tokens(), r.tokenSharePct(), Money.usd(r.costNanos()),
                r.costSharePct(), r.tokensPerRecord(), usd(r.costPerRecordNanos()), r.tokensPerLoc(),
                usd(r.costPerLocNanos()));
    }

    private static ReportResults.StageRow stage(StageRow r) {
        Sums s = r.sums();
        return new ReportResults.StageRow(r.stage(), sums(s), r.costSharePct(), r.medianMinutes(),
                Num.per(s.inputTokens(), s.records()), Num.per(s.outputTokens(), s.records()),
                Num.per(s.cacheWrite5mTokens() + s.cacheWrite1hTokens(), s.records()),
                Num.per(s.cacheReadTokens(), s.records()));
    }

    private static ReportResults.LaneRow lane(LaneRow r) {
        return new ReportResults.LaneRow(r.lane(), r.tasks(), r.records(), Money.usd(r.costNanos()), r.medianTokens(),
                usd(r.medianCostNanos()), r.medianLoc(), r.tasksWithLoc(), r.medianMinutes(), r.timedTasks(),
                r.inputPerRecord(), r.outputPerRecord(), r.cacheWritePerRecord(), r.cacheReadPerRecord());
    }

    private static ReportResults.BreakevenTable breakeven(ReportData d) {
        var b = d.breakeven();
        return new ReportResults.BreakevenTable(title(Section.BREAKEVEN), read(d, Section.BREAKEVEN), b.fromLane(),
                b.toLane(), fit(b.fromFit()), fit(b.toFit()), b.crossingLoc(), b.note(),
                b.rows().stream().map(ReportJson::breakevenRow).toList(), b.zeroSavingsTasks(),
                b.notEnoughDataTasks(), usd(b.totalSavingsNanos()));
    }

    private static ReportResults.BreakevenRow breakevenRow(BreakevenRow r) {
        return new ReportResults.BreakevenRow(r.taskId(), r.loc(), Money.usd(r.actualCostNanos()),
                Money.usd(r.cheapLaneCostNanos()), Money.usd(r.savingsNanos()));
    }

    private static ReportResults.Fit fit(ReportData.LaneFit f) {
        return f == null ? null : new ReportResults.Fit(f.fit().n(), f.minLoc(), f.maxLoc(),
                Money.usd(Math.round(f.fit().intercept())), Money.usd(Math.round(f.fit().slope())));
    }

    private static ReportResults.CoverageTable coverage(ReportData d) {
        var c = d.coverage();
        Map<String, ReportResults.Sums> sources = new LinkedHashMap<>();
        c.bySource().forEach((k, v) -> sources.put(k, sums(v)));
        return new ReportResults.CoverageTable(title(Section.COVERAGE), read(d, Section.COVERAGE), c.records(),
                c.withModel(), Num.pct(c.withModel(), c.records()), c.priced(), Num.pct(c.priced(), c.records()),
                c.lowerBound(), c.excludedFromCostTables(), c.unpricedModels(), c.errors(), c.invariantOk(),
                c.invariantChecks(), sources, c.mixesSources(), c.unstarted());
    }

    private static ReportResults.ConcurrencyTable concurrency(ReportData d) {
        var c = d.concurrency();
        return new ReportResults.ConcurrencyTable(title(Section.CONCURRENCY), read(d, Section.CONCURRENCY),
                c.intervals(), c.intervals() == 0 ? null : c.peak(), Times.format(c.peakAt()), c.p95(), c.pointInTime(),
                c.lowerBound(), c.ceiling(), c.ceilingGiven(), c.utilisationPct(), c.atPeakPct(), ConcurrencyProse.of(d));
    }
}
