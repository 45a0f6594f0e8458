package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.Level;
import dev.tokenomics.budget.Meter;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Budgets and their checks as result records (see {@link Results}). */
public final class BudgetResults {
    private BudgetResults() {}

    /** A budget as it is set. */
    public record BudgetDef(
            String name,
            @JsonPropertyDescription("global, repo, workstream, task, agent, model or source") String scope,
            @Nullable String scopeId,
            @JsonPropertyDescription("day, week, month or total") String period,
            @JsonPropertyDescription("the IANA time zone its periods start in") String timezone,
            @Nullable BigDecimal limitUsd,
            @Nullable Long limitTokens,
            @JsonPropertyDescription("percents of the limit at which it turns info, warning, critical, hard_stop")
            List<Integer> thresholds) {

        public static BudgetDef of(Budget b) {
            return new BudgetDef(b.name(), b.scope().wireName(), b.scopeId(), b.period().wireName(),
                    b.timezone().getId(), b.limitUsd() == null ? null : Money.usd(b.limitNanos()), b.limitTokens(),
                    b.thresholds().percents());
        }
    }

    /** Spend per day and per hour over the burn window ending at the check. */
    public record BurnRate(
            @JsonPropertyDescription("the burn window ending at checked_at, e.g. 7d or 24h") String window,
            @Nullable BigDecimal usdPerDay,
            @Nullable BigDecimal usdPerHour,
            @Nullable BigDecimal tokensPerDay,
            @Nullable BigDecimal tokensPerHour) {}

    /** A rate carried forward 7, 30, 90 and 365 days; all null without a rate. */
    public record Horizons(
            @JsonProperty("7d") @Nullable BigDecimal days7,
            @JsonProperty("30d") @Nullable BigDecimal days30,
            @JsonProperty("90d") @Nullable BigDecimal days90,
            @JsonProperty("365d") @Nullable BigDecimal days365) {

        static Horizons of(BigDecimal perDay, Function<BigDecimal, BigDecimal> unit) {
            BigDecimal[] v = new BigDecimal[BudgetViews.HORIZON_DAYS.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = perDay == null ? null : unit.apply(perDay.multiply(BigDecimal.valueOf(BudgetViews.HORIZON_DAYS.get(i))));
            }
            return new Horizons(v[0], v[1], v[2], v[3]);
        }
    }

    /**
     * Spend ahead at the burn window's rate, whatever the budget's period: an estimate, with its
     * basis (the window, its days with data and the rate per day) said in words and in fields.
     */
    public record Projection(
            @JsonPropertyDescription("how the estimate is made: window, days with data, burn per day") String basis,
            @JsonPropertyDescription("the burn window ending at checked_at, e.g. 7d or 24h") String window,
            @JsonPropertyDescription("its length in days") BigDecimal windowDays,
            @JsonPropertyDescription("days of the window, in the budget's timezone, with any event") int daysWithData,
            @JsonPropertyDescription("the days it touches: 8 for a 7d window ending mid-day") int calendarDays,
            @Nullable BigDecimal usdPerDay,
            @Nullable BigDecimal tokensPerDay,
            Horizons usd,
            boolean usdLowerBound,
            Horizons tokens) {

        static Projection of(BudgetCheck c) {
            BigDecimal usd = c.usd() == null ? null : c.usd().ratePerDay();
            BigDecimal tokens = c.tokens() == null ? null : c.tokens().ratePerDay();
            return new Projection(BudgetViews.basis(c), c.burn().window().text(), c.burn().window().days(),
                    c.burn().daysWithData(), c.burn().calendarDays(), usd == null ? null : BudgetViews.usd(usd),
                    tokens == null ? null : BudgetViews.tokens(tokens), Horizons.of(usd, BudgetViews::usd),
                    c.usdLowerBound(), Horizons.of(tokens, BudgetViews::tokens));
        }
    }

    /** A budget checked now: its period's spend, burn rate, projection and advice. */
    public record Check(
            @JsonUnwrapped BudgetDef budget,
            String checkedAt,
            @JsonPropertyDescription("ok, info, warning, critical or hard_stop") String level,
            @Nullable BigDecimal percentUsed,
            String periodStart,
            @Nullable String periodEnd,
            long eventCount,
            @Nullable BigDecimal spentUsd,
            @Nullable BigDecimal remainingUsd,
            @Nullable BigDecimal percentUsedUsd,
            @JsonPropertyDescription("true when unpriced events make spent_usd a lower bound") boolean usdLowerBound,
            long unpricedEventCount,
            long lowerBoundEventCount,
            @Nullable Long spentTokens,
            @Nullable Long remainingTokens,
            @Nullable BigDecimal percentUsedTokens,
            BurnRate burnRate,
            @Nullable BigDecimal projectedUsdAtPeriodEnd,
            @Nullable Long projectedTokensAtPeriodEnd,
            boolean exhausted,
            @Nullable String exhaustsAt,
            @Nullable BigDecimal daysUntilExhaustion,
            @JsonPropertyDescription("\"exhausted\", a time and how far off, or \"not at this rate\"") String exhaustion,
            Projection projection,
            String advice) {

        public static Check of(BudgetCheck c) {
            Meter u = c.usd();
            Meter t = c.tokens();
            Instant now = c.checkedAt();
            Instant at = c.exhaustsAt();
            BigDecimal days = at == null ? null : (u != null && at.equals(u.exhaustsAt()) ? u : t).daysUntilExhaustion(now);
            BurnRate burn = new BurnRate(c.burn().window().text(), u == null ? null : BudgetViews.usd(u.ratePerDay()),
                    u == null ? null : BudgetViews.usd(u.ratePerHour()), t == null ? null : BudgetViews.tokens(t.ratePerDay()),
                    t == null ? null : BudgetViews.tokens(t.ratePerHour()));
            return new Check(BudgetDef.of(c.budget()), Times.format(now), c.level().wireName(), c.percentUsed(),
                    Times.format(c.period().start()), Times.format(c.period().end()), c.events(),
                    u == null ? null : Money.usd(u.spent()), u == null ? null : Money.usd(u.remaining()),
                    u == null ? null : u.percentUsed(), c.usdLowerBound(), c.unpricedEvents(), c.lowerBoundEvents(),
                    t == null ? null : t.spent(), t == null ? null : t.remaining(), t == null ? null : t.percentUsed(),
                    burn, u == null || u.projected() == null ? null : Money.usd(u.projected()),
                    t == null ? null : t.projected(), c.exhausted(), Times.format(at), days,
                    BudgetViews.exhaustionText(c), Projection.of(c), c.advice());
        }
    }

    /** check_budget's answer. */
    public record Checks(
            int checked,
            @JsonPropertyDescription("the worst level of all: ok, info, warning, critical or hard_stop") String worstLevel,
            List<Check> budgets) {

        public static Checks of(List<BudgetCheck> checks) {
            Level worst = Level.OK;
            for (BudgetCheck c : checks) {
                worst = Level.max(worst, c.level());
            }
            return new Checks(checks.size(), worst.wireName(), checks.stream().map(Check::of).toList());
        }
    }
}
