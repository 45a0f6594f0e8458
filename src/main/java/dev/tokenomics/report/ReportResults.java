package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.Variant;
import dev.tokenomics.pricing.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The report's tables as result records (see {@link Results}): what tokenomics_report returns and
 * its output schema is generated from. Money is USD (exact, from nano-dollars); a null number is a
 * "--" cell in the text (a zero divisor, nothing to measure, or nothing priced).
 */
public final class ReportResults {
    private ReportResults() {}

    /** tokenomics_report's answer: its shape depends on the mode. */
    public sealed interface Answer permits WholeReport, PerDay, DayJson, History {}

    @Variant(key = "mode", value = "report")
    public record WholeReport(String mode, @JsonUnwrapped Report report, PriceTable.Provenance prices)
            implements Answer {}

    /** A whole report per day. */
    @Variant(key = "mode", value = "per_day")
    public record PerDay(String mode, String since, String until, String timezone, List<ReportDay> days,
            PriceTable.Provenance prices) implements Answer {}

    public record ReportDay(String date, Report report) {}

    /** One compact object per day, from the events. */
    @Variant(key = "mode", value = "day_json")
    public record DayJson(String mode, String since, String until, String timezone, List<DayObject> days,
            PriceTable.Provenance prices) implements Answer {}

    /**
     * The stored daily rollups alone (they survive pruning), or a history file's days ({@code file}
     * set, with its unreadable lines counted; no price table then: the file's costs are as written).
     */
    @Variant(key = "mode", value = "history")
    public record History(String mode, @Nullable String since, @Nullable String until, String timezone,
            List<DayObject> days, @JsonPropertyDescription("zones other rollups are stored in")
            List<String> otherTimezones,
            @JsonInclude(JsonInclude.Include.NON_NULL) String file,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer malformedLines,
            @JsonInclude(JsonInclude.Include.NON_NULL) PriceTable.Provenance prices) implements Answer {}

    /** A day's sums over its complete records (a rollup as stored). */
    public record DayObject(
            String date,
            @JsonPropertyDescription("complete records") long n,
            TokenBuckets tokens,
            @JsonPropertyDescription("tokens per record") PerBuckets perN,
            @Nullable Long activeLoc,
            @JsonPropertyDescription("tokens per LOC; null without LOC") @Nullable PerBuckets perLoc,
            long pricedN,
            CostBuckets cost,
            @Nullable BigDecimal costPerN,
            @Nullable BigDecimal costPerLoc,
            @JsonPropertyDescription("true when the day also had lower-bound records, left out of these sums")
            boolean usageCompleteFloor) {}

    public record TokenBuckets(long input, long output, long cacheCreation, long cacheRead, long total) {}

    public record PerBuckets(@Nullable BigDecimal input, @Nullable BigDecimal output,
            @Nullable BigDecimal cacheCreation, @Nullable BigDecimal cacheRead, @Nullable BigDecimal total) {}

    public record CostBuckets(BigDecimal input, BigDecimal output, BigDecimal cacheCreation, BigDecimal cacheRead,
            BigDecimal total) {}

    /** A whole report over one window. */
    public record Report(
            String since,
            String until,
            String timezone,
            String windowRule,
            long records,
            @JsonPropertyDescription("records with complete usage: the cost tables count these only")
            long completeRecords,
            boolean empty,
            @JsonPropertyDescription("read first: when a figure is a lower bound, and why") List<String> caveats,
            @JsonPropertyDescription("the TLDR: spend, where it concentrates, what the cheap lane would save")
            HeadlineBlock headline,
            @JsonPropertyDescription("complete records per model, costliest first") List<ModelRow> modelMix,
            @JsonPropertyDescription("an estimate: the cache's hit rate and what it saved against plain input")
            Cache cache,
            @JsonPropertyDescription("an estimate: each stage's tokens priced as the cheapest tier")
            RightSizingBlock rightSizing,
            @JsonPropertyDescription("sessions both self-reported and measured: measured counts once")
            Reconciliation reconciliation,
            @JsonPropertyDescription("the tables asked for (sections), by name") Tables tables) {}

    /** The self-reports of measured sessions, out of the cost tables, beside what was measured. */
    public record Reconciliation(long sessions, Sums selfReported, long measuredRecords, long measuredTokens,
            @Nullable BigDecimal measuredCostUsd, long measuredUnpricedRecords) {}

