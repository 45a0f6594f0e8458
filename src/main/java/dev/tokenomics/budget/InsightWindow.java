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
 * until time is inclusive to the millisecond). Default: the last 7 days, today included.
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
        Instant end = until == null || until.isBlank() ? LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone)
                .toInstant() : bound("until", until.strip(), zone, true);
        Instant start = since == null || since.isBlank() ? end.atZone(zone).minusDays(DEFAULT_DAYS).toInstant()
                : bound("since", since.strip(), zone, false);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("since must be before until, got since=" + since + " until="
                    + (until == null ? "(today)" : until));
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
}
