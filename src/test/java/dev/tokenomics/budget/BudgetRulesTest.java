package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final long USD = 1_000_000_000L;

    /** Spend over the default 7d burn window, all on one day. */
    static Burn week(Totals t) {
        return new Burn(BurnWindow.DEFAULT, t, t.events() > 0 ? 1 : 0, 8);
    }

    static Budget usdBudget(Period period, String limit) {
        return new Budget("b", BudgetScope.GLOBAL, null, period, ZoneId.of("UTC"), new BigDecimal(limit), null, null);
    }

    static Totals cost(long nanos) {
        return new Totals(1, 0, 0, 0, 0, 0, nanos, 0, 0);
    }

    static Totals tokens(long n) {
        return new Totals(1, n, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void everyLevelIsReachedExactlyAtItsThreshold() {
        Budget b = usdBudget(Period.DAY, "10");
        Object[][] cases = {
                {5 * USD - 1, Level.OK}, {5 * USD, Level.INFO},
                {7_500_000_000L - 1, Level.INFO}, {7_500_000_000L, Level.WARNING},
                {9 * USD - 1, Level.WARNING}, {9 * USD, Level.CRITICAL},
                {10 * USD - 1, Level.CRITICAL}, {10 * USD, Level.HARD_STOP}, {25 * USD, Level.HARD_STOP}};
        for (Object[] c : cases) {
            BudgetCheck check = BudgetRules.check(b, NOW, cost((Long) c[0]), week(Totals.ZERO));
            assertEquals(c[1], check.level(), "spent " + c[0] + " nanos of $10");
        }
    }

    @Test
    void customThresholdsAndTokenLimitsUseTheSameRule() {
        Budget b = new Budget("t", BudgetScope.TASK, "T1", Period.TOTAL, null, null, 1_000L,
                new Thresholds(List.of(10, 20, 30, 150)));
        assertEquals(Level.OK, BudgetRules.check(b, NOW, tokens(99), week(Totals.ZERO)).level());
        assertEquals(Level.INFO, BudgetRules.check(b, NOW, tokens(100), week(Totals.ZERO)).level());
        assertEquals(Level.WARNING, BudgetRules.check(b, NOW, tokens(200), week(Totals.ZERO)).level());
        assertEquals(Level.CRITICAL, BudgetRules.check(b, NOW, tokens(300), week(Totals.ZERO)).level());
        // Above 100% but below the 150% hard stop: still critical, and the limit is exhausted.
        BudgetCheck over = BudgetRules.check(b, NOW, tokens(1_200), week(Totals.ZERO));
        assertEquals(Level.CRITICAL, over.level());
        assertTrue(over.exhausted());
        assertEquals(Level.HARD_STOP, BudgetRules.check(b, NOW, tokens(1_500), week(Totals.ZERO)).level());
    }

    @Test
    void theHigherOfTheUsdAndTokenLevelsWins() {
        Budget b = new Budget("both", BudgetScope.GLOBAL, null, Period.DAY, null, new BigDecimal("10"), 1_000L, null);
        Totals t = new Totals(1, 800, 0, 0, 0, 0, 1 * USD, 0, 0); // $1 = 10% but 800 tokens = 80%
        BudgetCheck c = BudgetRules.check(b, NOW, t, week(Totals.ZERO));
        assertEquals(Level.WARNING, c.level());
        assertEquals(new BigDecimal("80.00"), c.percentUsed());
        assertEquals(new BigDecimal("10.00"), c.usd().percentUsed());
    }

    @Test
    void projectionToMonthEndAndNoExhaustionBeforeItByHand() {
        // Limit $100, $40 spent this month, $14 over the last 7 days = $2/day. Now is Nov 22 10:00Z;
        // the month ends Dec 1 00:00Z: 8 days 14 hours = 741,600,000 ms left of a 604,800,000 ms lookback.
        // Projected = 40 + 14 * 741.6 / 604.8 = 40 + 17.1666666667 = $57.166666667.
        // At $2/day the remaining $60 lasts 30 days: past the month's end, so no exhaustion this period.
        BudgetCheck c = BudgetRules.check(usdBudget(Period.MONTH, "100"), NOW, cost(40 * USD), week(cost(14 * USD)));
        assertEquals(Level.OK, c.level());
        assertEquals(57_166_666_667L, c.usd().projected());
        assertEquals(0, new BigDecimal("2000000000").compareTo(c.usd().ratePerDay()), "$2/day in nanos");
        assertEquals(60 * USD, c.usd().remaining());
        assertNull(c.exhaustsAt());
        assertFalse(c.exhausted());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), c.period().start());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), c.period().end());
    }

    @Test
    void exhaustionWithinTheMonthByHand() {
        // $90 of $100 spent, $2/day: the last $10 lasts 5 days: Nov 27 10:00Z, before Dec 1.
        BudgetCheck c = BudgetRules.check(usdBudget(Period.MONTH, "100"), NOW, cost(90 * USD), week(cost(14 * USD)));
        assertEquals(Level.CRITICAL, c.level());
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), c.exhaustsAt());
        assertEquals(new BigDecimal("5.00"), c.usd().daysUntilExhaustion(NOW));
        assertTrue(c.advice().contains("running out at 2026-11-27 10:00 UTC"), c.advice());
    }

    @Test
    void totalBudgetHasNoProjectionButRunsOutAtThisRate() {
        // $40 of $100 at $2/day: 30 days from now.
        BudgetCheck c = BudgetRules.check(usdBudget(Period.TOTAL, "100"), NOW, cost(40 * USD), week(cost(14 * USD)));
        assertNull(c.usd().projected());
        assertEquals(Instant.parse("2026-12-22T10:00:00Z"), c.exhaustsAt());
        assertEquals(new BigDecimal("30.00"), c.usd().daysUntilExhaustion(NOW));
    }

    @Test
    void noSpendingInTheLookbackMeansItDoesNotRunOut() {
        BudgetCheck c = BudgetRules.check(usdBudget(Period.TOTAL, "100"), NOW, cost(40 * USD), week(Totals.ZERO));
        assertNull(c.exhaustsAt());
        assertTrue(c.advice().startsWith("On track"), c.advice());
    }

    @Test
    void onPaceToOverrunWhileStillOkSaysSlowDown() {
        // Day budget $10, $1 spent by 10:00Z, but $70 over the week = $10/day: the remaining $9 lasts
        // 0.9 days = 21.6 h, past midnight? 10:00 + 21h36m = 07:36 next day: after the day ends, so no.
        // With $140 a week ($20/day) it lasts 10.8 h: 20:48Z, before midnight.
        BudgetCheck c = BudgetRules.check(usdBudget(Period.DAY, "10"), NOW, cost(USD), week(cost(140 * USD)));
        assertEquals(Level.OK, c.level());
        assertEquals(Instant.parse("2026-11-22T20:48:00Z"), c.exhaustsAt());
        assertTrue(c.advice().contains("slow down"), c.advice());
    }

    @Test
    void unpricedEventsMakeTheUsdFigureALowerBoundAndTheAdviceSaysSo() {
        Totals t = new Totals(3, 0, 0, 0, 0, 0, 8 * USD, 2, 0);
        BudgetCheck c = BudgetRules.check(usdBudget(Period.DAY, "10"), NOW, t, week(Totals.ZERO));
        assertTrue(c.usdLowerBound());
        assertTrue(c.advice().endsWith("The USD figure is a lower bound: 2 unpriced events are not counted."),
                c.advice());
    }

    @Test
    void hardStopAdviceSaysStopAndWhenThePeriodResets() {
        Budget b = new Budget("daily", BudgetScope.REPO, "tokenomics", Period.DAY, ZoneId.of("America/Los_Angeles"),
                new BigDecimal("10"), null, null);
        BudgetCheck c = BudgetRules.check(b, NOW, cost(12 * USD), week(Totals.ZERO));
        assertEquals(Level.HARD_STOP, c.level());
        assertEquals("Stop: budget 'daily' is at 120% of $10.00 today; start no new work for repo tokenomics "
                + "before the period resets at 2026-11-23 00:00 America/Los_Angeles unless the limit is raised.",
                c.advice());
    }

    @Test
    void badBudgetsAreRefusedWithTheFieldAndValue() {
        assertEquals("limit_usd must be > 0, got -5", assertThrows(IllegalArgumentException.class,
                () -> usdBudget(Period.DAY, "-5")).getMessage());
        assertEquals("limit_usd must be > 0, got 0", assertThrows(IllegalArgumentException.class,
                () -> usdBudget(Period.DAY, "0")).getMessage());
        assertEquals("limit_tokens must be > 0, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Budget("b", BudgetScope.GLOBAL, null, Period.DAY, null, null, 0L, null)).getMessage());
        assertEquals("give limit_usd or limit_tokens (or both)", assertThrows(IllegalArgumentException.class,
                () -> new Budget("b", BudgetScope.GLOBAL, null, Period.DAY, null, null, null, null)).getMessage());
        assertEquals("scope_id is required for scope repo (the repo whose spending the budget limits)",
                assertThrows(IllegalArgumentException.class, () -> new Budget("b", BudgetScope.REPO, null,
                        Period.DAY, null, BigDecimal.ONE, null, null)).getMessage());
        assertEquals("thresholds must be strictly increasing, got [50, 90, 75, 100]",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("50,90,75,100")).getMessage());
        assertEquals("thresholds must each be between 1 and 1000 percent, got 0 in [0, 75, 90, 100]",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("0,75,90,100")).getMessage());
        assertEquals("thresholds must each be between 1 and 1000 percent, got 1001 in [50, 75, 90, 1001]",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("50,75,90,1001")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.zone("Mars/Olympus"))
                .getMessage().startsWith("timezone must be an IANA zone"));
        assertEquals("scope must be one of global, repo, workstream, task, agent, model, session; got 'galaxy'",
                assertThrows(IllegalArgumentException.class, () -> BudgetScope.parse("galaxy")).getMessage());
    }
}
