package dev.tokenomics.report;

import dev.tokenomics.ledger.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a report covers, inclusive, in one timezone. An event is in the window when its
 * {@code ts} (the event time) falls in [start of since, start of the day after until) there.
 */
public record ReportWindow(LocalDate since, LocalDate until, ZoneId zone) {
    public ReportWindow {
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("since must not be after until, got since=" + since + " until=" + until);
        }
        // Checked again here because a window's ends may be defaults (the first event's day to
        // today): every per-day loop of a report is bounded by this.
        long days = ChronoUnit.DAYS.between(since, until) + 1;
        if (days > Times.MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window " + since + ".." + until + " is " + days
                    + " days; a report covers at most " + Times.MAX_WINDOW_DAYS + " days: give since and until");
        }
    }

    /**
     * The window a request asks for: missing bounds become the first event's day and today (or
     * the last event's day when that is later); an empty ledger gives today alone.
     */
    public static ReportWindow resolve(ReportRequest r, Instant[] eventSpan, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, r.zone());
        LocalDate since = r.since();
        LocalDate until = r.until();
        if (until == null) {
            LocalDate last = eventSpan == null ? today : LocalDate.ofInstant(eventSpan[1], r.zone());
            until = last.isAfter(today) ? last : today;
            if (since != null && since.isAfter(until)) {
                until = since;
            }
        }
        if (since == null) {
            since = eventSpan == null ? until : LocalDate.ofInstant(eventSpan[0], r.zone());
            if (since.isAfter(until)) {
                since = until;
            }
        }
        return new ReportWindow(since, until, r.zone());
    }

    public Instant start() {
        return Times.startOfDay(since, zone);
    }

    /** Exclusive: the start of the day after {@code until}. */
    public Instant end() {
        return Times.startOfDay(until.plusDays(1), zone);
    }

    public List<LocalDate> days() {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = since; !d.isAfter(until); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    public List<Instant> dayStarts() {
        return Times.dayStarts(since, until, zone);
    }

    /** "2026-11-01 to 2026-11-07 (Europe/Paris)", or one date for a one-day window. */
    public String describe() {
        return (since.equals(until) ? since.toString() : since + " to " + until) + " (" + zone.getId() + ")";
    }
}
