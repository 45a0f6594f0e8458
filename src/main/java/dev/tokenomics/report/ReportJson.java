package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON maps (the tool's structuredContent): every table as data, snake_case keys,
 * money in USD (exact, from nano-dollars), null where the text shows "--".
 */
public final class ReportJson {
    private ReportJson() {}

    public static Map<String, Object> of(ReportData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", d.window().since().toString());
        m.put("until", d.window().until().toString());
        m.put("timezone", d.window().zone().getId());
        m.put("window_rule", "events whose ts falls in [since 00:00, until + 1 day 00:00) in timezone");
        m.put("records", d.records());
        m.put("complete_records", d.completeRecords());
        m.put("empty", d.empty());
        m.put("caveats", d.caveats());
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            if (d.sections().contains(s)) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("title", s.title());
                t.put("read", d.reads().get(s));
                t.putAll(table(d, s));
                tables.put(s.key(), t);
            }
        }
        m.put("tables", tables);
        return m;
    }

    static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.usd(nanos);
    }

    /** Cost in USD, or null when every record is unpriced (so zero is never read as free). */
    static BigDecimal cost(Sums s) {
        return s.allUnpriced() ? null : Money.usd(s.costNanos());
    }

    static Map<String, Object> sums(Sums s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", s.records());
        m.put("input_tokens", s.inputTokens());
        m.put("output_tokens", s.outputTokens());
        m.put("cache_creation_tokens", s.cacheWrite5mTokens());
        m.put("cache_creation_1h_tokens", s.cacheWrite1hTokens());
        m.put("cache_read_tokens", s.cacheReadTokens());
        m.put("tokens", s.tokens());
        m.put("cost_usd", cost(s));
        m.put("cost_complete", s.unpriced() == 0);
        m.put("unpriced_records", s.unpriced());
        return m;
    }

    private static Map<String, Object> table(ReportData d, Section s) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (s) {
            case BUCKET -> {
                m.put("records", d.bucket().records());
                m.put("loc", d.bucket().loc());
                List<Object> rows = new ArrayList<>();
                d.bucket().rows().forEach(r -> rows.add(bucket(r)));
                m.put("rows", rows);
                m.put("total", bucket(d.bucket().total()));
            }
            case STAGE -> {
                List<Object> rows = new ArrayList<>();
                d.stage().rows().forEach(r -> rows.add(stage(r)));
                m.put("rows", rows);
                m.put("total", stage(d.stage().total()));
            }
            case STRUCTURE -> {
                List<Object> rows = new ArrayList<>();
                for (StructureRow r : d.structure().rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("structure", r.structure());
                    row.putAll(sums(r.sums()));
                    row.put("input_per_record", r.inputPerRecord());
                    row.put("output_per_record", r.outputPerRecord());
                    row.put("cache_creation_per_record", r.cacheWrite5mPerRecord());
                    row.put("cache_creation_1h_per_record", r.cacheWrite1hPerRecord());
                    row.put("cache_read_per_record", r.cacheReadPerRecord());
                    row.put("unpriced", r.sums().allUnpriced());
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case ROLE -> {
                List<Object> rows = new ArrayList<>();
                for (RoleRow r : d.role().rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("role", r.role());
                    row.putAll(sums(r.sums()));
                    row.put("token_share_pct", r.tokenSharePct());
                    row.put("cost_share_pct", r.costSharePct());
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case STAGE_STRUCTURE -> {
                m.put("stages", d.stageStructure().stages());
                m.put("structures", d.stageStructure().structures());
                List<Object> cells = new ArrayList<>();
                for (CrossCell c : d.stageStructure().cells()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("stage", c.stage());
                    row.put("structure", c.structure());
                    row.put("records", c.sums().records());
                    row.put("cost_usd", cost(c.sums()));
                    cells.add(row);
                }
                m.put("cells", cells);
            }
            case LANE -> {
                List<Object> rows = new ArrayList<>();
                for (LaneRow r : d.lane().rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("lane", r.lane());
                    row.put("tasks", r.tasks());
                    row.put("records", r.records());
                    row.put("cost_usd", Money.usd(r.costNanos()));
                    row.put("median_tokens_per_task", r.medianTokens());
                    row.put("median_cost_usd_per_task", usd(r.medianCostNanos()));
                    row.put("median_loc_per_task", r.medianLoc());
                    row.put("tasks_with_loc", r.tasksWithLoc());
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case BREAKEVEN -> breakeven(d, m);
            case COVERAGE -> {
                var c = d.coverage();
                m.put("records", c.records());
                m.put("with_model", c.withModel());
                m.put("with_model_pct", Num.pct(c.withModel(), c.records()));
                m.put("priced", c.priced());
                m.put("priced_pct", Num.pct(c.priced(), c.records()));
                m.put("lower_bound_records", c.lowerBound());
                m.put("excluded_from_cost_tables", c.excludedFromCostTables());
                m.put("unpriced_models", c.unpricedModels());
                m.put("error_records", c.errors());
                m.put("invariant_ok", c.invariantOk());
                m.put("invariant_checks", c.invariantChecks());
                Map<String, Object> sources = new LinkedHashMap<>();
                c.bySource().forEach((k, v) -> sources.put(k, sums(v)));
                m.put("by_source", sources);
                m.put("mixes_self_reported_and_measured", c.mixesSources());
            }
            case TREND_DAY -> {
                m.put("outlier_metric", d.trendDay().outlierMetric());
                m.put("outlier_rule", "MAD modified z-score 0.6745*(x-median)/MAD, |z| > 3.5");
                List<Object> rows = new ArrayList<>();
                for (DayPoint p : d.trendDay().days()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("date", p.date().toString());
                    row.put("records", p.records());
                    row.put("tokens", p.tokens());
                    row.put("cost_usd", Cost.usd(p.records(), p.unpriced(), p.costNanos()));
                    row.put("cost_complete", p.unpriced() == 0);
                    row.put("z", p.z());
                    row.put("outlier", p.outlier());
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case TREND_REF -> {
                m.put("limit", d.trendRef().limit());
                m.put("refs_in_window", d.trendRef().refsInWindow());
                List<Object> rows = new ArrayList<>();
                for (RefPoint r : d.trendRef().rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("ref_type", r.refType());
                    row.put("ref_id", r.refId());
                    row.put("title", r.title());
                    row.put("merged_at", Times.format(r.mergedAt()));
                    row.put("records", r.records());
                    row.put("tokens", r.tokens());
                    row.put("cost_usd", Money.usd(r.costNanos()));
                    row.put("loc", r.loc());
                    row.put("cost_usd_per_loc", usd(r.costPerLocNanos()));
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case LATENCY -> {
                List<Object> rows = new ArrayList<>();
                for (LatencyRow r : d.latency().rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("label", r.label());
                    row.put("source", r.source());
                    row.put("n", r.n());
                    row.put("median_minutes", r.medianMinutes());
                    row.put("p90_minutes", r.p90Minutes());
                    rows.add(row);
                }
                m.put("rows", rows);
            }
            case CONCURRENCY -> {
                var c = d.concurrency();
                m.put("interval_records", c.intervals());
                m.put("peak", c.intervals() == 0 ? null : c.peak());
                m.put("peak_at", Times.format(c.peakAt()));
                m.put("p95", c.p95());
                m.put("point_in_time_records", c.pointInTime());
                m.put("lower_bound", c.lowerBound());
                m.put("ceiling", c.ceiling());
                m.put("utilisation_pct", c.utilisationPct());
            }
            default -> throw new IllegalStateException("no JSON for " + s);
        }
        return m;
    }

    private static Map<String, Object> bucket(BucketRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", r.bucket());
        m.put("tokens", r.tokens());
        m.put("token_share_pct", r.tokenSharePct());
        m.put("cost_usd", Money.usd(r.costNanos()));
        m.put("cost_share_pct", r.costSharePct());
        m.put("tokens_per_record", r.tokensPerRecord());
        m.put("cost_usd_per_record", usd(r.costPerRecordNanos()));
        m.put("tokens_per_loc", r.tokensPerLoc());
        m.put("cost_usd_per_loc", usd(r.costPerLocNanos()));
        return m;
    }

    private static Map<String, Object> stage(StageRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", r.stage());
        m.putAll(sums(r.sums()));
        m.put("cost_share_pct", r.costSharePct());
        m.put("median_duration_minutes", r.medianMinutes());
        return m;
    }

    private static void breakeven(ReportData d, Map<String, Object> m) {
        var b = d.breakeven();
        m.put("from_lane", b.fromLane());
        m.put("to_lane", b.toLane());
        m.put("from_fit", fit(b.fromFit()));
        m.put("to_fit", fit(b.toFit()));
        m.put("crossing_loc", b.crossingLoc());
        m.put("note", b.note());
        List<Object> rows = new ArrayList<>();
        for (BreakevenRow r : b.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task_id", r.taskId());
            row.put("loc", r.loc());
            row.put("actual_cost_usd", Money.usd(r.actualCostNanos()));
            row.put("cheap_lane_cost_usd", Money.usd(r.cheapLaneCostNanos()));
            row.put("savings_usd", Money.usd(r.savingsNanos()));
            rows.add(row);
        }
        m.put("rows", rows);
        m.put("zero_savings_tasks", b.zeroSavingsTasks());
        m.put("total_savings_usd", Money.usd(b.totalSavingsNanos()));
    }

    private static Map<String, Object> fit(Stats.Fit f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", f.n());
        m.put("fixed_cost_usd", Money.usd(Math.round(f.intercept())));
        m.put("cost_usd_per_loc", Money.usd(Math.round(f.slope())));
        return m;
    }
}
