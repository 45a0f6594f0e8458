package dev.tokenomics.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ledger's one time format: UTC ISO-8601 with milliseconds, fixed width so text order is time order. */
public final class Times {
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
        return instant == null ? null : STORED.format(instant);
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
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
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
