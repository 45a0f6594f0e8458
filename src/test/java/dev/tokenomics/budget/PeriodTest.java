package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId UTC = ZoneId.of("UTC");

    static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void utcDayRunsFromMidnightToMidnight() {
        Period.Window w = Period.DAY.window(at("2026-11-22T10:00:00Z"), UTC);
        assertEquals(at("2026-11-22T00:00:00Z"), w.start());
        assertEquals(at("2026-11-23T00:00:00Z"), w.end());
    }

    @Test
    void dayBoundaryFollowsTheBudgetsZoneNotUtc() {
        // 07:59:59.999Z on Nov 22 is 23:59:59.999 PST on Nov 21 in Los Angeles (UTC-8).
        Period.Window before = Period.DAY.window(at("2026-11-22T07:59:59.999Z"), LA);
        assertEquals(at("2026-11-21T08:00:00Z"), before.start());
        assertEquals(at("2026-11-22T08:00:00Z"), before.end());
        Period.Window after = Period.DAY.window(at("2026-11-22T08:00:00Z"), LA);
        assertEquals(at("2026-11-22T08:00:00Z"), after.start());
        assertTrue(after.contains(at("2026-11-22T08:00:00Z")), "start is inclusive");
        assertFalse(before.contains(at("2026-11-22T08:00:00Z")), "end is exclusive");
    }

    @Test
    void weekInLosAngelesAcrossTheEndOfDaylightSavingLasts169Hours() {
        // DST ends Sunday 2026-11-01 at 02:00 PDT. The ISO week Mon Oct 26 .. Mon Nov 2 starts at
        // midnight PDT (UTC-7, 07:00Z) and ends at midnight PST (UTC-8, 08:00Z).
        Period.Window w = Period.WEEK.window(at("2026-11-01T18:00:00Z"), LA);
        assertEquals(at("2026-10-26T07:00:00Z"), w.start());
        assertEquals(at("2026-11-02T08:00:00Z"), w.end());
        assertEquals(Duration.ofHours(169), Duration.between(w.start(), w.end()));
        // Sunday 23:30 PST is still that week; Monday 00:00 PST is the next.
        assertEquals(w, Period.WEEK.window(at("2026-11-02T07:30:00Z"), LA));
        assertEquals(at("2026-11-02T08:00:00Z"), Period.WEEK.window(at("2026-11-02T08:00:00Z"), LA).start());
    }

    @Test
    void dayOfTheSpringForwardSwitchLasts23Hours() {
        Period.Window w = Period.DAY.window(at("2026-03-08T20:00:00Z"), LA);
        assertEquals(at("2026-03-08T08:00:00Z"), w.start());
        assertEquals(at("2026-03-09T07:00:00Z"), w.end());
    }

    @Test
    void monthInParisSpansTheSwitchToSummerTime() {
        Period.Window w = Period.MONTH.window(at("2026-03-15T12:00:00Z"), PARIS);
        assertEquals(at("2026-02-28T23:00:00Z"), w.start());
        assertEquals(at("2026-03-31T22:00:00Z"), w.end());
        // 23:30Z on Feb 28 is already March 1 in Paris.
        assertEquals(w, Period.MONTH.window(at("2026-02-28T23:30:00Z"), PARIS));
    }

    @Test
    void totalHasNoBounds() {
        Period.Window w = Period.TOTAL.window(at("2026-03-15T12:00:00Z"), PARIS);
        assertNull(w.start());
        assertNull(w.end());
        assertTrue(w.contains(Instant.EPOCH));
    }

    @Test
    void unknownPeriodIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Period.parse("fortnight"));
        assertEquals("period must be one of day, week, month, total; got 'fortnight'", e.getMessage());
    }
}
