package dev.tokenomics.report;

import dev.tokenomics.budget.SummaryDiff.Line;
import dev.tokenomics.budget.SummaryDiff;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The regression gate's comparison as JSON and text. */
public final class DiffViews {
    private DiffViews() {}

    public static Map<String, Object> result(SummaryDiff.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", line(r.total()));
        m.put("lines", r.lines().stream().map(DiffViews::line).toList());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("fail_on_pct", r.failOnPct());
        limits.put("fail_on_usd", r.failOnUsd());
        m.put("limits", limits);
        m.put("breaches", r.breaches());
        m.put("failed", r.failed());
        return m;
    }

    static Map<String, Object> line(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", l.table());
        m.put("name", l.name());
        m.put("status", l.status());
        m.put("pricing", l.pricing().wireName());
        m.put("baseline_usd", l.baseline().costUsd());
        m.put("baseline_cost_complete", l.baseline().costComplete());
        m.put("current_usd", l.current().costUsd());
        m.put("current_cost_complete", l.current().costComplete());
        m.put("change_usd", l.changeUsd());
        m.put("change_pct", l.changePct());
        m.put("baseline_tokens", l.baseline().tokens());
        m.put("current_tokens", l.current().tokens());
        m.put("change_tokens", l.changeTokens());
        return m;
    }

    public static String text(SummaryDiff.Result r) {
        TextTable t = TextTable.of("table", "name", "baseline", "current", "change", "change %", "tokens change");
        t.row("total", "", usd(r.total().baseline()), usd(r.total().current()), change(r.total()),
                pct(r.total()), signed(r.total().changeTokens()));
        for (Line l : r.lines()) {
            t.row(l.table(), l.name() + (l.status().equals("added") || l.status().equals("removed")
                    ? " (" + l.status() + ")" : ""), usd(l.baseline()), usd(l.current()), change(l), pct(l),
                    signed(l.changeTokens()));
        }
        StringBuilder out = new StringBuilder(t.render());
        if (r.failOnPct() == null && r.failOnUsd() == null) {
            out.append("No limits given (--fail-on-pct, --fail-on-usd): nothing to gate.\n");
        } else if (r.failed()) {
            out.append("Regression gate FAILED:\n");
            r.breaches().forEach(b -> out.append("- ").append(b).append('\n'));
        } else {
            out.append("Regression gate passed.\n");
        }
        return out.toString();
    }

    /** "--" for an unpriced side, "≥ $1.2" for a lower bound. */
    private static String usd(SummaryDiff.Figures f) {
        if (f.unpriced()) {
            return Cost.NONE;
        }
        return (f.costComplete() ? "" : Cost.AT_LEAST) + usd(f.costUsd());
    }

    /** The one rule for money in text (Money.display), from the saved summaries' exact dollars. */
    private static String usd(BigDecimal v) {
        return Money.display(v.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }

    /** The USD change, or what the pricing says when there is no USD change to give. */
    private static String change(Line l) {
        if (l.changeUsd() == null) {
            return switch (l.pricing()) {
                case BECAME_PRICED -> "now priced";
                case BECAME_UNPRICED -> "now unpriced";
                default -> "unpriced";
            };
        }
        BigDecimal v = l.changeUsd();
        String lowerBound = l.pricing() == SummaryDiff.Pricing.PARTIAL ? " (lower bounds)" : "";
        return (v.signum() > 0 ? "+" : v.signum() < 0 ? "-" : "") + usd(v.abs()) + lowerBound;
    }

    /** "new" only for a line the baseline did not have; "--" where there is no percent otherwise. */
    private static String pct(Line l) {
        BigDecimal p = l.changePct();
        if (p == null) {
            return l.status().equals("added") ? "new" : "--";
        }
        return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
    }

    private static String signed(long n) {
        return (n > 0 ? "+" : "") + Format.count(n);
    }
}
