package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.budget.SummaryDiff;
import dev.tokenomics.budget.SummaryDiff.Line;
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
        m.put("baseline_usd", l.baseline().costUsd());
        m.put("current_usd", l.current().costUsd());
        m.put("change_usd", l.changeUsd());
        m.put("change_pct", l.changePct());
        m.put("baseline_tokens", l.baseline().tokens());
        m.put("current_tokens", l.current().tokens());
        m.put("change_tokens", l.changeTokens());
        return m;
    }

    public static String text(SummaryDiff.Result r) {
        TextTable t = TextTable.of("table", "name", "baseline", "current", "change", "change %", "tokens change");
        t.row("total", "", usd(r.total().baseline().costUsd()), usd(r.total().current().costUsd()),
                signedUsd(r.total().changeUsd()), pct(r.total().changePct()), signed(r.total().changeTokens()));
        for (Line l : r.lines()) {
            t.row(l.table(), l.name() + (l.status().equals("added") || l.status().equals("removed")
                    ? " (" + l.status() + ")" : ""), usd(l.baseline().costUsd()), usd(l.current().costUsd()),
                    signedUsd(l.changeUsd()), pct(l.changePct()), signed(l.changeTokens()));
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

    /** The one rule for money in text (Money.display), from the saved summaries' exact dollars. */
    private static String usd(BigDecimal v) {
        return Money.display(v.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String signedUsd(BigDecimal v) {
        return (v.signum() > 0 ? "+" : v.signum() < 0 ? "-" : "") + usd(v.abs());
    }

    private static String pct(BigDecimal p) {
        return p == null ? "new" : (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
    }

    private static String signed(long n) {
        return (n > 0 ? "+" : "") + Format.count(n);
    }
}
