package dev.tokenomics.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A budget's period: a calendar day, ISO week (Monday first) or month in the budget's time zone,
 * or the whole history (total). Boundaries are local midnights, so a day in a zone with daylight
 * saving time lasts 23 or 25 hours on the switch days.
 */
public enum Period {
    DAY, WEEK, MONTH, TOTAL;

    public static final String NAMES = Arrays.stream(values()).map(Period::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Period parse(String text) {
        for (Period p : values()) {
            if (p.wireName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("period must be one of " + NAMES + "; got " + Texts.quote(text));
    }

    /** The period holding {@code now}: start inclusive, end exclusive; both null for TOTAL. */
    public Window window(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first;
        LocalDate next;
        switch (this) {
            case DAY -> {
                first = today;
                next = today.plusDays(1);
            }
            case WEEK -> {
                first = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                next = first.plusWeeks(1);
            }
            case MONTH -> {
                first = today.withDayOfMonth(1);
                next = first.plusMonths(1);
            }
            default -> {
                return Window.UNBOUNDED;
            }
        }
        // atStartOfDay(zone) picks the first valid instant of the day, even when midnight falls in a DST gap.
        return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }

    /** [start, end); both null means no bound (a TOTAL period). */
    public record Window(Instant start, Instant end) {
        static final Window UNBOUNDED = new Window(null, null);

        public Window {
            if ((start == null) != (end == null)) {
                throw new IllegalArgumentException("a window has both ends or none, got start=" + start + " end=" + end);
            }
            if (start != null && !start.isBefore(end)) {
                throw new IllegalArgumentException("window start must be before its end, got " + start + " .. " + end);
            }
        }

        public boolean bounded() {
            return start != null;
        }

        public boolean contains(Instant t) {
            return start == null || (!t.isBefore(start) && t.isBefore(end));
        }
    }
}
