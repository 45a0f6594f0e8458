package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.DayPoint;
import dev.tokenomics.report.ReportData.LaneRow;
import dev.tokenomics.report.ReportData.LatencyRow;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Each table's one-line read: the takeaway, not a restatement of the rows. */
final class ReportReads {
    private ReportReads() {}

    static Map<Section, String> of(ReportData d) {
        Map<Section, String> out = new EnumMap<>(Section.class);
        String none = "no complete records in the window";
        if (d.bucket() != null) {
            List<BucketRow> rows = d.bucket().rows();
            BucketRow tokens = rows.stream().max(Comparator.comparingLong(BucketRow::tokens)).orElseThrow();
            BucketRow cost = rows.stream().max(Comparator.comparingLong(BucketRow::costNanos)).orElseThrow();
            out.put(Section.BUCKET, d.bucket().total().tokens() == 0 ? none
                    : tokens.bucket() + " holds the most tokens (" + tokens.tokenSharePct() + "%)"
                            + (d.bucket().total().costNanos() == 0 ? "; nothing is priced"
                                    : ", " + cost.bucket() + " the most cost (" + cost.costSharePct() + "%)"));
        }
        if (d.stage() != null) {
            out.put(Section.STAGE, d.stage().rows().isEmpty() ? none
                    : top(d.stage().rows().get(0).stage(), d.stage().rows().get(0).sums(), d.stage().rows().get(0).costSharePct()));
        }
        if (d.structure() != null) {
            var rows = d.structure().rows();
            long unpriced = rows.stream().filter(r -> r.sums().allUnpriced()).count();
            out.put(Section.STRUCTURE, rows.isEmpty() ? none
                    : rows.get(0).structure() + " costs the most of " + rows.size() + " structure(s)"
                            + (unpriced > 0 ? "; " + unpriced + " has no priced record, so its $ reads -- (unpriced)" : ""));
        }
        if (d.role() != null) {
            var rows = d.role().rows();
            out.put(Section.ROLE, rows.isEmpty() ? none : top(rows.get(0).role(), rows.get(0).sums(), rows.get(0).costSharePct()));
        }
        if (d.stageStructure() != null) {
            out.put(Section.STAGE_STRUCTURE, d.stageStructure().stages().isEmpty() ? none
                    : "which stages ran as which structure: records / cost in each cell");
        }
        if (d.lane() != null) {
            LaneRow top = d.lane().rows().stream().filter(r -> r.medianCostNanos() != null)
                    .max(Comparator.comparingLong(LaneRow::medianCostNanos)).orElse(null);
            out.put(Section.LANE, top == null ? "no tasks in the window"
                    : top.lane() + " has the highest median cost per task (" + Money.display(top.medianCostNanos()) + ")");
        }
        if (d.stageMedians() != null) {
            var m = d.stageMedians();
            out.put(Section.STAGE_MEDIANS, m.rows().isEmpty() ? none
                    : (m.slowestStages().isEmpty() ? "no timed records" : m.slowestStages().get(0)
                            + " is the slowest stage by median minutes")
                            + (m.topConsumers().isEmpty() ? "" : "; " + m.topConsumers().get(0).taskId()
                                    + " is the costliest task"));
        }
        if (d.breakeven() != null) {
            var b = d.breakeven();
            out.put(Section.BREAKEVEN, b.totalSavingsNanos() == null && b.crossingLoc() == null ? b.note()
                    : (b.crossingLoc() == null ? b.note() : b.fromLane() + " and " + b.toLane() + " cost the same at "
                            + b.crossingLoc() + " LOC")
                            + "; " + (b.totalSavingsNanos() == null ? "savings: not enough data" : b.toLane()
                                    + " would have saved " + Money.display(b.totalSavingsNanos()) + " on "
                                    + b.rows().size() + " " + b.fromLane() + " task(s)")
                            + (b.notEnoughDataTasks().isEmpty() ? "" : " (" + b.notEnoughDataTasks().size()
                                    + " outside " + b.toLane() + "'s sizes: not priced)"));
        }
        if (d.coverage() != null) {
            var c = d.coverage();
            out.put(Section.COVERAGE, c.records() == 0 ? "the window holds no events"
                    : Num.pct(c.withModel(), c.records()) + "% of records carry a model, " + Num.pct(c.priced(), c.records())
                            + "% are priced, " + c.lowerBound() + " are lower bounds; invariant "
                            + (c.invariantOk() ? "holds" : "BROKEN"));
        }
        if (d.trendDay() != null) {
            List<DayPoint> outliers = d.trendDay().days().stream().filter(DayPoint::outlier).toList();
            out.put(Section.TREND_DAY, outliers.isEmpty() ? "no outlier days by " + d.trendDay().outlierMetric()
                    + " (MAD modified z-score, |z| > 3.5)"
                    : outliers.size() + " outlier day(s) by " + d.trendDay().outlierMetric() + ": "
                            + outliers.stream().map(p -> p.date().toString()).collect(Collectors.joining(", ")));
        }
        if (d.trendRef() != null) {
            var t = d.trendRef();
            out.put(Section.TREND_REF, t.refsInWindow() == 0 ? "no refs carried by the window's records"
                    : "the " + t.rows().size() + " most recent of " + t.refsInWindow() + " refs the window's records carry");
        }
        if (d.latency() != null) {
            LatencyRow h = d.latency().rows().get(0);
            out.put(Section.LATENCY, h.n() == 0 ? "no task reached done in the window; event durations below"
                    : "median " + h.medianMinutes() + " min from in_progress to done over " + h.n() + " task(s)");
        }
        if (d.concurrency() != null) {
            var c = d.concurrency();
            out.put(Section.CONCURRENCY, c.intervals() == 0 ? "no interval records to sweep"
                    + (c.pointInTime() > 0 ? " (" + c.pointInTime() + " point-in-time records)" : "")
                    : "peak " + c.peak() + " overlapping" + (c.lowerBound() ? " (a lower bound)" : "")
                            + (!c.ceilingGiven() ? ", held " + c.atPeakPct() + "% of the busy time"
                                    : ", " + c.utilisationPct() + "% of the ceiling of " + c.ceiling()));
        }
        return out;
    }

    private static String top(String name, Sums s, java.math.BigDecimal share) {
        return s.costNanos() == 0 ? name + " has the most tokens; nothing is priced"
                : name + " costs the most: " + share + "% of cost";
    }
}
