package dev.tokenomics.budget;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.text.Format;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** The pure arithmetic of a budget check: totals in, levels, projection and advice out. */
public final class BudgetRules {
    private BudgetRules() {}

    /**
     * Checks {@code budget} at {@code now}, given its scope's totals over the current period and
     * its spend over the burn window that ends at {@code now} (from which the burn rate comes).
     */
    public static BudgetCheck check(Budget budget, Instant now, Totals periodTotals, Burn burn) {
        Period.Window window = budget.period().window(now, budget.timezone());
        Duration lookback = burn.window().length();
        Meter usd = budget.limitUsd() == null ? null : Meter.of(periodTotals.costNanos(), budget.limitNanos(),
                budget.thresholds(), burn.totals().costNanos(), lookback, now, window);
        Meter tokens = budget.limitTokens() == null ? null : Meter.of(periodTotals.totalTokens(),
                budget.limitTokens(), budget.thresholds(), burn.totals().totalTokens(), lookback, now, window);
        BudgetCheck draft = new BudgetCheck(budget, now, window, burn, usd, tokens, periodTotals.events(),
                periodTotals.unpricedEvents(), periodTotals.lowerBoundEvents(), "");
        return new BudgetCheck(budget, now, window, burn, usd, tokens, periodTotals.events(),
                periodTotals.unpricedEvents(), periodTotals.lowerBoundEvents(), advice(draft));
    }

    /** One plain sentence (two at most) an agent or a person can act on. */
    static String advice(BudgetCheck c) {
        Budget b = c.budget();
        Meter m = c.leading();
        boolean usd = m == c.usd();
        String used = percent(m.percentUsed()) + " of " + amount(m.limit(), usd);
        String periodText = switch (b.period()) {
            case DAY -> "today";
            case TOTAL -> "in total";
            default -> "this " + b.period().wireName();
        };
        String reset = c.period().bounded() ? " before the period resets at " + local(c.period().end(), b) : "";
        String sentence;
        switch (c.level()) {
            case HARD_STOP -> sentence = "Stop: budget '" + b.name() + "' is at " + used + " " + periodText
                    + "; start no new work for " + b.scopeText() + reset + " unless the limit is raised.";
            case CRITICAL -> sentence = "Nearly spent: budget '" + b.name() + "' is at " + used + " " + periodText
                    + runsOut(c, b) + "; finish the current task, defer new work and prefer a cheaper model.";
            case WARNING -> sentence = "Budget '" + b.name() + "' is at " + used + " " + periodText
                    + projection(c, m, usd) + runsOut(c, b) + "; prefer cheaper models and smaller contexts.";
            default -> {
                if (c.exhaustsAt() != null && c.period().bounded()) {
                    sentence = "At the pace of the last " + c.burn().window().words() + " budget '" + b.name()
                            + "' runs out at " + local(c.exhaustsAt(), b) + ", before the period ends: slow down.";
                } else {
                    sentence = "On track: budget '" + b.name() + "' is at " + used + " " + periodText
                            + projection(c, m, usd) + ".";
                }
            }
        }
        if (c.usdLowerBound()) {
            sentence += " The USD figure is a lower bound: " + lowerBoundReason(c) + ".";
        }
        return sentence;
    }

    private static String lowerBoundReason(BudgetCheck c) {
        StringBuilder sb = new StringBuilder();
        if (c.unpricedEvents() > 0) {
            sb.append(c.unpricedEvents()).append(" unpriced event").append(c.unpricedEvents() == 1 ? " is" : "s are")
                    .append(" not counted");
        }
        if (c.lowerBoundEvents() > 0) {
            sb.append(sb.length() > 0 ? " and " : "").append(c.lowerBoundEvents())
                    .append(" event").append(c.lowerBoundEvents() == 1 ? "" : "s").append(" reported incomplete usage");
        }
        return sb.toString();
    }

    private static String projection(BudgetCheck c, Meter m, boolean usd) {
        if (m.projected() == null) {
            return "";
        }
        BigDecimal pct = BigDecimal.valueOf(m.projected()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(m.limit()), 0, RoundingMode.HALF_EVEN);
        return ", projected " + amount(m.projected(), usd) + " (" + pct.toPlainString() + "%) by period end";
    }

    private static String runsOut(BudgetCheck c, Budget b) {
        return c.exhaustsAt() == null ? "" : ", running out at " + local(c.exhaustsAt(), b) + " at this rate";
    }

    static String percent(BigDecimal p) {
        return p.setScale(1, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
    }

    static String amount(long value, boolean usd) {
        return usd ? Money.display(value) : Format.compact(value) + " tokens";
    }

    /** A time in the budget's zone for the advice ("2026-11-23 00:00 America/Los_Angeles"), UTC when the zone is. */
    static String local(Instant t, Budget b) {
        if (b.timezone().getId().equals("UTC") || b.timezone().getId().equals("Z")) {
            return Times.format(t).substring(0, 16).replace('T', ' ') + " UTC";
        }
        return t.atZone(b.timezone()).toLocalDateTime().toString().substring(0, 16).replace('T', ' ')
                + " " + b.timezone().getId();
    }
}
