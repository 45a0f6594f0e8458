package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets over a real ledger file, checked with fixed clocks. */
class BudgetsTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String HAIKU = "claude-haiku-4-5"; // $1 per million input tokens

    @TempDir
    Path dir;

    TokenLedger ledger;

    @BeforeEach
    void open() {
        ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(),
                Clock.fixed(NOW, ZoneOffset.UTC), EventDefaults.NONE);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    Budgets at(Instant now) {
        return new Budgets(ledger.budgets(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** {@code dollars} of haiku input on {@code repo} at {@code ts}. */
    static EventInput spend(String ts, String repo, String model, long dollars) {
        return new EventInput(null, Instant.parse(ts), null, null, null, "s1", null, null, repo, null, model, null,
                null, null, null, null, null, new Usage(dollars * 1_000_000, 0, 0, 0, 0), null, true, null, null, null);
    }

    static Budget daily(String name, String repo, String zone, String limit) {
        return new Budget(name, repo == null ? BudgetScope.GLOBAL : BudgetScope.REPO, repo, Period.DAY,
                ZoneId.of(zone), new BigDecimal(limit), null, null);
    }

    @Test
    void setCreatesThenSaysItUpdatesAndDeleteOfAnUnknownNameChangesNothing() {
        Budgets b = at(NOW);
        assertFalse(b.set(daily("d", "r1", "UTC", "10")).updated());
        assertTrue(b.set(daily("d", "r1", "UTC", "20")).updated());
        assertEquals(new BigDecimal("20"), b.require("d").limitUsd());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.delete("nope"));
        assertEquals("no budget named 'nope'; budgets: d", e.getMessage());
        assertEquals(1, b.list().size());
        b.delete("d");
        assertEquals("no budget named 'd'; there are no budgets yet (set_budget creates one)",
                assertThrows(IllegalArgumentException.class, () -> b.delete("d")).getMessage());
    }

    @Test
    void checkCountsOnlyTheScopeAndTheCurrentDayInTheBudgetsZone() {
        ledger.events().recordAll(List.of(
                spend("2026-11-22T09:00:00Z", "r1", HAIKU, 3),
                spend("2026-11-22T07:30:00Z", "r1", HAIKU, 2),   // Nov 21 23:30 in Los Angeles
                spend("2026-11-21T23:30:00Z", "r1", HAIKU, 4),   // Nov 21 in UTC
                spend("2026-11-22T09:30:00Z", "r2", HAIKU, 100)));
        Budgets b = at(NOW);
        b.set(daily("utc", "r1", "UTC", "10"));
        b.set(daily("la", "r1", "America/Los_Angeles", "10"));
        BudgetCheck utc = b.check(b.require("utc"), BurnWindow.DEFAULT);
        BudgetCheck la = b.check(b.require("la"), BurnWindow.DEFAULT);
        assertEquals(5_000_000_000L, utc.usd().spent(), "09:00Z and 07:30Z on Nov 22 UTC");
        assertEquals(Level.INFO, utc.level());
        // LA day Nov 22 starts 08:00Z: only the 09:00Z event.
        assertEquals(3_000_000_000L, la.usd().spent());
        assertEquals(Level.OK, la.level());
        // Burn rate: the last 7 days of r1 = $9, i.e. $9/7 per day.
        assertEquals(0, new BigDecimal("1285714285.714286").compareTo(utc.usd().ratePerDay()));
    }

    @Test
    void theBurnWindowSetsTheRateAndCountsItsDaysWithData() {
        // r1: $9 in the last 24 hours (on two UTC days), $4 three days ago, $50 ten days ago.
        ledger.events().recordAll(List.of(
                spend("2026-11-22T09:00:00Z", "r1", HAIKU, 3),
                spend("2026-11-21T23:30:00Z", "r1", HAIKU, 6),
                spend("2026-11-19T12:00:00Z", "r1", HAIKU, 4),
                spend("2026-11-12T12:00:00Z", "r1", HAIKU, 50),
                spend("2026-11-22T09:30:00Z", "r2", HAIKU, 100)));
        Budgets b = at(NOW);
        b.set(new Budget("total", BudgetScope.REPO, "r1", Period.TOTAL, ZoneId.of("UTC"), new BigDecimal("1000"), null,
                null));
        BudgetCheck day = b.check(b.require("total"), BurnWindow.parse("window", "24h"));
        assertEquals(9_000_000_000L, day.usd().ratePerDay().longValueExact(), "$9 over one day");
        assertEquals(2, day.burn().daysWithData(), "Nov 21 and Nov 22 in UTC");
        BudgetCheck week = b.check(b.require("total"), BurnWindow.DEFAULT);
        assertEquals(13_000_000_000L, week.burn().totals().costNanos());
        assertEquals(3, week.burn().daysWithData());
        // 36h reaches back to Nov 20 22:00Z: still $9, over 1.5 days.
        BudgetCheck longer = b.check(b.require("total"), BurnWindow.parse("window", "36h"));
        assertEquals(6_000_000_000L, longer.usd().ratePerDay().longValueExact());
        // The same hours in Tokyo (UTC+9): 23:30Z Nov 21 and 09:00Z Nov 22 are both Nov 22 there.
        b.set(new Budget("tokyo", BudgetScope.REPO, "r1", Period.TOTAL, ZoneId.of("Asia/Tokyo"), new BigDecimal("1000"),
                null, null));
        assertEquals(1, b.check(b.require("tokyo"), BurnWindow.parse("window", "24h")).burn().daysWithData());
        // The days until exhaustion follow the window's rate: $937 left at $9/day.
        assertEquals(new BigDecimal("104.11"), day.usd().daysUntilExhaustion(NOW));
    }

    @Test
    void theBurnWindowOfABroadScopeAddsTheRollupAndItsPartialHoursLikeTheEvents() {
        // global reads spend_hourly for the whole hours and token_events for the partial ones at the edges.
        ledger.events().recordAll(List.of(
                spend("2026-11-21T10:00:00.001Z", "r1", HAIKU, 1), // just inside (now - 24h, now]
                spend("2026-11-21T10:00:00Z", "r1", HAIKU, 2),     // exactly 24h before now: outside
                spend("2026-11-21T10:30:00Z", "r2", HAIKU, 4),
                spend("2026-11-22T10:00:00Z", "r1", HAIKU, 8))); // exactly now: inside
        Budgets b = at(Instant.parse("2026-11-22T10:00:00Z"));
        b.set(daily("g", null, "UTC", "100"));
        BudgetCheck c = b.check(b.require("g"), BurnWindow.parse("window", "24h"));
        assertEquals(13_000_000_000L, c.burn().totals().costNanos());
        assertEquals(ledger.budgets().spendFromEvents("global", null, Instant.parse("2026-11-21T10:00:00.001Z"),
                Instant.parse("2026-11-22T10:00:00.001Z")).costNanos(), c.burn().totals().costNanos());
        Budgets offHour = at(Instant.parse("2026-11-22T10:15:00Z"));
        BudgetCheck d = offHour.check(offHour.require("g"), BurnWindow.parse("window", "24h"));
        assertEquals(12_000_000_000L, d.burn().totals().costNanos(), "from 10:15Z: the 10:00Z event is out");
    }

    @Test
    void unpricedUsageMakesAUsdBudgetALowerBound() {
        ledger.events().recordAll(List.of(spend("2026-11-22T09:00:00Z", "r1", HAIKU, 6),
                spend("2026-11-22T09:10:00Z", "r1", "some-local-model", 50)));
        Budgets b = at(NOW);
        b.set(daily("d", "r1", "UTC", "10"));
        BudgetCheck c = b.check(b.require("d"), BurnWindow.DEFAULT);
        assertEquals(6_000_000_000L, c.usd().spent());
        assertEquals(1, c.unpricedEvents());
        assertTrue(c.usdLowerBound());
        assertTrue(c.advice().contains("lower bound: 1 unpriced event is not counted"), c.advice());
    }

    @Test
    void aCrossingIsAnnouncedOnceAcrossProcessesAndAgainInTheNextPeriod() {
        Budgets b = at(NOW);
        b.set(daily("d", "r1", "UTC", "10"));
        BudgetWatch watch = new BudgetWatch(b);
        EventInput e1 = spend("2026-11-22T09:00:00Z", "r1", HAIKU, 4);
        ledger.events().record(e1);
        BudgetWatch.Result r1 = watch.after(List.of(BudgetWatch.Landing.of(e1)));
        assertTrue(r1.isEmpty(), "40%: nothing to say");
        EventInput e2 = spend("2026-11-22T09:10:00Z", "r1", HAIKU, 4);
        ledger.events().record(e2);
        BudgetWatch.Result r2 = watch.after(List.of(BudgetWatch.Landing.of(e2)));
        assertEquals(Level.WARNING, r2.crossings().get(0).to(), "80% crosses 75% (and 50%): one crossing");
        assertEquals(1, r2.crossings().size());
        assertEquals("d", r2.notable().get(0).budget().name());
        // A second server process on the same file sees the mark: no second announcement.
        try (TokenLedger other = TokenLedger.open(ledger.location(), PriceTable.bundled(), EventDefaults.NONE)) {
            BudgetWatch otherWatch = new BudgetWatch(new Budgets(other.budgets(),
                    Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)));
            BudgetWatch.Result again = otherWatch.after(List.of(BudgetWatch.Landing.of(e2)));
            assertTrue(again.crossings().isEmpty());
            assertEquals(1, again.notable().size(), "still at warning, so the result still carries it");
        }
        // An event of another repo does not touch the budget.
        EventInput other = spend("2026-11-22T09:20:00Z", "r2", HAIKU, 40);
        ledger.events().record(other);
        assertTrue(watch.after(List.of(BudgetWatch.Landing.of(other))).isEmpty());
        // The next day the same spending crosses again.
        Instant tomorrow = Instant.parse("2026-11-23T10:00:00Z");
        EventInput e3 = spend("2026-11-23T09:00:00Z", "r1", HAIKU, 8);
        ledger.events().record(e3);
        BudgetWatch.Result r3 = new BudgetWatch(at(tomorrow)).after(List.of(BudgetWatch.Landing.of(e3)));
        assertEquals(1, r3.crossings().size());
        assertEquals(Level.WARNING, r3.crossings().get(0).to());
    }

    @Test
    void aBackdatedEventOutsideTheCurrentPeriodChecksNothing() {
        Budgets b = at(NOW);
        b.set(daily("d", null, "UTC", "1"));
        EventInput old = spend("2026-11-01T09:00:00Z", "r1", HAIKU, 50);
        ledger.events().record(old);
        assertTrue(new BudgetWatch(b).after(List.of(BudgetWatch.Landing.of(old))).isEmpty());
    }
}
