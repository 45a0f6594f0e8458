package dev.tokenomics.report;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.Level;
import dev.tokenomics.budget.Meter;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Budgets and budget checks as JSON maps and short text. */
public final class BudgetViews {
    private BudgetViews() {}

    public static Map<String, Object> budget(Budget b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("scope", b.scope().wireName());
        m.put("scope_id", b.scopeId());
        m.put("period", b.period().wireName());
        m.put("timezone", b.timezone().getId());
        m.put("limit_usd", b.limitUsd() == null ? null : Money.usd(b.limitNanos()));
        m.put("limit_tokens", b.limitTokens());
        m.put("thresholds", b.thresholds().percents());
        return m;
    }

    public static Map<String, Object> check(BudgetCheck c) {
        Map<String, Object> m = budget(c.budget());
        Instant now = c.checkedAt();
        m.put("checked_at", Times.format(now));
        m.put("level", c.level().wireName());
        m.put("percent_used", c.percentUsed());
        m.put("period_start", Times.format(c.period().start()));
        m.put("period_end", Times.format(c.period().end()));
        m.put("event_count", c.events());
        Meter u = c.usd();
        m.put("spent_usd", u == null ? null : Money.usd(u.spent()));
        m.put("remaining_usd", u == null ? null : Money.usd(u.remaining()));
        m.put("percent_used_usd", u == null ? null : u.percentUsed());
        m.put("usd_lower_bound", c.usdLowerBound());
        m.put("unpriced_event_count", c.unpricedEvents());
        m.put("lower_bound_event_count", c.lowerBoundEvents());
        Meter t = c.tokens();
        m.put("spent_tokens", t == null ? null : t.spent());
        m.put("remaining_tokens", t == null ? null : t.remaining());
        m.put("percent_used_tokens", t == null ? null : t.percentUsed());
        Map<String, Object> burn = new LinkedHashMap<>();
        burn.put("lookback_days", c.lookback().toDays());
        burn.put("usd_per_day", u == null ? null : usd(u.ratePerDay()));
        burn.put("usd_per_hour", u == null ? null : usd(u.ratePerHour()));
        burn.put("tokens_per_day", t == null ? null : tokens(t.ratePerDay()));
        burn.put("tokens_per_hour", t == null ? null : tokens(t.ratePerHour()));
        m.put("burn_rate", burn);
        m.put("projected_usd_at_period_end", u == null || u.projected() == null ? null : Money.usd(u.projected()));
        m.put("projected_tokens_at_period_end", t == null ? null : t.projected());
        m.put("exhausted", c.exhausted());
        Instant at = c.exhaustsAt();
        m.put("exhausts_at", Times.format(at));
        BigDecimal days = null;
        if (at != null) {
            days = (u != null && at.equals(u.exhaustsAt()) ? u : t).daysUntilExhaustion(now);
        }
        m.put("days_until_exhaustion", days);
        m.put("exhaustion", exhaustionText(c));
        m.put("projection", projection(c));
        m.put("advice", c.advice());
        return m;
    }

    /** The horizons of the forward projection, in days (seed 004's cost-projection). */
    public static final List<Integer> HORIZON_DAYS = List.of(7, 30, 90, 365);

    /**
     * Spend ahead at the lookback's burn rate, 7, 30, 90 and 365 days from now, whatever the
     * budget's period: a straight-line estimate, labelled as one.
     */
    static Map<String, Object> projection(BudgetCheck c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("basis", "estimate: the burn rate of the last " + c.lookback().toDays() + " days, held constant");
        p.put("usd", horizons(c.usd() == null ? null : c.usd().ratePerDay(), BudgetViews::usd));
        p.put("usd_lower_bound", c.usdLowerBound());
        p.put("tokens", horizons(c.tokens() == null ? null : c.tokens().ratePerDay(), BudgetViews::tokens));
        return p;
    }

