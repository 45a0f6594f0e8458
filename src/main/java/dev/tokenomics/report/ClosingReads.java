package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.report.ReportData.BucketRow;
import dev.tokenomics.report.ReportData.StageRow;
import dev.tokenomics.text.Format;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The closing "Reads" of the report doc: two to four bullets that tie the numbers to decisions
 * (cache economics, routing calibration, orchestration overhead, data completeness), each from a
 * table the report built. A bullet whose table is missing or empty is left out, not guessed.
 */
final class ClosingReads {
    private ClosingReads() {}

    /** "Cache (estimate): ..." or null when nothing went through the cache. */
    static String cache(ReportData d) {
        CacheEconomics c = d.cache();
        if (c.hitRatePct() == null || c.withoutCacheNanos() == null && c.unpricedModels().isEmpty()) {
            return null;
        }
        return "Cache (estimate, at list rates): hit rate " + c.hitRatePct() + "% of input-side tokens; "
                + (c.savedNanos() == null ? "its saving cannot be priced"
                        : (c.savedNanos() >= 0 ? "saved " + Money.display(c.savedNanos())
                                : "cost " + Money.display(-c.savedNanos()) + " more")
                                + " against reading the same tokens as plain input ("
                                + Money.display(c.withoutCacheNanos()) + ")")
                + (c.unpricedModels().isEmpty() ? "" : "; unpriced, left out: " + String.join(", ", c.unpricedModels()))
                + ".";
    }

    /** "Right-sizing (estimate): ..." or null when no stage would cost less as the cheapest tier. */
    static String rightSizing(ReportData d) {
        RightSizing r = d.rightSizing();
        if (r.targetModel() == null || r.rows().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (RightSizing.Row row : r.rows()) {
            parts.add(row.stage() + " " + Money.display(row.costNanos()) + " → " + Money.display(row.asTargetNanos()));
        }
        return "Right-sizing (estimate, same tokens at " + r.targetModel() + "'s list rates, quality not weighed): "
                + String.join("; ", parts) + ".";
    }

    static List<String> of(ReportData d) {
        List<String> out = new ArrayList<>();
        if (d.bucket() != null && d.bucket().total().tokens() > 0) {
            BucketRow read = d.bucket().rows().stream().filter(r -> r.bucket().equals(Bucket.CACHE_READ.label()))
                    .findFirst().orElse(null);
            if (read != null) {
                out.add("Cache economics: cache reads are " + read.tokenSharePct() + "% of tokens and "
                        + (read.costSharePct() == null ? "--" : read.costSharePct() + "%") + " of cost"
                        + (read.tokenSharePct() != null && read.tokenSharePct().compareTo(BigDecimal.valueOf(50)) > 0
                                ? ": the workload lives on its cache, so prompt-cache breaks (long pauses, edited "
                                        + "prefixes) are what would move the bill."
                                : ": caching carries little of this workload; stable prompt prefixes would let more "
                                        + "of the input be read from cache.")
                        + (d.cache().savedNanos() == null ? "" : " " + cache(d)));
            }
        }
        if (d.breakeven() != null && d.breakeven().fromLane() != null && d.breakeven().toLane() != null) {
            var b = d.breakeven();
            out.add("Routing calibration: " + (b.totalSavingsNanos() == null
                    ? "the " + b.fromLane() + "→" + b.toLane() + " breakeven has not enough data to move routing ("
                            + b.note() + ")."
                    : "routing " + b.fromLane() + "'s smaller tasks to " + b.toLane() + " would have saved "
                            + Money.display(b.totalSavingsNanos()) + " on " + b.rows().size() + " task(s)"
                            + (b.crossingLoc() == null ? "." : "; the lanes cost the same at " + b.crossingLoc() + " LOC.")));
        }
        if (d.stage() != null && d.stage().total().sums().costNanos() > 0) {
            long execute = d.stage().rows().stream().filter(r -> r.stage().equals("execute"))
                    .mapToLong(r -> r.sums().costNanos()).sum();
            StageRow total = d.stage().total();
            if (execute > 0) {
                out.add("Orchestration overhead: stages other than execute take "
                        + Num.pct(total.sums().costNanos() - execute, total.sums().costNanos()) + "% of cost ("
                        + Money.display(total.sums().costNanos() - execute) + ").");
            }
        }
        if (d.coverage() != null && (d.coverage().lowerBound() > 0 || !d.coverage().unpricedModels().isEmpty())) {
            var c = d.coverage();
            out.add("Completeness: " + Format.count(c.lowerBound()) + " lower-bound record(s)"
                    + (c.unpricedModels().isEmpty() ? "" : " and unpriced model(s) " + String.join(", ",
                            c.unpricedModels().keySet()))
                    + " keep these figures a floor; import the sessions' transcripts (or re-run the backfill) to "
                    + "reconcile them.");
        }
        return out.size() > 4 ? out.subList(0, 4) : out;
    }
}
