package dev.tokenomics.report;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The report's statistics, pure: medians and nearest-rank percentiles by selection (linear time,
 * no full sort of a million values), a least-squares line and a sweep line over intervals. Outliers
 * are not here: the report, the dashboard and insights share one rule, {@link dev.tokenomics.stats.Outliers}.
 */
public final class Stats {
    private Stats() {}

    /** The median (mean of the two middle values for an even count); empty for no values. */
    public static OptionalDouble median(long[] values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        long[] a = values.clone();
        int n = a.length;
        long upper = select(a, n / 2);
        if (n % 2 == 1) {
            return OptionalDouble.of(upper);
        }
        // select left every value below index n/2 at or under a[n/2]: the lower middle is their max.
        long lower = a[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, a[i]);
        }
        return OptionalDouble.of(((double) lower + upper) / 2.0);
    }

    /**
     * The nearest-rank percentile: the value at rank ceil(p/100 * n) in ascending order (p90 of
     * ten values is the ninth). Empty for no values.
     */
    public static OptionalDouble percentile(long[] values, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return OptionalDouble.of(select(values.clone(), Math.max(rank, 1) - 1));
    }

    /** y = intercept + slope * x, fitted by least squares over n points. */
    public record Fit(double intercept, double slope, int n) {
        public double at(double x) {
            return intercept + slope * x;
        }
    }

    /** The least-squares line through the points; empty with under two points or one distinct x. */
    public static java.util.Optional<Fit> fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 2) {
            return java.util.Optional.empty();
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) {
            return java.util.Optional.empty();
        }
        double slope = sxy / sxx;
        return java.util.Optional.of(new Fit(my - slope * mx, slope, n));
    }

    /** The x where two lines meet; empty when they are parallel. */
    public static OptionalDouble crossing(Fit a, Fit b) {
        if (a.slope() == b.slope()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((b.intercept() - a.intercept()) / (a.slope() - b.slope()));
    }

    /**
     * The result of a sweep: the most intervals open at once, the first instant that many were
     * open, the number open just after each interval started (itself included), and how long at
     * least one, and the peak number, were open.
     */
    public record Sweep(int peak, long peakAt, int[] levelsAtStarts, long busyMs, long atPeakMs) {}

    /**
     * Sweeps half-open intervals [start, end): one that ends exactly when another starts does not
     * overlap it. {@code starts[i]} pairs with {@code ends[i]}; neither array is changed.
     */
    public static Sweep sweep(long[] starts, long[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("starts and ends differ in length: " + starts.length + " vs "
                    + ends.length);
        }
        long[] s = starts.clone();
        long[] e = ends.clone();
        Arrays.sort(s);
        Arrays.sort(e);
        int[] levels = new int[s.length];
        int open = 0;
        int peak = 0;
        long peakAt = 0;
        int j = 0;
        for (int i = 0; i < s.length; i++) {
            while (j < e.length && e[j] <= s[i]) {
                open--;
                j++;
            }
            open++;
            levels[i] = open;
            if (open > peak) {
                peak = open;
                peakAt = s[i];
            }
        }
        long[] time = timeAt(s, e, peak);
        return new Sweep(peak, peakAt, levels, time[0], time[1]);
    }

    /** {busy ms, ms at the peak} over sorted starts and ends, half-open as the sweep counts them. */
    private static long[] timeAt(long[] s, long[] e, int peak) {
        long busy = 0;
        long atPeak = 0;
        int open = 0;
        long last = 0;
        int i = 0;
        int j = 0;
        while (j < e.length) {
            boolean start = i < s.length && s[i] < e[j]; // an end at t closes before a start at t opens
            long t = start ? s[i] : e[j];
            if (open > 0) {
                busy += t - last;
                atPeak += open == peak ? t - last : 0;
            }
            if (start) {
                open++;
                i++;
            } else {
                open--;
                j++;
            }
            last = t;
        }
        return new long[] {busy, atPeak};
    }

    /** The nearest-rank percentile of ints (see {@link #percentile(long[], double)}). */
    public static OptionalDouble percentile(int[] values, double p) {
        long[] a = new long[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = values[i];
        }
        return percentile(a, p);
    }

    /**
     * Rearranges {@code a} so a[k] holds the k-th smallest value, everything before it is <= it and
     * everything after >= it (Hoare's quickselect, median-of-three pivot); returns a[k].
     */
    static long select(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            long pivot = medianOf3(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static long medianOf3(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
