package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void modifiedZScoreFlagsOnlyTheFarValue() {
        // median 12; |x - 12| = 2,1,0,0,1,2,23 -> MAD 1; z(35) = 0.6745 * 23 = 15.5135, z(14) = 1.349.
        Stats.Scores s = Stats.modifiedZ(new double[] {10, 11, 12, 12, 13, 14, 35});
        assertEquals(Stats.Method.MAD, s.method());
        assertEquals(12, s.median());
        assertEquals(1, s.spread());
        assertEquals(15.5135, s.z()[6], 1e-9);
        assertEquals(1.349, s.z()[5], 1e-9);
        assertTrue(s.outlier(6));
        for (int i = 0; i < 6; i++) {
            assertFalse(s.outlier(i), "index " + i);
        }
    }

    @Test
    void whenMadIsZeroTheMeanAbsoluteDeviationTakesOver() {
        // median 5; deviations 0,0,0,0,4 -> MAD 0; MeanAD = 4/5 = 0.8; z(9) = 4 / (1.253314 * 0.8) = 3.98943.
        Stats.Scores s = Stats.modifiedZ(new double[] {5, 5, 5, 5, 9});
        assertEquals(Stats.Method.MEAN_AD, s.method());
        assertEquals(0.8, s.spread(), 1e-12);
        assertEquals(4 / (1.253314 * 0.8), s.z()[4], 1e-12);
        assertEquals(3.98943, s.z()[4], 1e-5);
        assertTrue(s.outlier(4));
        // 5,5,5,6: MAD 0, MeanAD 0.25, z(6) = 1 / (1.253314 * 0.25) = 3.19154: not past 3.5.
        Stats.Scores t = Stats.modifiedZ(new double[] {5, 5, 5, 6});
        assertEquals(Stats.Method.MEAN_AD, t.method());
        assertEquals(3.19154, t.z()[3], 1e-5);
        assertFalse(t.outlier(3));
    }

    @Test
    void allEqualValuesFlagNothing() {
        Stats.Scores s = Stats.modifiedZ(new double[] {7, 7, 7, 7});
        assertEquals(Stats.Method.NONE, s.method());
        assertFalse(s.outlier(0));
        assertTrue(s.note().contains("all 4 values are equal"), s.note());
    }

    @Test
    void fewerThanThreeValuesFlagNothingAndSaySo() {
        Stats.Scores s = Stats.modifiedZ(new double[] {1, 1_000_000});
        assertEquals(Stats.Method.NONE, s.method());
        assertFalse(s.outlier(1));
        assertTrue(s.note().startsWith("fewer than 3 values (2)"), s.note());
        assertEquals(Stats.Method.NONE, Stats.modifiedZ(new double[0]).method());
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
    }
}