    /** Model right-sizing per stage, an estimate at base list rates (quality not weighed). */
    public record RightSizingBlock(@Nullable String targetModel, List<RightSizingRow> rows,
            @JsonPropertyDescription("models left out: no price") List<String> unpricedModels, boolean estimate) {}

    public record RightSizingRow(String stage, BigDecimal costUsd, BigDecimal asTargetUsd, BigDecimal savingUsd,
            List<String> models) {}

    /** The prompt cache's effect, an estimate at list rates. */
    public record Cache(
            @JsonPropertyDescription("cache reads / (input + cache writes + cache reads)") @Nullable BigDecimal hitRatePct,
            @JsonPropertyDescription("net: the cached tokens' cost as plain input minus their cost with the cache "
                    + "(negative: writes cost more than reads saved); null when no model is priced") @Nullable
            BigDecimal savedUsd,
            @Nullable BigDecimal withoutCacheUsd,
            @JsonPropertyDescription("models with cache tokens the price table cannot price: left out")
            List<String> unpricedModels,
            boolean estimate) {}

    public record ModelRow(String model, @JsonUnwrapped Sums sums, @Nullable BigDecimal tokenSharePct,
            @Nullable BigDecimal costSharePct) {}

    /** The report's headline; a part whose table was not built is null. */
    public record HeadlineBlock(
            @JsonPropertyDescription("cost of the window's complete records; null when nothing is priced")
            @Nullable BigDecimal spendUsd,
            @JsonPropertyDescription("true when lower-bound or unpriced records are left out of spend_usd")
            boolean spendIsLowerBound,
            long lowerBoundRecords,
            long unpricedRecords,
            @Nullable String dominantBucket,
            @Nullable BigDecimal dominantBucketCostSharePct,
            @Nullable String biggestStage,
            @Nullable BigDecimal biggestStageCostSharePct,
            @Nullable String breakevenFromLane,
            @Nullable String breakevenToLane,
            @JsonPropertyDescription("what the cheap lane would have saved; null when there is not enough data")
            @Nullable BigDecimal breakevenSavingsUsd,
            @JsonPropertyDescription("\"not enough data\" when the breakeven has no savings figure") @Nullable
            String breakevenNote,
            String text) {}

    /** The tables built; a table not asked for is left out. */
    public record Tables(
            @JsonInclude(JsonInclude.Include.NON_NULL) BucketTable bucket,
            @JsonInclude(JsonInclude.Include.NON_NULL) StageTable stage,
            @JsonInclude(JsonInclude.Include.NON_NULL) StructureTable structure,
            @JsonInclude(JsonInclude.Include.NON_NULL) RoleTable role,
            @JsonProperty("stage-structure") @JsonInclude(JsonInclude.Include.NON_NULL) CrossTable stageStructure,
            @JsonInclude(JsonInclude.Include.NON_NULL) LaneTable lane,
            @JsonProperty("stage-medians") @JsonInclude(JsonInclude.Include.NON_NULL) StageMediansTable stageMedians,
            @JsonInclude(JsonInclude.Include.NON_NULL) BreakevenTable breakeven,
            @JsonInclude(JsonInclude.Include.NON_NULL) CoverageTable coverage,
            @JsonProperty("trend-day") @JsonInclude(JsonInclude.Include.NON_NULL) DayTrend trendDay,
            @JsonProperty("trend-ref") @JsonInclude(JsonInclude.Include.NON_NULL) RefTrend trendRef,
            @JsonInclude(JsonInclude.Include.NON_NULL) LatencyTable latency,
            @JsonInclude(JsonInclude.Include.NON_NULL) ConcurrencyTable concurrency) {}

    /** Token and cost sums of a set of records. */
    public record Sums(
            long records,
            long inputTokens,
            long outputTokens,
            @JsonPropertyDescription("5-minute cache writes") long cacheCreationTokens,
            @JsonProperty("cache_creation_1h_tokens") @JsonPropertyDescription("1-hour cache writes")
            long cacheCreation1hTokens,
            long cacheReadTokens,
            long tokens,
            @JsonPropertyDescription("null when every record is unpriced (never $0)") @Nullable BigDecimal costUsd,
            @JsonPropertyDescription("false when some records are unpriced: cost_usd is then a lower bound")
            boolean costComplete,
            long unpricedRecords) {}

    /** 1. Tokens and cost per billing bucket. */
    public record BucketTable(String title, @Nullable String read, long records, long loc, List<BucketRow> rows,
            BucketRow total) {}

