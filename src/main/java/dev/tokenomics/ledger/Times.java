package dev.tokenomics.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ledger's one time format: UTC ISO-8601 with milliseconds, fixed width so text order is time order. */
public final class Times {
    /**
     * Whether every offset the zone uses (since 2000) is whole hours: then UTC-hour slots, such as
     * the rollups' cells, cut its days exactly. Usage's per-day views and the insights' days use it.
     */
    public static boolean wholeHours(ZoneId zone) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds() % 3600 == 0;
        }
        var rules = zone.getRules();
        if (rules.getOffset(Instant.now()).getTotalSeconds() % 3600 != 0) {
            return false;
        }
        return rules.getTransitions().stream().filter(t -> t.getInstant().isAfter(Instant.parse("2000-01-01T00:00:00Z")))
                .allMatch(t -> t.getOffsetAfter().getTotalSeconds() % 3600 == 0);
    }

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The times the ledger accepts, for every ts, ts_start, ts_end, since, until and date: agent
     * spend before 2000 or after 2100 is a typo (year 10000 once shrank the default report
     * silently), and a bounded range keeps every per-day loop bounded.
     */
    public static final LocalDate MIN_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate MAX_DAY = LocalDate.of(2100, 12, 31);
    /** Exclusive: the first instant after {@link #MAX_DAY} in UTC. */
    public static final Instant MIN = MIN_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant END = MAX_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The longest window (since..until) a report, summary, listing or usage view takes: ten years. */
    public static final int MAX_WINDOW_DAYS = 3_660;

    private Times() {}

    /** Refuses a day outside {@link #MIN_DAY}..{@link #MAX_DAY}, naming the field, the range and the value. */
    public static LocalDate checkDay(String field, LocalDate day) {
        if (day != null && (day.isBefore(MIN_DAY) || day.isAfter(MAX_DAY))) {
            throw new IllegalArgumentException(field + " must be between " + MIN_DAY + " and " + MAX_DAY
                    + ", got " + day);
        }
        return day;
    }

    /** Refuses an instant outside [2000-01-01T00:00Z, 2101-01-01T00:00Z), naming the field, the range and the text. */
    public static Instant checkInstant(String field, Instant at, String text) {
        if (at != null && (at.isBefore(MIN) || !at.isBefore(END))) {
            throw new IllegalArgumentException(field + " must be between " + MIN_DAY + "T00:00:00Z and " + MAX_DAY
                    + "T23:59:59.999Z, got " + quote(text));
        }
        return at;
    }

    /**
     * Refuses a window [since, until) longer than {@link #MAX_WINDOW_DAYS} days; either end null
     * means open on that side, which is not measured (an open summary is one grouped read).
     */
    public static void checkWindow(Instant since, Instant until) {
        if (since != null && until != null) {
            checkWindowDays(java.time.Duration.between(since, until).toDays());
        }
    }

    /** The same for a window of whole days, both inclusive. */
    public static void checkWindow(LocalDate since, LocalDate until) {
        if (since != null && until != null) {
            checkWindowDays(java.time.temporal.ChronoUnit.DAYS.between(since, until) + 1);
        }
    }

    private static void checkWindowDays(long days) {
        if (days > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window since..until must be at most " + MAX_WINDOW_DAYS
                    + " days, got " + days + " days; narrow since or until");
        }
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long second = instant.getEpochSecond();
        if (second < FAST_MIN_SECOND || second >= FAST_END_SECOND) {
            return STORED.format(instant);
        }
        // Every event writes three of these: by hand, as STORED would (SSS truncates to the millisecond).
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(second, 86_400));
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        char[] c = new char[24];
        digits(c, 0, day.getYear(), 4);
        c[4] = '-';
        digits(c, 5, day.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, day.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60, 2);
        c[19] = '.';
        digits(c, 20, instant.getNano() / 1_000_000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    /** The years whose stored form {@link #format} writes by hand (four digits, no sign): 1000 to 9999. */
    private static final long FAST_MIN_SECOND = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
    private static final long FAST_END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The common form of a caller's time, {@code 2026-11-22T10:15:30Z} or with 1 to 9 fraction
     * digits, read by hand (batches carry thousands); null for anything else, which
     * OffsetDateTime.parse then reads or refuses exactly as before. Transcript timestamps are read
     * by it too (transcripts/Timestamps).
     */
    public static Instant parseUtcFast(String t) {
        int n = t.length();
        if (n < 20 || n == 21 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':' || (n > 20 && t.charAt(19) != '.')) {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 7);
        int day = number(t, 8, 10);
        int hour = number(t, 11, 13);
        int minute = number(t, 14, 16);
        int second = number(t, 17, 19);
        int fraction = n > 20 ? number(t, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        for (int i = n - 1; i < 29; i++) {
            fraction *= 10; // 20..n-1 held n-21 digits: scale to nine
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, n > 20 ? fraction : 0);
    }

    /** The decimal number of text[from, to), or -1 when a character is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    public static Instant parseStored(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /**
     * Parses a caller's time: an ISO-8601 instant with a zone ({@code 2026-11-22T10:15:30Z},
     * {@code 2026-11-22T12:15:30+02:00}). A time without a zone is refused: guessing one would file
     * the event under the wrong day.
     */
    public static Instant parseInstant(String field, String text) {
        Instant at = parseUtcFast(text);
        try {
            if (at == null) {
                at = OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 time with a zone, e.g. "
                    + "2026-11-22T10:15:30Z, got " + quote(text));
        }
        return checkInstant(field, at, text);
    }

    /**
     * Parses a window bound: a date ({@code 2026-11-22}, the whole UTC day) or an instant. For
     * {@code since} a date means its first moment; for {@code until}, the first moment of the next
     * day (exclusive), so an until date is inclusive.
     */
    public static Instant parseBound(String field, String text, boolean upper) {
        return parseBound(field, text, upper, ZoneOffset.UTC);
    }

    /**
     * The same with dates cut in {@code zone}: the one window-bound parser of summaries, listings
     * and insights, so every window has the same range.
     */
    public static Instant parseBound(String field, String text, boolean upper, java.time.ZoneId zone) {
        if (text.length() == 10) {
            LocalDate day = parseDay(field, text, " or an ISO-8601 time");
            return (upper ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD or an ISO-8601 time with a zone, got "
                    + quote(text));
        }
        checkInstant(field, at, text);
        // An until instant is inclusive: keep events at exactly that millisecond.
        return upper ? at.plusMillis(1) : at;
    }

    /** Parses a date YYYY-MM-DD inside the accepted range; {@code orElse} completes the format hint. */
    public static LocalDate parseDay(String field, String text, String orElse) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD" + orElse + ", got " + quote(text));
        }
        return checkDay(field, day);
    }

    /** The first instant of {@code day} in {@code zone} (after a DST gap, its first valid instant). */
    public static Instant startOfDay(LocalDate day, java.time.ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The start of each day from {@code first} to {@code last}, then the start of the day after. */
    public static java.util.List<Instant> dayStarts(LocalDate first, LocalDate last, java.time.ZoneId zone) {
        java.util.List<Instant> out = new java.util.ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last.plusDays(1)); d = d.plusDays(1)) {
            out.add(startOfDay(d, zone));
        }
        return out;
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
        return "'" + shown + "'";
    }
}
