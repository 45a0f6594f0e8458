package dev.tokenomics.text;

import java.util.Locale;

/** Numbers for people: 1,234,567 tokens in tables, 1.2M in headlines. */
public final class Format {
    private Format() {}

    /** As {@code String.format(Locale.ROOT, "%,d", n)}, without the Formatter (every record call prints three). */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + (len - 1) / 3);
        out.append(digits, 0, sign);
        for (int i = 0; i < len; i++) {
            if (i > 0 && (len - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(sign + i));
        }
        return out.toString();
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
