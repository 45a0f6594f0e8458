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

    private Times() {}

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
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 time with a zone, e.g. "
                    + "2026-11-22T10:15:30Z, got " + quote(text));
        }
    }

    /**
     * Parses a window bound: a date ({@code 2026-11-22}, the whole UTC day) or an instant. For
     * {@code since} a date means its first moment; for {@code until}, the first moment of the next
     * day (exclusive), so an until date is inclusive.
     */
    public static Instant parseBound(String field, String text, boolean upper) {
        if (text.length() == 10) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (upper ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD or an ISO-8601 time, got " + quote(text));
            }
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            // An until instant is inclusive: keep events at exactly that millisecond.
            return upper ? at.plusMillis(1) : at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD or an ISO-8601 time, got " + quote(text));
        }
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
