package dev.tokenomics.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Cost arithmetic on hand-built prices, independent of the bundled table. */
class CostsTest {
    static Rates rates(String in, String out, String w5, String w1, String read) {
        return new Rates(new BigDecimal(in), new BigDecimal(out), new BigDecimal(w5), new BigDecimal(w1),
                new BigDecimal(read));
    }

    // $1 / $2 / $3 / $4 / $0.5 per MTok; long-context tier above 1,000 prompt tokens at 10x.
    final ModelPrice tiered = new ModelPrice("test-model",
            rates("0.000001", "0.000002", "0.000003", "0.000004", "0.0000005"), 1_000,
            rates("0.00001", "0.00002", "0.00003", "0.00004", "0.000005"));

    static void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual.toPlainString());
    }

    @Test
    void eachBucketIsBilledAtItsOwnRate() {
        // 100 x 1e-6 + 10 x 2e-6 + 200 x 3e-6 + 300 x 4e-6 + 400 x 0.5e-6
        // = 0.0001 + 0.00002 + 0.0006 + 0.0012 + 0.0002
        assertUsd("0.00212", Costs.cost(tiered, new Usage(100, 10, 200, 300, 400)));
    }

    @Test
    void promptOfExactlyTheThresholdStaysAtBaseRates() {
        // prompt 1,000 = threshold (not above): 500 x 1e-6 + 500 x 0.5e-6 + 1,000,000 out x 2e-6
        assertUsd("2.00075", Costs.cost(tiered, new Usage(500, 1_000_000, 0, 0, 500)));
    }

    @Test
    void promptOneTokenAboveTheThresholdRepricesEveryBucket() {
        // prompt 1,001: 501 x 1e-5 + 500 x 0.5e-5 + 1,000,000 out x 2e-5 = 0.00501 + 0.0025 + 20
        assertUsd("20.00751", Costs.cost(tiered, new Usage(501, 1_000_000, 0, 0, 500)));
    }

    @Test
    void outputTokensDoNotCountTowardTheThreshold() {
        // prompt 10, output 5,000: base rates. 10 x 1e-6 + 5,000 x 2e-6 = 0.00001 + 0.01
        assertUsd("0.01001", Costs.cost(tiered, new Usage(10, 5_000, 0, 0, 0)));
    }

    @Test
    void zeroThresholdMeansNoLongContextTier() {
        ModelPrice flat = new ModelPrice("flat", tiered.base(), 0, null);
        // 2,000,000 in x 1e-6 = 2
        assertUsd("2", Costs.cost(flat, new Usage(2_000_000, 0, 0, 0, 0)));
    }

    @Test
    void nanosRoundHalfEven() {
        assertEquals(0, Costs.toNanos(new BigDecimal("0.0000000005")));
        assertEquals(2, Costs.toNanos(new BigDecimal("0.0000000015")));
        assertEquals(2, Costs.toNanos(new BigDecimal("0.0000000025")));
        assertEquals(3, Costs.toNanos(new BigDecimal("0.00000000250000001")));
        assertEquals(-2, Costs.toNanos(new BigDecimal("-0.0000000015")));
        assertEquals(1_234_567_890L, Costs.toNanos(new BigDecimal("1.23456789")));
        assertEquals(4_500_000_000L, Costs.toNanos(new BigDecimal("4.5")));
    }

    @Test
    void nanosBeyondALongThrowArithmeticException() {
        assertEquals(Long.MAX_VALUE, Costs.toNanos(new BigDecimal("9223372036.854775807")));
        assertThrows(ArithmeticException.class, () -> Costs.toNanos(new BigDecimal("9223372036.854775808")));
        assertThrows(ArithmeticException.class, () -> Costs.toNanos(new BigDecimal("1E+30")));
    }

    @Test
    void fromNanosIsExactAtScaleNine() {
        assertEquals(new BigDecimal("0.000000007"), Costs.fromNanos(7));
        assertEquals("1.500000000", Costs.fromNanos(1_500_000_000L).toPlainString());
        assertEquals(9, Costs.fromNanos(0).scale());
        assertEquals(Long.MIN_VALUE, Costs.toNanos(Costs.fromNanos(Long.MIN_VALUE)));
    }

    @Test
    void pricesRejectNegativeRatesAndThresholdsWithoutTiers() {
        assertEquals("cache_read rate must be >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> rates("0", "0", "0", "0", "-0.1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelPrice("m", tiered.base(), 200_000, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelPrice("m", tiered.base(), -1, null));
    }
}
