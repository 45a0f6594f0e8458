package dev.tokenomics.budget;

import dev.tokenomics.ledger.Times;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The window insights look at, [since, until), and the previous window of equal length right
 * before it. Dates are whole days in {@code zone}, both ends inclusive; times are instants (an
 * until time is inclusive to the millisecond); a burn window ({@code 7d}, {@code 24h}) is that
 * long back from the end. Default: the last 7 days, today included.
 *
 * <p>The window never reaches past now: an end later than now (the rest of today, by default) is
 * cut to now inclusive. Spend per day is spend over the window's length, so counting hours that
 * have not happened would understate the burn and the projection; and the previous window, of
 * equal length, would be compared with a longer one than was measured.
 */
public record InsightWindow(Instant since, Instant until, ZoneId zone) {
    public static final int DEFAULT_DAYS = 7;
    public static final int MAX_DAYS = 366;

    public InsightWindow {
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until, got since=" + since + " until=" + until);
        }
        if (Duration.between(since, until).toDays() > MAX_DAYS) {
            throw new IllegalArgumentException("the window since..until must be at most " + MAX_DAYS
                    + " days for insights, got " + Duration.between(since, until).toDays() + " days");
        }
    }

    public static InsightWindow of(String since, String until, ZoneId zone, Instant now) {
        return of(since, until, null, zone, now);
    }

    /**
     * @param window a burn window back from the end (until, else now), in place of since; null for none
     */
    public static InsightWindow of(String since, String until, BurnWindow window, ZoneId zone, Instant now) {
        boolean sinceGiven = since != null && !since.isBlank();
        if (sinceGiven && window != null) {
            throw new IllegalArgumentException("give since or window, not both (window counts back from until, or now)");
        }
        Instant asked = until == null || until.isBlank()
                ? (window != null ? window.end(now) : LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant())
                : bound("until", until.strip(), zone, true);
        // Now inclusive, as a budget's burn window is: an event stamped the moment of the check counts.
        Instant end = asked.isAfter(now) ? now.plusMillis(1) : asked;
        Instant start = window != null ? end.minus(window.length())
                : !sinceGiven ? asked.atZone(zone).minusDays(DEFAULT_DAYS).toInstant()
                : bound("since", since.strip(), zone, false);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("since must be before until and not after now, got since=" + since
                    + " until=" + (until == null ? "(today)" : until) + " now=" + Times.format(now));
        }
        return new InsightWindow(start, end, zone);
    }

    static Instant bound(String field, String text, ZoneId zone, boolean upper) {
        return Times.parseBound(field, text, upper, zone);
    }

    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone must be an IANA zone such as Europe/Paris or UTC; got "
                    + Texts.quote(text));
        }
    }

    public Duration length() {
        return Duration.between(since, until);
    }

    public InsightWindow previous() {
        return new InsightWindow(since.minus(length()), since, zone);
    }

    /** The local days the window touches, in order. */
    public List<LocalDate> days() {
        List<LocalDate> out = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(until.minusMillis(1), zone);
        for (LocalDate d = LocalDate.ofInstant(since, zone); !d.isAfter(last); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** Whether the window holds all of day {@code d} (the first and last days of a rolling window do not). */
    public boolean whole(LocalDate d) {
        return !since.isAfter(d.atStartOfDay(zone).toInstant())
                && !until.isBefore(d.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
