package dev.tokenomics.report;

import dev.tokenomics.ledger.Sources;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole report as values: the window, the caveat lines, and the thirteen tables (null when not
 * asked for). Cost tables use complete records (usage_complete = 1) only; coverage uses all.
 * Nullable numbers are the "--" cells: a zero divisor or nothing to measure.
 */
public record ReportData(ReportWindow window, Set<Section> sections, long records, long completeRecords,
        List<String> caveats, Map<Section, String> reads, List<ModelRow> modelMix, CacheEconomics cache, RightSizing rightSizing, Reconciled reconciled, BucketTable bucket, StageTable stage,
        StructureTable structure, RoleTable role, CrossTable stageStructure, LaneTable lane,
        StageMediansTable stageMedians, BreakevenTable breakeven, CoverageTable coverage, DayTrend trendDay, RefTrend trendRef,
        LatencyTable latency, ConcurrencyTable concurrency) {

    public boolean empty() {
        return records == 0;
    }

    /** The model mix: complete records per model, costliest first (no model counts as "(none)"). */
    public record ModelRow(String model, Sums sums, BigDecimal tokenSharePct, BigDecimal costSharePct) {}

    /** 1. Tokens and cost per billing bucket, with per-record and per-LOC normalisations. */
    public record BucketTable(List<BucketRow> rows, BucketRow total, long records, long loc, long unpriced) {}

    public record BucketRow(String bucket, long tokens, long costNanos, BigDecimal tokenSharePct,
            BigDecimal costSharePct, BigDecimal tokensPerRecord, Long costPerRecordNanos, BigDecimal tokensPerLoc,
            Long costPerLocNanos) {}

    /** 2. Per stage: sums, cost share and median duration. */
    public record StageTable(List<StageRow> rows, StageRow total) {}

    public record StageRow(String stage, Sums sums, BigDecimal costSharePct, BigDecimal medianMinutes) {}

    /** 3. Per structure: per-record buckets and cost. */
    public record StructureTable(List<StructureRow> rows) {}

    public record StructureRow(String structure, Sums sums, BigDecimal inputPerRecord, BigDecimal outputPerRecord,
            BigDecimal cacheWrite5mPerRecord, BigDecimal cacheWrite1hPerRecord, BigDecimal cacheReadPerRecord) {}

    /** 4. Per role; no role counts as single. */
    public record RoleTable(List<RoleRow> rows) {}

    public record RoleRow(String role, Sums sums, BigDecimal tokenSharePct, BigDecimal costSharePct) {}

    /** 5. Records and cost per stage and structure. */
    public record CrossTable(List<String> stages, List<String> structures, List<CrossCell> cells) {}

    public record CrossCell(String stage, String structure, Sums sums) {}

    /** 6. Per lane: tasks, records and per-task medians. */
    public record LaneTable(List<LaneRow> rows) {}

    /** medianMinutes is over timedTasks: those that went in_progress -> done in the window. */
    public record LaneRow(String lane, long tasks, long records, long costNanos, BigDecimal medianTokens,
            Long medianCostNanos, BigDecimal medianLoc, long tasksWithLoc, BigDecimal medianMinutes, long timedTasks,
            BigDecimal inputPerRecord, BigDecimal outputPerRecord, BigDecimal cacheWritePerRecord,
            BigDecimal cacheReadPerRecord) {}

    /** 6b. Per-stage medians, the costliest tasks and the slowest stages (by median minutes). */
    public record StageMediansTable(List<StageMedianRow> rows, List<TaskCost> topConsumers, List<String> slowestStages) {}

    /** timed/pointInTime: records with and without a duration; tokens and cost are per complete record (means). */
    public record StageMedianRow(String stage, long timed, long pointInTime, BigDecimal medianMinutes,
            BigDecimal p90Minutes, long completeRecords, BigDecimal tokensPerRecord, Long costPerRecordNanos) {}

    /** A task's complete records in one lane. */
    public record TaskCost(String taskId, String lane, long records, long tokens, long costNanos, long unpriced) {}

    /**
     * 7. Cost against LOC per lane, where the lines cross, and what the cheap lane would have saved.
     * notEnoughDataTasks are expensive tasks the cheap lane's fit cannot price (outside its sizes);
     * totalSavingsNanos is null when no task could be priced.
     */
    public record BreakevenTable(String fromLane, String toLane, LaneFit fromFit, LaneFit toFit,
            BigDecimal crossingLoc, String note, List<BreakevenRow> rows, List<String> zeroSavingsTasks,
            List<String> notEnoughDataTasks, Long totalSavingsNanos) {}

    /** A lane's fit and the sizes it was fitted on: it speaks for [minLoc, maxLoc] only. */
    public record LaneFit(Stats.Fit fit, long minLoc, long maxLoc) {}

    public record BreakevenRow(String taskId, long loc, long actualCostNanos, long cheapLaneCostNanos,
            long savingsNanos) {}

    /** 8. Over all records in the window: how complete the cost data is. */
    public record CoverageTable(long records, long withModel, long priced, long lowerBound,
            long excludedFromCostTables, Map<String, Long> unpricedModels, long errors, boolean invariantOk,
            List<String> invariantChecks, Map<String, Sums> bySource, long unstarted) {

        /** Self-reported and measured (transcript) events side by side: they may describe the same work. */
        public boolean mixesSources() {
            return bySource.keySet().stream().anyMatch(Sources::measured)
                    && bySource.keySet().stream().anyMatch(s -> !Sources.measured(s));
        }
    }

    /** 9. Per local day, with MAD outliers marked. */
    public record DayTrend(String outlierMetric, List<DayPoint> days) {}

    public record DayPoint(LocalDate date, long records, long tokens, long costNanos, long unpriced, BigDecimal z,
            boolean outlier) {}

    /** 10. The most recent refs the window's events carry. */
    public record RefTrend(int limit, int refsInWindow, List<RefPoint> rows) {}

    public record RefPoint(String refType, String refId, String title, Instant mergedAt, long records, long tokens,
            long costNanos, long unpriced, Long loc, Long costPerLocNanos) {}

    /** 11. Median and p90 latencies, labelled by where they come from. */
    public record LatencyTable(List<LatencyRow> rows) {}

    /** n timed records; pointInTime records have ts_start = ts_end (0 ms) and no latency to give. */
    public record LatencyRow(String label, String source, long n, long pointInTime, BigDecimal medianMinutes,
            BigDecimal p90Minutes) {}

    /** 12. Overlapping [ts_start, ts_end) intervals. */
    public record ConcurrencyTable(long intervals, int peak, Instant peakAt, Integer p95, long pointInTime,
            Integer ceiling, BigDecimal utilisationPct, boolean ceilingGiven, BigDecimal atPeakPct) {
        /** Point-in-time records could not be placed, so the peak may be higher. */
        public boolean lowerBound() {
            return pointInTime > 0;
        }
    }
}
