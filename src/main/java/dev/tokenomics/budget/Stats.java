package dev.tokenomics.budget;

import java.util.Arrays;

/**
 * Robust outlier scores: the modified z-score of Iglewicz and Hoaglin (1993),
 * M = 0.6745 * (x - median) / MAD, an outlier when |M| > 3.5.
 *
 * <p>When at least half the values equal the median the MAD is 0 and M is undefined. We then fall
 * back, as IBM's documentation of the modified z-score does (Cognos Analytics, "Modified z score"),
 * to the mean absolute deviation from the median: M = (x - median) / (1.253314 * MeanAD), where
 * 1.253314 (sqrt(pi/2)) scales MeanAD to a standard deviation for normal data. If that is 0 too,
 * every value equals the median and nothing is flagged. Fewer than 3 values carry
 * no notion of typical: nothing is flagged.
 */
public final class Stats {
    public static final double THRESHOLD = 3.5;
    static final double MAD_FACTOR = 0.6745;
    static final double MEAN_AD_FACTOR = 1.253314;
    public static final int MIN_VALUES = 3;

    private Stats() {}

    /** How the scores were computed. */
    public enum Method {
        /** 0.6745 (x - median) / MAD. */
        MAD,
        /** MAD was 0: (x - median) / (1.253314 MeanAD). */
        MEAN_AD,
        /** Nothing scored: fewer than 3 values, or all equal. */
        NONE
    }

    /** Scores in the order of the input; all zero when {@code method} is NONE. */
    public record Scores(Method method, double median, double spread, double[] z, String note) {
        public boolean outlier(int i) {
            return method != Method.NONE && Math.abs(z[i]) > THRESHOLD;
        }
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static Scores modifiedZ(double[] values) {
        int n = values.length;
        double[] z = new double[n];
        if (n < MIN_VALUES) {
            return new Scores(Method.NONE, n == 0 ? 0 : median(values), 0, z,
                    "fewer than " + MIN_VALUES + " values (" + n + "): nothing to compare against, nothing flagged");
        }
        double med = median(values);
        double[] dev = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(values[i] - med);
            sum += dev[i];
        }
        double mad = median(dev);
        if (mad > 0) {
            for (int i = 0; i < n; i++) {
                z[i] = MAD_FACTOR * (values[i] - med) / mad;
            }
            return new Scores(Method.MAD, med, mad, z, "modified z-score 0.6745*(x-median)/MAD, flagged when |z| > 3.5");
        }
        double meanAd = sum / n;
        if (meanAd > 0) {
            for (int i = 0; i < n; i++) {
                z[i] = (values[i] - med) / (MEAN_AD_FACTOR * meanAd);
            }
            return new Scores(Method.MEAN_AD, med, meanAd, z, "MAD is 0 (over half the values equal the median): "
                    + "z = (x-median)/(1.253314*MeanAD), flagged when |z| > 3.5");
        }
        return new Scores(Method.NONE, med, 0, z, "all " + n + " values are equal: nothing flagged");
    }
}
