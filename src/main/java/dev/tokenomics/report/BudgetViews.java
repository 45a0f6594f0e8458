package dev.tokenomics.report;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.Meter;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Budgets and budget checks as JSON maps and short text. */
public final class BudgetViews {
    private BudgetViews() {}

    public static Map<String, Object> budget(Budget b) {
        return ResultJson.toMap(BudgetResults.BudgetDef.of(b));
    }

    public static Map<String, Object> check(BudgetCheck c) {
        return ResultJson.toMap(BudgetResults.Check.of(c));
    }

    /** The horizons of the forward projection, in days (seed 004's cost-projection). */
    public static final List<Integer> HORIZON_DAYS = List.of(7, 30, 90, 365);

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
        return ResultJson.toMap(BudgetResults.Checks.of(checks));
    }

    /** The compact view carried by record results: enough to act on without a second call. */
    public static Map<String, Object> brief(BudgetCheck c) {
        return ResultJson.toMap(Results.BudgetBrief.of(c));
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
        TextTable ahead = TextTable.of("budget", "per day", "days with spend", "next 7d", "next 30d", "next 90d",
                "next 365d");
        for (BudgetCheck c : checks) {
            Meter m = c.leading();
            boolean usd = m == c.usd();
            String lower = usd && c.usdLowerBound() ? "+" : "";
            List<String> row = new java.util.ArrayList<>(List.of(c.budget().name(),
                    amount(m.ratePerDay().setScale(0, RoundingMode.HALF_EVEN).longValueExact(), usd) + lower,
                    c.burn().daysWithData() + " of " + c.burn().calendarDays()));
            for (int d : HORIZON_DAYS) {
                row.add(amount(m.ratePerDay().multiply(BigDecimal.valueOf(d)).setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact(), usd) + lower);
            }
            ahead.row(row.toArray(String[]::new));
        }
        out.append("\nProjection (estimate: each budget's burn per day over the last ")
                .append(checks.get(0).burn().window().words()).append(" to now, held constant):\n").append(ahead.render());
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
        if (at == null) {
            return "not at this rate";
        }
        Meter m = c.usd() != null && at.equals(c.usd().exhaustsAt()) ? c.usd() : c.tokens();
        return Times.format(at).substring(0, 16).replace('T', ' ') + " UTC (in "
                + m.daysUntilExhaustion(c.checkedAt()).toPlainString() + " d)";
    }

    /**
     * The projection's basis in words: "estimate: $12.34/day and 1.2M tokens/day, the burn over the
     * last 7 days to now (spend on 5 of the 8 days it touches), held constant".
     */
    static String basis(BudgetCheck c) {
        List<String> rates = new ArrayList<>();
        if (c.usd() != null) {
            rates.add(Money.display(c.usd().ratePerDay().setScale(0, RoundingMode.HALF_EVEN).longValueExact()) + "/day"
                    + (c.usdLowerBound() ? " (a lower bound)" : ""));
        }
        if (c.tokens() != null) {
            rates.add(Format.compact(c.tokens().ratePerDay().setScale(0, RoundingMode.HALF_EVEN).longValueExact())
                    + " tokens/day");
        }
        return "estimate: " + String.join(" and ", rates) + ", the burn over the last " + c.burn().window().words()
                + " to now (" + daysWithData(c.burn().daysWithData(), c.burn().calendarDays()) + "), held constant";
    }

    /** "spend on 5 of the 8 days it touches": how much of the window the rate stands on. */
    static String daysWithData(int n, int of) {
        return n == 0 ? "no spend in it" : "spend on " + n + " of the " + of + (of == 1 ? " day" : " days")
                + " it touches";
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
