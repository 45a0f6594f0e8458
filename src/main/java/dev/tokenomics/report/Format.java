package dev.tokenomics.report;

import java.util.Locale;

/** Numbers for people: 1,234,567 tokens in tables, 1.2M in headlines. */
public final class Format {
    private Format() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String compact(long n) {
        long a = Math.abs(n);
        if (a < 1_000) {
            return Long.toString(n);
        }
        if (a < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fK", n / 1_000.0);
        }
        if (a < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.1fB", n / 1_000_000_000.0);
    }
}
