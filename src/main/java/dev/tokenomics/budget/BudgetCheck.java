package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget checked at one instant.
 *
 * @param burn the spend of the burn window ending at {@code checkedAt}, which the rates and projections come from
 * @param usd the USD limit's meter (nano-dollars), or null when the budget has no USD limit
 * @param tokens the token limit's meter, or null when the budget has no token limit
 * @param unpricedEvents events in the period with no price: a USD figure is then a lower bound
 * @param lowerBoundEvents events in the period whose usage was reported incomplete
 */
public record BudgetCheck(
        Budget budget,
        Instant checkedAt,
        Period.Window period,
        Burn burn,
        Meter usd,
        Meter tokens,
        long events,
        long unpricedEvents,
        long lowerBoundEvents,
        String advice) {

    public Level level() {
        Level l = Level.OK;
        if (usd != null) {
            l = Level.max(l, usd.level());
        }
        if (tokens != null) {
            l = Level.max(l, tokens.level());
        }
        return l;
    }

    /** The higher of the two percents used. */
    public BigDecimal percentUsed() {
        BigDecimal p = usd == null ? null : usd.percentUsed();
        if (tokens != null && (p == null || tokens.percentUsed().compareTo(p) > 0)) {
            p = tokens.percentUsed();
        }
        return p;
    }

    /** The USD spent is a lower bound: unpriced events are not counted, or some usage was incomplete. */
    public boolean usdLowerBound() {
        return usd != null && (unpricedEvents > 0 || lowerBoundEvents > 0);
    }

    /** The earlier exhaustion of the two limits, or null. */
    public Instant exhaustsAt() {
        Instant a = usd == null ? null : usd.exhaustsAt();
        Instant b = tokens == null ? null : tokens.exhaustsAt();
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    public boolean exhausted() {
        return (usd != null && usd.exhausted()) || (tokens != null && tokens.exhausted());
    }

    /** The meter that decides the level (the USD one on a tie). */
    public Meter leading() {
        if (usd == null) {
            return tokens;
        }
        if (tokens == null) {
            return usd;
        }
        return tokens.percentUsed().compareTo(usd.percentUsed()) > 0 ? tokens : usd;
    }
}