    public record BucketRow(
            String bucket,
            long tokens,
            @Nullable BigDecimal tokenSharePct,
            BigDecimal costUsd,
            @Nullable BigDecimal costSharePct,
            @Nullable BigDecimal tokensPerRecord,
            @Nullable BigDecimal costUsdPerRecord,
            @Nullable BigDecimal tokensPerLoc,
            @Nullable BigDecimal costUsdPerLoc) {}

    /** 2. Per stage. */
    public record StageTable(String title, @Nullable String read, List<StageRow> rows, StageRow total) {}

    public record StageRow(String stage, @JsonUnwrapped Sums sums, @Nullable BigDecimal costSharePct,
            @JsonPropertyDescription("over timed records; point-in-time ones (ts_start = ts_end) are left out")
            @Nullable BigDecimal medianDurationMinutes,
            @Nullable BigDecimal inputPerRecord,
            @Nullable BigDecimal outputPerRecord,
            @JsonPropertyDescription("5-minute and 1-hour cache writes per record") @Nullable
            BigDecimal cacheCreationPerRecord,
            @Nullable BigDecimal cacheReadPerRecord) {}

    /** 3. Per structure, per record. */
    public record StructureTable(String title, @Nullable String read, List<StructureRow> rows) {}

    public record StructureRow(
            String structure,
            @JsonUnwrapped Sums sums,
            @Nullable BigDecimal inputPerRecord,
            @Nullable BigDecimal outputPerRecord,
            @Nullable BigDecimal cacheCreationPerRecord,
            @JsonProperty("cache_creation_1h_per_record") @Nullable BigDecimal cacheCreation1hPerRecord,
            @Nullable BigDecimal cacheReadPerRecord,
            @JsonPropertyDescription("true when every record of the structure is unpriced") boolean unpriced) {}

    /** 4. Per role. */
    public record RoleTable(String title, @Nullable String read, List<RoleRow> rows) {}

    public record RoleRow(String role, @JsonUnwrapped Sums sums, @Nullable BigDecimal tokenSharePct,
            @Nullable BigDecimal costSharePct) {}

    /** 5. Stage x structure. */
    public record CrossTable(String title, @Nullable String read, List<String> stages, List<String> structures,
            List<CrossCell> cells) {}

    public record CrossCell(String stage, String structure, long records, @Nullable BigDecimal costUsd) {}

    /** 6. Per lane, per-task medians. */
    public record LaneTable(String title, @Nullable String read, List<LaneRow> rows) {}

    public record LaneRow(
            String lane,
            long tasks,
            long records,
            BigDecimal costUsd,
            @Nullable BigDecimal medianTokensPerTask,
            @Nullable BigDecimal medianCostUsdPerTask,
            @Nullable BigDecimal medianLocPerTask,
            long tasksWithLoc,
            @JsonPropertyDescription("median in_progress -> done minutes over timed_tasks") @Nullable
            BigDecimal medianDurationMinutes,
            @JsonPropertyDescription("tasks that went in_progress -> done in the window") long timedTasks,
            @JsonPropertyDescription("tokens per record by bucket, over all the lane's records")
            @Nullable BigDecimal inputPerRecord,
            @Nullable BigDecimal outputPerRecord,
            @Nullable BigDecimal cacheCreationPerRecord,
            @Nullable BigDecimal cacheReadPerRecord) {}

    /** 6b. Per-stage medians, the costliest tasks, the slowest stages. */
    public record StageMediansTable(String title, @Nullable String read, List<StageMedianRow> rows,
            @JsonPropertyDescription("the costliest tasks, most first") List<TaskCost> topConsumers,
            @JsonPropertyDescription("stages by median minutes, slowest first") List<String> slowestStages) {}

    public record StageMedianRow(
            String stage,
            @JsonPropertyDescription("records with a duration") long timedRecords,
            @JsonPropertyDescription("records with ts_start = ts_end: not in the medians") long pointInTimeRecords,
            @Nullable BigDecimal medianMinutes,
            @Nullable BigDecimal p90Minutes,
            long completeRecords,
            @JsonPropertyDescription("mean over complete records") @Nullable BigDecimal tokensPerRecord,
            @JsonPropertyDescription("mean over complete records; null when unpriced") @Nullable
            BigDecimal costUsdPerRecord) {}

