package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.StageRow;
import dev.tokenomics.text.Format;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report's TLDR, right after the caveats (the report skill's "headline block"): the spend the
 * window captured, the bucket and stage it concentrates in, and what the cheap lane would have
 * saved. A part whose table was not built, or that has nothing to say, is null, never a guess.
 *
 * @param spendBuilt     false when neither cost table (bucket, stage) was asked for: spend is then not stated
 * @param spendNanos     cost of the complete records; null when nothing is priced or no cost table was built
 * @param lowerBound     true when the spend leaves something out (lower-bound or unpriced records)
 * @param savingsNanos   the breakeven's savings total; null when the breakeven has no fit to price it with
 * @param savingsNote    "not enough data" when the breakeven was built but has no savings figure; else null
 */
public record Headline(boolean spendBuilt, Long spendNanos, boolean lowerBound, long lowerBoundRecords,
        long unpricedRecords, String dominantBucket, BigDecimal dominantBucketSharePct, String biggestStage, BigDecimal biggestStageSharePct,
        String fromLane, String toLane, Long savingsNanos, String savingsNote) {

    public static Headline of(ReportData d) {
        Sums total = d.stage() != null ? d.stage().total().sums() : null;
        long unpriced = d.bucket() != null ? d.bucket().unpriced() : total != null ? total.unpriced() : 0;
        long records = d.bucket() != null ? d.bucket().records() : total != null ? total.records() : 0;
        Long spend = d.bucket() != null ? Long.valueOf(d.bucket().total().costNanos())
                : total != null ? Long.valueOf(total.costNanos()) : null;
        if (records > 0 && unpriced == records) {
            spend = null; // every record unpriced: no figure, never $0
        }
        long lowerBoundRecords = d.coverage() == null ? 0 : d.coverage().lowerBound();
        String bucket = null;
        BigDecimal bucketShare = null;
        if (d.bucket() != null) {
            BucketRow top = d.bucket().rows().stream().filter(r -> r.costNanos() > 0)
                    .max(Comparator.comparingLong(BucketRow::costNanos)).orElse(null);
            bucket = top == null ? null : top.bucket();
            bucketShare = top == null ? null : top.costSharePct();
        }
        String stage = null;
        BigDecimal stageShare = null;
        if (d.stage() != null) {
            StageRow top = d.stage().rows().stream().filter(r -> r.sums().costNanos() > 0)
                    .max(Comparator.comparingLong(r -> r.sums().costNanos())).orElse(null);
            stage = top == null ? null : top.stage();
            stageShare = top == null ? null : top.costSharePct();
        }
        String from = null;
        String to = null;
        Long savings = null;
        String note = null;
        if (d.breakeven() != null) {
            var b = d.breakeven();
            from = b.fromLane();
            to = b.toLane();
            savings = b.totalSavingsNanos();
            note = savings == null ? "not enough data" : null;
        }
        return new Headline(d.bucket() != null || d.stage() != null, spend, lowerBoundRecords > 0 || unpriced > 0,
                lowerBoundRecords, unpriced, bucket, bucketShare, stage, stageShare, from, to, savings, note);
    }

    /** The block as one or two sentences. */
    public String sentence() {
        List<String> parts = new ArrayList<>();
        String spend = spendNanos == null ? "-- (nothing priced)" : (lowerBound ? "at least " : "")
                + Money.display(spendNanos);
        List<String> leftOut = new ArrayList<>();
        if (lowerBoundRecords > 0) {
            leftOut.add(Format.count(lowerBoundRecords) + " lower-bound record(s)");
        }
        if (unpricedRecords > 0) {
            leftOut.add(Format.count(unpricedRecords) + " unpriced record(s)");
        }
        if (spendBuilt) {
            parts.add("Captured spend " + spend + (leftOut.isEmpty() ? "" : " (leaves out " + String.join(" and ",
                    leftOut) + ")"));
        }
        if (dominantBucket != null) {
            parts.add(dominantBucket + " is the dominant cost bucket (" + dominantBucketSharePct + "% of cost)");
        }
        if (biggestStage != null) {
            parts.add(biggestStage + " the biggest stage (" + biggestStageSharePct + "%)");
        }
        if (savingsNanos != null) {
            parts.add(fromLane + "→" + toLane + " breakeven savings " + Money.display(savingsNanos));
        } else if (savingsNote != null) {
            parts.add((fromLane != null && toLane != null ? fromLane + "→" + toLane : "lane") + " breakeven savings: "
                    + savingsNote);
        }
        return parts.isEmpty() ? "Nothing to headline: the tables it reads (bucket, stage, breakeven) were not asked for."
                : String.join("; ", parts) + ".";
    }
}
