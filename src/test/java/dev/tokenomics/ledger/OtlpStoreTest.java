package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OTLP counting rules at the ledger: cumulative series, retries, and interval sums priced per part. */
class OtlpStoreTest {
    /** A model with a long-context tier, so a sum priced whole past 200k would cost more. */
    static final String MODEL = "claude-sonnet-4-5-20250929";

    @TempDir
    Path dir;

    TokenLedger ledger;

    @BeforeEach
    void open() {
        ledger = LedgerTestSupport.open(dir);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    static OtlpBatch.MetricPoint point(String series, boolean cumulative, long start, long time, long value,
            OtlpBatch.TokenType type, String session) {
        EventInput at = new EventInput("otlp:metric:pending", LedgerTestSupport.NOW, null, null, null, session, null,
                null, null, null, MODEL, null, null, null, null, null, null, new Usage(0, 0, 0, 0, 0), null, true,
                Sources.OTLP, "ok", null);
        return new OtlpBatch.MetricPoint(series, cumulative, start, time, value, type, at);
    }

    OtlpBatch.Outcome send(OtlpBatch.MetricPoint... points) {
        return ledger.imports().importOtlp(new OtlpBatch(List.of(), List.of(points)));
    }

    static long nanos(ModelPrice price, Usage u) {
        return Costs.toNanos(Costs.cost(price, u));
    }

    Totals totals() {
        return ledger.events().summarize(Scope.ALL, null, null, null).totals();
    }

    @Test
    void cumulativeSeriesCountOnlyWhatEachNewerPointAdds() {
        OtlpBatch.TokenType in = OtlpBatch.TokenType.INPUT;
        assertEquals(1, send(point("a", true, 100, 200, 1_000, in, "s")).added()); // new series: all of it
        assertEquals(1, send(point("a", true, 100, 300, 1_600, in, "s")).added()); // +600
        assertEquals(1, send(point("a", true, 100, 300, 1_600, in, "s")).duplicates()); // the same point again
        assertEquals(1, send(point("a", true, 100, 250, 1_300, in, "s")).duplicates()); // an older one, late
        assertEquals(0, send(point("a", true, 100, 400, 1_600, in, "s")).added()); // nothing new: no event
        assertEquals(1, send(point("a", true, 100, 500, 200, in, "s")).added()); // fell: a reset, +200
        assertEquals(1, send(point("a", true, 600, 700, 50, in, "s")).added()); // a new start: +50
        assertEquals(1, send(point("a", true, 100, 800, 9_999, in, "s")).duplicates()); // the old start, late
        assertEquals(1_000 + 600 + 200 + 50, totals().inputTokens());
        assertEquals(4, totals().events());
    }

    @Test
    void anIntervalSumIsStoredInPartsOfAtMostTheLongContextThresholdAndPricedAtBaseRates() {
        send(point("b", false, 100, 200, 450_000, OtlpBatch.TokenType.CACHE_READ, "s"),
                point("c", false, 100, 200, 300_000, OtlpBatch.TokenType.OUTPUT, "s"));
        Totals t = totals();
        assertEquals(450_000, t.cacheReadTokens());
        assertEquals(300_000, t.outputTokens());
        assertEquals(3 + 1, t.events()); // 200k + 200k + 50k of cache reads; output is no prompt, one event
        ModelPrice price = ledger.prices().lookup(MODEL).orElseThrow();
        assertTrue(price.longContextThresholdTokens() > 0, "the model has a long-context tier");
        long parts = 2 * nanos(price, new Usage(0, 0, 0, 0, 200_000)) + nanos(price, new Usage(0, 0, 0, 0, 50_000))
                + nanos(price, new Usage(0, 300_000, 0, 0, 0));
        assertEquals(parts, t.costNanos());
        assertTrue(parts < nanos(price, new Usage(0, 0, 0, 0, 450_000)) + nanos(price, new Usage(0, 300_000, 0, 0, 0)),
                "priced whole, the 450k of cache reads would have passed the threshold");
        assertEquals(1, send(point("b", false, 100, 200, 450_000, OtlpBatch.TokenType.CACHE_READ, "s"))
                .duplicates()); // a retry of the split point adds none of its parts
        assertEquals(450_000, totals().cacheReadTokens());
    }
}
