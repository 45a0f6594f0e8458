package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The stretch of time a burn rate is measured over, ending now: seed 004's {@code --window 7d}
 * (cost-projection), also {@code 30d} or {@code 24h}. Whole hours from 1h to 366 days; the burn
 * rate is the spend inside it divided by its length in days.
 */
public record BurnWindow(Duration length) {
    public static final Duration MAX = Duration.ofDays(366);
    static final BigDecimal DAY_MS = BigDecimal.valueOf(Duration.ofDays(1).toMillis());
    /** After MAX: the constructor reads it. */
    public static final BurnWindow DEFAULT = new BurnWindow(Duration.ofDays(7));

    public BurnWindow {
        if (length == null || length.compareTo(Duration.ofHours(1)) < 0 || length.compareTo(MAX) > 0
                || !length.equals(Duration.ofHours(length.toHours()))) {
            throw new IllegalArgumentException("window must be whole hours from 1h to 366d, got "
                    + (length == null ? "nothing" : length.toString()));
        }
    }

    /**
     * "7d", "30d", "24h", or a bare number of days ("7"). The message names {@code field} and what
     * came, so `--window 7x` and a tool's {@code window: "7x"} each say which argument was wrong.
     */
    public static BurnWindow parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String v = text.strip().toLowerCase(java.util.Locale.ROOT);
        char unit = v.charAt(v.length() - 1);
        String digits = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
        long n;
        try {
            n = digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() && digits.length() <= 6
                    ? Long.parseLong(digits) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || (unit != 'd' && unit != 'h' && !Character.isDigit(unit))) {
            throw new IllegalArgumentException(field + " must be a length such as 7d, 30d or 24h (days, or hours "
                    + "with h), got " + Texts.quote(text));
        }
        Duration length = unit == 'h' ? Duration.ofHours(n) : Duration.ofDays(n);
        if (length.compareTo(Duration.ofHours(1)) < 0 || length.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(field + " must be from 1h to 366d, got " + Texts.quote(text));
        }
        return new BurnWindow(length);
    }

    public static BurnWindow ofDays(long days) {
        return new BurnWindow(Duration.ofDays(days));
    }

    /** "7d" for whole days, else "36h". */
    public String text() {
        return text(length);
    }

    private static String text(Duration d) {
        return d.toHours() % 24 == 0 && d.toHours() > 0 ? d.toDays() + "d" : d.toHours() + "h";
    }

    /** The length in days, up to two places: 7, 1, 0.5. */
    public BigDecimal days() {
        BigDecimal d = BigDecimal.valueOf(length.toMillis()).divide(DAY_MS, 2, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** "7 days", "1 day", "36 hours": for sentences. */
    public String words() {
        long h = length.toHours();
        if (h % 24 == 0) {
            return h == 24 ? "day" : h / 24 + " days";
        }
        return h == 1 ? "hour" : h + " hours";
    }

    /**
     * The first millisecond of the window ending at {@code now}: the window is (now - length, now],
     * now included (an event stamped the moment of the check counts), and exactly {@code length}
     * long, so the rate divides by what was measured. As a half-open span: [start(now), end(now)).
     */
    public Instant start(Instant now) {
        return now.minus(length).plusMillis(1);
    }

    /** Just past now: see {@link #start}. */
    public Instant end(Instant now) {
        return now.plusMillis(1);
    }
}
