package dev.tokenomics.report;

import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Rates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a model's stored cost across the five buckets. The ledger keeps one cost per event
 * (repriced whenever the table in use changes), so a bucket's share is its tokens times the model's current list rate
 * (base tier), scaled so the buckets add up exactly to the stored cost. With one price version
 * and no long-context events this is each bucket's exact cost; a model the table no longer knows
 * is split by tokens.
 */
final class BucketCosts {
    private BucketCosts() {}

    static Map<Bucket, Long> split(PriceTable prices, String model, Sums s) {
        Map<Bucket, Long> out = new EnumMap<>(Bucket.class);
        for (Bucket b : Bucket.values()) {
            out.put(b, 0L);
        }
        if (s.costNanos() == 0) {
            return out;
        }
        Map<Bucket, BigDecimal> weight = new EnumMap<>(Bucket.class);
        Optional<Rates> rates = prices.lookup(model).map(ModelPrice::base);
        BigDecimal total = BigDecimal.ZERO;
        for (Bucket b : Bucket.values()) {
            BigDecimal w = BigDecimal.valueOf(s.tokens(b));
            if (rates.isPresent()) {
                w = w.multiply(rate(rates.get(), b));
            }
            weight.put(b, w);
            total = total.add(w);
        }
        if (total.signum() == 0) {
            for (Bucket b : Bucket.values()) {
                weight.put(b, BigDecimal.valueOf(s.tokens(b)));
                total = total.add(weight.get(b));
            }
        }
        if (total.signum() == 0) {
            out.put(Bucket.INPUT, s.costNanos());
            return out;
        }
        long given = 0;
        Bucket largest = Bucket.INPUT;
        for (Bucket b : Bucket.values()) {
            BigInteger share = weight.get(b).multiply(BigDecimal.valueOf(s.costNanos()))
                    .divide(total, 0, java.math.RoundingMode.FLOOR).toBigInteger();
            out.put(b, share.longValueExact());
            given += share.longValueExact();
            if (weight.get(b).compareTo(weight.get(largest)) > 0) {
                largest = b;
            }
        }
        // Flooring leaves a few nanos; the largest bucket takes them so the parts sum to the whole.
        out.put(largest, out.get(largest) + s.costNanos() - given);
        return out;
    }

    private static BigDecimal rate(Rates r, Bucket b) {
        return switch (b) {
            case INPUT -> r.input();
            case OUTPUT -> r.output();
            case CACHE_WRITE_5M -> r.cacheWrite5m();
            case CACHE_WRITE_1H -> r.cacheWrite1h();
            case CACHE_READ -> r.cacheRead();
        };
    }
}
