package dev.tokenomics.report;

import dev.tokenomics.ledger.DayDetail;
import dev.tokenomics.ledger.DayRollups;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Rollup;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One compact row per day: the rollup a snapshot stores, the object --emit-day-json prints, and
 * the row --history renders. Sums are over complete records; n counts them, priced_n the priced
 * ones, and usage_complete_floor says the day also had lower-bound records (left out).
 * Per-LOC figures are directional, not additive across days: a ref's LOC counts on every day
 * its events touch.
 */
public final class DayTotals {
    private DayTotals() {}

    /** The rollups of a ledger's day sums; a day with no records at all gives null. */
    public static DayRollups maker(PriceTable prices, ZoneId zone, Instant now) {
        return (days, detail) -> {
            List<Rollup> out = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                out.add(rollup(prices, zone, now, days.get(i), i, detail));
            }
            return out;
        };
    }

    private static Rollup rollup(PriceTable prices, ZoneId zone, Instant now, LocalDate day, int index,
            DayDetail detail) {
        Sums complete = Sums.ZERO;
        long lowerBound = 0;
        Map<String, Sums> byModel = new TreeMap<>();
        for (DayDetail.Row r : detail.rows()) {
            if (r.day() != index) {
                continue;
            }
            if (!r.complete()) {
                lowerBound += r.records();
                continue;
            }
            Sums s = new Sums(r.records(), r.inputTokens(), r.outputTokens(), r.cacheWrite5mTokens(),
                    r.cacheWrite1hTokens(), r.cacheReadTokens(), r.costNanos(), r.unpricedRecords());
            complete = complete.plus(s);
            byModel.merge(r.model() == null ? "" : r.model(), s, Sums::plus);
        }
        if (complete.records() == 0 && lowerBound == 0) {
            return null;
        }
        Map<Bucket, Long> cost = new EnumMap<>(Bucket.class);
        byModel.forEach((model, s) -> BucketCosts.split(prices, model.isEmpty() ? null : model, s)
                .forEach((b, n) -> cost.merge(b, n, Long::sum)));
        return new Rollup(day, zone.getId(), complete.records(), lowerBound, complete.priced(),
                complete.inputTokens(), complete.outputTokens(), complete.cacheWrite5mTokens(),
                complete.cacheWrite1hTokens(), complete.cacheReadTokens(), cost.getOrDefault(Bucket.INPUT, 0L),
                cost.getOrDefault(Bucket.OUTPUT, 0L), cost.getOrDefault(Bucket.CACHE_WRITE_5M, 0L),
                cost.getOrDefault(Bucket.CACHE_WRITE_1H, 0L), cost.getOrDefault(Bucket.CACHE_READ, 0L),
                complete.costNanos(), detail.locByDay().get(index), now);
    }

    /** The day object: {date, n, tokens{..}, per_n{..}, active_loc, per_loc, priced_n, cost{..}, ...}. */
    public static ReportResults.DayObject day(Rollup r) {
        long n = r.records();
        Long loc = r.activeLoc() == null || r.activeLoc() == 0 ? null : r.activeLoc();
        long cacheCreation = r.cacheWrite5mTokens() + r.cacheWrite1hTokens();
        long total = r.tokens();
        return new ReportResults.DayObject(r.day().toString(), n,
                new ReportResults.TokenBuckets(r.inputTokens(), r.outputTokens(), cacheCreation, r.cacheReadTokens(),
                        total),
                per(r, cacheCreation, n), r.activeLoc(), loc == null ? null : per(r, cacheCreation, loc),
                r.pricedRecords(),
                new ReportResults.CostBuckets(Money.usd(r.inputCostNanos()), Money.usd(r.outputCostNanos()),
                        Money.usd(r.cacheWrite5mCostNanos() + r.cacheWrite1hCostNanos()),
                        Money.usd(r.cacheReadCostNanos()), Money.usd(r.costNanos())),
                usd(Num.nanosPer(r.costNanos(), n)), loc == null ? null : usd(Num.nanosPer(r.costNanos(), loc)),
                r.usageCompleteFloor());
    }

    private static ReportResults.PerBuckets per(Rollup r, long cacheCreation, long divisor) {
        return new ReportResults.PerBuckets(Num.per(r.inputTokens(), divisor), Num.per(r.outputTokens(), divisor),
                Num.per(cacheCreation, divisor), Num.per(r.cacheReadTokens(), divisor), Num.per(r.tokens(), divisor));
    }

    private static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.usd(nanos);
    }

    /** The history table, from rollups alone. */
    public static String historyText(String title, List<Rollup> days, List<String> otherZones) {
        StringBuilder out = new StringBuilder(title).append('\n');
        if (days.isEmpty()) {
            out.append("No daily rollups stored for this window and timezone: run `tokenomics snapshot` first")
                    .append(otherZones.isEmpty() ? "." : "; rollups exist for: " + String.join(", ", otherZones) + ".")
                    .append('\n');
        }
        TextTable t = TextTable.of("day", "records", "tokens", "cost", "$/N", "LOC", "$/LOC", "lower bound");
        long records = 0;
        long tokens = 0;
        long cost = 0;
        for (Rollup r : days) {
            Long loc = r.activeLoc() == null || r.activeLoc() == 0 ? null : r.activeLoc();
            t.row(r.day(), Format.count(r.records()), Format.count(r.tokens()), Money.display(r.costNanos()),
                    ReportTables.money(Num.nanosPer(r.costNanos(), r.records())),
                    r.activeLoc() == null ? "--" : Format.count(r.activeLoc()),
                    ReportTables.money(loc == null ? null : Num.nanosPer(r.costNanos(), loc)),
                    r.usageCompleteFloor() ? r.lowerBoundRecords() + " excluded" : "");
            records += r.records();
            tokens += r.tokens();
            cost += r.costNanos();
        }
        t.row("total", Format.count(records), Format.count(tokens), Money.display(cost),
                ReportTables.money(Num.nanosPer(cost, records)), "", "", "");
        return out.append(t.render()).toString();
    }
}