    /** {"7d": ..., "30d": ..., "90d": ..., "365d": ...}: {@code perDay} carried forward, in {@code unit}; null without a rate. */
    static Map<String, Object> horizons(BigDecimal perDay, java.util.function.Function<BigDecimal, Object> unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int d : HORIZON_DAYS) {
            m.put(d + "d", perDay == null ? null : unit.apply(perDay.multiply(BigDecimal.valueOf(d))));
        }
        return m;
    }

    /** "exhausted", "2026-11-25T04:00:00.000Z (in 2.75 days)" or "not at this rate". */
    static String exhaustionText(BudgetCheck c) {
        if (c.exhausted()) {
            return "exhausted";
        }
        Instant at = c.exhaustsAt();
        if (at == null) {
            return "not at this rate";
        }
        Meter m = c.usd() != null && at.equals(c.usd().exhaustsAt()) ? c.usd() : c.tokens();
        return Times.format(at) + " (in " + m.daysUntilExhaustion(c.checkedAt()).toPlainString() + " days)";
    }

    public static Map<String, Object> checks(List<BudgetCheck> checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        Level worst = Level.OK;
        for (BudgetCheck c : checks) {
            worst = Level.max(worst, c.level());
        }
        m.put("checked", checks.size());
        m.put("worst_level", worst.wireName());
        m.put("budgets", checks.stream().map(BudgetViews::check).toList());
        return m;
    }

    /** The compact view carried by record results: enough to act on without a second call. */
    public static Map<String, Object> brief(BudgetCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.budget().name());
        m.put("scope", c.budget().scope().wireName());
        m.put("scope_id", c.budget().scopeId());
        m.put("period", c.budget().period().wireName());
        m.put("level", c.level().wireName());
        m.put("percent_used", c.percentUsed());
        m.put("spent_usd", c.usd() == null ? null : Money.usd(c.usd().spent()));
        m.put("limit_usd", c.budget().limitUsd() == null ? null : Money.usd(c.budget().limitNanos()));
        m.put("usd_lower_bound", c.usdLowerBound());
        m.put("spent_tokens", c.tokens() == null ? null : c.tokens().spent());
        m.put("limit_tokens", c.budget().limitTokens());
        m.put("exhausts_at", Times.format(c.exhaustsAt()));
        m.put("advice", c.advice());
        return m;
    }

    public static String checksText(List<BudgetCheck> checks) {
        if (checks.isEmpty()) {
            return "No budgets to check (set_budget creates one).\n";
        }
        TextTable t = TextTable.of("budget", "scope", "period", "level", "used", "spent", "limit", "projected",
                "runs out");
        for (BudgetCheck c : checks) {
            Meter m = c.leading();
            boolean usd = m == c.usd();
            t.row(c.budget().name(), c.budget().scopeText(), c.budget().period().wireName(), c.level().wireName(),
                    c.percentUsed().setScale(1, RoundingMode.DOWN).toPlainString() + "%",
                    amount(m.spent(), usd) + (usd && c.usdLowerBound() ? "+" : ""), amount(m.limit(), usd),
                    m.projected() == null ? "-" : amount(m.projected(), usd), runsOut(c));
        }
        StringBuilder out = new StringBuilder(t.render());
        TextTable ahead = TextTable.of("budget", "per day", "next 7d", "next 30d", "next 90d", "next 365d");
        for (BudgetCheck c : checks) {
            Meter m = c.leading();
            boolean usd = m == c.usd();
            String lower = usd && c.usdLowerBound() ? "+" : "";
            List<String> row = new java.util.ArrayList<>(List.of(c.budget().name(),
                    amount(m.ratePerDay().setScale(0, RoundingMode.HALF_EVEN).longValueExact(), usd) + lower));
            for (int d : HORIZON_DAYS) {
                row.add(amount(m.ratePerDay().multiply(BigDecimal.valueOf(d)).setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact(), usd) + lower);
            }
            ahead.row(row.toArray(String[]::new));
        }
        out.append("\nProjection (estimate: each budget's burn rate over the last ")
                .append(checks.get(0).lookback().toDays()).append(" days, held constant):\n").append(ahead.render());
        for (BudgetCheck c : checks) {
            out.append("- ").append(c.advice()).append('\n');
        }
        return out.toString();
    }

    public static String budgetsText(List<Budget> budgets) {
        if (budgets.isEmpty()) {
            return "No budgets (set_budget creates one).\n";
        }
        TextTable t = TextTable.of("budget", "scope", "period", "timezone", "limit", "thresholds");
        for (Budget b : budgets) {
            String limit = (b.limitUsd() == null ? "" : Money.display(b.limitNanos()))
                    + (b.limitUsd() != null && b.limitTokens() != null ? " and " : "")
                    + (b.limitTokens() == null ? "" : Format.count(b.limitTokens()) + " tokens");
            t.row(b.name(), b.scopeText(), b.period().wireName(), b.timezone().getId(), limit, b.thresholds().text());
        }
        return t.render();
    }

    static String runsOut(BudgetCheck c) {
        if (c.exhausted()) {
            return "exhausted";
        }
        Instant at = c.exhaustsAt();
        return at == null ? "not at this rate" : Times.format(at).substring(0, 16).replace('T', ' ') + " UTC";
    }

    static String amount(long v, boolean usd) {
        return usd ? Money.display(v) : Format.compact(v) + " tok";
    }

    static BigDecimal usd(BigDecimal nanos) {
        BigDecimal v = nanos.movePointLeft(9).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    static BigDecimal tokens(BigDecimal perDay) {
        BigDecimal v = perDay.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
