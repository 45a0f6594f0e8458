package dev.tokenomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutliersTest {
    @Test
    void modifiedZScoreFlagsOnlyTheFarValue() {
        // median 12; |x - 12| = 2,1,0,0,1,2,23 -> MAD 1; z(35) = 0.6745 * 23 = 15.5135, z(14) = 1.349.
        Outliers.Scores s = Outliers.score(new double[] {10, 11, 12, 12, 13, 14, 35});
        assertEquals(Outliers.Method.MAD, s.method());
        assertEquals(12, s.median());
        assertEquals(1, s.spread());
        assertEquals(15.5135, s.z(6), 1e-9);
        assertEquals(1.349, s.z(5), 1e-9);
        assertTrue(s.outlier(6));
        for (int i = 0; i < 6; i++) {
            assertFalse(s.outlier(i), "index " + i);
        }
        assertEquals(1, s.outlierCount());
    }

    @Test
    void whenMadIsZeroTheMeanAbsoluteDeviationTakesOver() {
        // median 5; deviations 0,0,0,0,4 -> MAD 0; MeanAD = 4/5 = 0.8; z(9) = 4 / (1.253314 * 0.8) = 3.98943.
        Outliers.Scores s = Outliers.score(new double[] {5, 5, 5, 5, 9});
        assertEquals(Outliers.Method.MEAN_AD, s.method());
        assertEquals(0.8, s.spread(), 1e-12);
        assertEquals(4 / (1.253314 * 0.8), s.z(4), 1e-12);
        assertEquals(3.98943, s.z(4), 1e-5);
        assertTrue(s.outlier(4));
        assertEquals(0, s.z(0), 1e-12, "a value at the median scores 0, not NaN");
        // 5,5,5,6: MAD 0, MeanAD 0.25, z(6) = 1 / (1.253314 * 0.25) = 3.19154: not past 3.5.
        Outliers.Scores t = Outliers.score(new double[] {5, 5, 5, 6});
        assertEquals(Outliers.Method.MEAN_AD, t.method());
        assertEquals(3.19154, t.z(3), 1e-5);
        assertFalse(t.outlier(3));
    }

    @Test
    void aDaySpikeAmongEmptyDaysIsFlaggedThroughTheFallback() {
        // Six days at 0 and one at 25.2 (the shape of a new ledger): MAD 0, MeanAD 3.6, z = 5.585.
        Outliers.Scores s = Outliers.score(new double[] {0, 0, 0, 25.2, 0, 0, 0});
        assertEquals(Outliers.Method.MEAN_AD, s.method());
        assertEquals(5.585, s.z(3), 1e-3);
        assertTrue(s.outlier(3));
        assertEquals(1, s.outlierCount());
    }

    @Test
    void allEqualValuesFlagNothing() {
        Outliers.Scores s = Outliers.score(new double[] {7, 7, 7, 7});
        assertEquals(Outliers.Method.NONE, s.method());
        assertFalse(s.outlier(0));
        assertTrue(Double.isNaN(s.z(0)), "no score on a spread of zero");
        assertTrue(s.note().contains("all 4 values are equal"), s.note());
    }

    @Test
    void fewerThanThreeValuesFlagNothingAndSaySo() {
        Outliers.Scores s = Outliers.score(new double[] {1, 1_000_000});
        assertEquals(Outliers.Method.NONE, s.method());
        assertFalse(s.outlier(1));
        assertTrue(s.note().startsWith("fewer than 3 values (2)"), s.note());
        assertEquals(Outliers.Method.NONE, Outliers.score(new double[0]).method());
    }

    @Test
    void theThresholdMovesTheCut() {
        double[] v = {5, 5, 5, 6}; // z(6) = 3.19
        assertFalse(Outliers.score(v).outlier(3));
        Outliers.Scores lower = Outliers.score(v, 3);
        assertTrue(lower.outlier(3));
        assertTrue(lower.note().endsWith("|z| > 3"), lower.note());
        assertFalse(Outliers.score(v, 3.2).outlier(3));
    }

    @Test
    void aThresholdThatIsNotPositiveIsRefusedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Outliers.score(new double[] {1, 2, 3}, 0));
        assertTrue(e.getMessage().contains("threshold must be a positive number") && e.getMessage().endsWith("got 0"),
                e.getMessage());
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
                () -> Outliers.threshold("--threshold", -2.5));
        assertTrue(named.getMessage().startsWith("--threshold must be") && named.getMessage().endsWith("got -2.5"),
                named.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Outliers.threshold("threshold", Double.NaN));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Outliers.median(new double[] {4, 1, 3, 2}));
    }
}
