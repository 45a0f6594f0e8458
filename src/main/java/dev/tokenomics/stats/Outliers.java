package dev.tokenomics.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one outlier rule of the product, used by the report's day trend, the dashboard's days and
 * cost insights alike: the modified z-score of Iglewicz and Hoaglin (1993),
 * M = 0.6745 * (x - median) / MAD, an outlier when |M| > 3.5 (NIST/SEMATECH e-Handbook of
 * Statistical Methods, 1.3.5.17). 0.6745 is the 0.75 quantile of the standard normal: it makes the
 * MAD comparable to a standard deviation.
 *
 * <p>When at least half the values equal the median the MAD is 0 and M is undefined. We then fall
 * back, as IBM's documentation of the modified z-score does (Cognos Analytics, "Modified z score"),
 * to the mean absolute deviation from the median: M = (x - median) / (1.253314 * MeanAD), where
 * 1.253314 (sqrt(pi/2)) scales MeanAD to a standard deviation for normal data. If that is 0 too,
 * every value equals the median and nothing is flagged. Fewer than 3 values carry no notion of
 * typical: nothing is flagged.
 */
public final class Outliers {
    /** Iglewicz and Hoaglin's recommended cut for |M|. */
    public static final double DEFAULT_THRESHOLD = 3.5;
    public static final int MIN_VALUES = 3;
    /** The rule in one line, for answers that state how outliers were found. */
    public static final String RULE = "modified z-score 0.6745*(x-median)/MAD (1.253314*MeanAD in place of MAD "
            + "when MAD is 0; nothing flagged under 3 values or when all are equal), |z| > 3.5";
    static final double MAD_FACTOR = 0.6745;
    static final double MEAN_AD_FACTOR = 1.253314;

    private Outliers() {}

    /** How the scores were computed. */
    public enum Method {
        /** 0.6745 (x - median) / MAD. */
        MAD,
        /** MAD was 0: (x - median) / (1.253314 MeanAD). */
        MEAN_AD,
        /** Nothing scored: fewer than 3 values, or all equal. */
        NONE
    }

    /**
     * Scores in the order of the input.
     *
     * @param spread the MAD, or the MeanAD when {@code method} is MEAN_AD; 0 when NONE
     * @param threshold |z| above this is an outlier
     */
    public record Scores(Method method, double median, double spread, double threshold, double[] z, String note) {
        public Scores {
            z = z.clone();
        }

        @Override
        public double[] z() {
            return z.clone();
        }

        public int size() {
            return z.length;
        }

        /** The score of value {@code i}; NaN when nothing was scored. */
        public double z(int i) {
            return method == Method.NONE ? Double.NaN : z[i];
        }

        public boolean outlier(int i) {
            return method != Method.NONE && Math.abs(z[i]) > threshold;
        }

        public int outlierCount() {
            int n = 0;
            for (int i = 0; i < z.length; i++) {
                n += outlier(i) ? 1 : 0;
            }
            return n;
        }
    }

    /** Checks a threshold given by a person or an agent; the message names {@code field} and the value. */
    public static double threshold(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive number (the |modified z| cut, default 3.5), got "
                    + format(value));
        }
        return value;
    }

    public static Scores score(double[] values) {
        return score(values, DEFAULT_THRESHOLD);
    }

    public static Scores score(double[] values, double threshold) {
        threshold("threshold", threshold);
        int n = values.length;
        double[] z = new double[n];
        String cut = "|z| > " + format(threshold);
        if (n < MIN_VALUES) {
            return new Scores(Method.NONE, n == 0 ? 0 : median(values), 0, threshold, z,
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
            return new Scores(Method.MAD, med, mad, threshold, z,
                    "modified z-score 0.6745*(x-median)/MAD, flagged when " + cut);
        }
        double meanAd = sum / n;
        if (meanAd > 0) {
            for (int i = 0; i < n; i++) {
                z[i] = (values[i] - med) / (MEAN_AD_FACTOR * meanAd);
            }
            return new Scores(Method.MEAN_AD, med, meanAd, threshold, z, "MAD is 0 (over half the values equal the "
                    + "median): z = (x-median)/(1.253314*MeanAD), flagged when " + cut);
        }
        return new Scores(Method.NONE, med, 0, threshold, z, "all " + n + " values are equal: nothing flagged");
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

    /** 3.5, 2, 0.25: the shortest plain form. */
    static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.format(Locale.ROOT, "%.0f", v)
                : Double.toString(v);
    }
}
