package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportRows.DimRow;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Rates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the prompt cache did for the window, an estimate from the data: the hit rate (cache reads
 * over all input-side tokens) and what the same tokens would have cost read as plain input, at each
 * model's list rates, against what they cost with the cache (reads at the read rate, writes at the
 * write premium). Net saved can be negative: writes that were never read back cost more than they
 * saved. Models the table cannot price are left out and named.
 *
 * @param hitRatePct  cache_read / (input + cache writes + cache_read) over complete records; null with none
 * @param savedNanos  the net saving (plain-input cost minus cached cost); null when no model is priced
 */
record CacheEconomics(BigDecimal hitRatePct, Long savedNanos, Long withoutCacheNanos, List<String> unpricedModels) {
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    static CacheEconomics of(List<DimRow> complete, PriceTable prices) {
        Map<String, Sums> byModel = new TreeMap<>();
        long inputSide = 0;
        long reads = 0;
        for (DimRow r : complete) {
            byModel.merge(r.model() == null ? "" : r.model(), TokenomicsReport.sums(r), Sums::plus);
            inputSide += r.inputTokens() + r.cacheWrite5mTokens() + r.cacheWrite1hTokens() + r.cacheReadTokens();
            reads += r.cacheReadTokens();
        }
        BigDecimal saved = null;
        BigDecimal without = null;
        List<String> unpriced = new ArrayList<>();
        for (Map.Entry<String, Sums> e : byModel.entrySet()) {
            Sums s = e.getValue();
            long cacheTokens = s.cacheWrite5mTokens() + s.cacheWrite1hTokens() + s.cacheReadTokens();
            if (cacheTokens == 0) {
                continue;
            }
            Optional<Rates> rates = e.getKey().isEmpty() ? Optional.empty()
                    : prices.lookup(e.getKey()).map(ModelPrice::base);
            if (rates.isEmpty()) {
                unpriced.add(e.getKey().isEmpty() ? TokenomicsReport.label(null) : e.getKey());
                continue;
            }
            Rates r = rates.get();
            BigDecimal plain = BigDecimal.valueOf(cacheTokens).multiply(r.input());
            BigDecimal cached = BigDecimal.valueOf(s.cacheWrite5mTokens()).multiply(r.cacheWrite5m())
                    .add(BigDecimal.valueOf(s.cacheWrite1hTokens()).multiply(r.cacheWrite1h()))
                    .add(BigDecimal.valueOf(s.cacheReadTokens()).multiply(r.cacheRead()));
            saved = (saved == null ? BigDecimal.ZERO : saved).add(plain.subtract(cached));
            without = (without == null ? BigDecimal.ZERO : without).add(plain);
        }
        return new CacheEconomics(Num.pct(reads, inputSide), nanos(saved), nanos(without), unpriced);
    }

    private static Long nanos(BigDecimal usd) {
        return usd == null ? null : usd.multiply(NANOS).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