    public record TaskCost(String taskId, String lane, long records, long tokens,
            @JsonPropertyDescription("null when every record is unpriced") @Nullable BigDecimal costUsd,
            boolean costComplete) {}

    /** 7. Lane breakeven. */
    public record BreakevenTable(
            String title,
            @Nullable String read,
            @Nullable String fromLane,
            @Nullable String toLane,
            @JsonPropertyDescription("cost = fixed + per-LOC fit of the expensive lane's tasks") @Nullable Fit fromFit,
            @Nullable Fit toFit,
            @JsonPropertyDescription("LOC where the two fits cross; null when they do not at a positive size")
            @Nullable BigDecimal crossingLoc,
            @Nullable String note,
            List<BreakevenRow> rows,
            @JsonPropertyDescription("tasks the cheap lane would not have made cheaper") List<String> zeroSavingsTasks,
            @JsonPropertyDescription("expensive tasks outside the sizes the cheap lane's fit was made on: not priced")
            List<String> notEnoughDataTasks,
            @JsonPropertyDescription("null when no task could be priced (not enough data)") @Nullable
            BigDecimal totalSavingsUsd) {}

    /** A lane's fit, and the sizes it was fitted on (it speaks for those only). */
    public record Fit(long tasks, long minLoc, long maxLoc, BigDecimal fixedCostUsd, BigDecimal costUsdPerLoc) {}

    public record BreakevenRow(String taskId, long loc, BigDecimal actualCostUsd, BigDecimal cheapLaneCostUsd,
            BigDecimal savingsUsd) {}

    /** 8. Coverage-health, over every record in the window. */
    public record CoverageTable(
            String title,
            @Nullable String read,
            long records,
            long withModel,
            @Nullable BigDecimal withModelPct,
            long priced,
            @Nullable BigDecimal pricedPct,
            long lowerBoundRecords,
            long excludedFromCostTables,
            @JsonPropertyDescription("model -> records without a price") Map<String, Long> unpricedModels,
            long errorRecords,
            boolean invariantOk,
            List<String> invariantChecks,
            Map<String, Sums> bySource,
            @JsonPropertyDescription("self-reported and measured events side by side: they may describe the same work")
            boolean mixesSelfReportedAndMeasured,
            @JsonPropertyDescription("records without ts_start: in the window by their ts") long noStartRecords) {}

    /** 9. Per local day, outliers marked. */
    public record DayTrend(String title, @Nullable String read, String outlierMetric, String outlierRule,
            List<DayPoint> rows) {}

    public record DayPoint(String date, long records, long tokens, @Nullable BigDecimal costUsd,
            boolean costComplete, @Nullable BigDecimal z, boolean outlier) {}

    /** 10. The most recent refs. */
    public record RefTrend(String title, @Nullable String read, int limit, int refsInWindow, List<RefPoint> rows) {}

    public record RefPoint(
            String refType,
            String refId,
            @Nullable String title,
            @Nullable String mergedAt,
            long records,
            long tokens,
            BigDecimal costUsd,
            @Nullable Long loc,
            @Nullable BigDecimal costUsdPerLoc) {}

    /** 11. Latencies, labelled by where they come from. */
    public record LatencyTable(String title, @Nullable String read, List<LatencyRow> rows) {}

    public record LatencyRow(String label, String source,
            @JsonPropertyDescription("timed records (ts_end after ts_start)") long n,
            @JsonPropertyDescription("records with ts_start = ts_end: no latency, so not in the median")
            long pointInTimeRecords,
            @Nullable BigDecimal medianMinutes, @Nullable BigDecimal p90Minutes) {}

    /** 12. Overlapping [ts_start, ts_end) intervals. */
    public record ConcurrencyTable(
            String title,
            @Nullable String read,
            long intervalRecords,
            @Nullable Integer peak,
            @Nullable String peakAt,
            @Nullable Integer p95,
            long pointInTimeRecords,
            @JsonPropertyDescription("true when point-in-time records could not be placed: the peak may be higher")
            boolean lowerBound,
            @JsonPropertyDescription("given, or by default the observed peak") @Nullable Integer ceiling,
            boolean ceilingGiven,
            @Nullable BigDecimal utilisationPct,
            @JsonPropertyDescription("share of busy time at the peak; >= 25 reads as a binding default ceiling")
            @Nullable BigDecimal atPeakPct,
            @JsonPropertyDescription("the assessment as prose: peak, why a lower bound, the ceiling, what to capture")
            String assessment) {}
}
