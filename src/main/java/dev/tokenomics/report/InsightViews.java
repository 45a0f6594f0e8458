package dev.tokenomics.report;

import dev.tokenomics.budget.InsightReport.Anomaly;
import dev.tokenomics.budget.InsightReport.AnomalySet;
import dev.tokenomics.budget.InsightReport.Counterfactual;
import dev.tokenomics.budget.InsightReport.Degraded;
import dev.tokenomics.budget.InsightReport.Finding;
import dev.tokenomics.budget.InsightReport;
import dev.tokenomics.budget.Severity;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cost insights as JSON maps and text. */
public final class InsightViews {
    static final int MAX_TEXT_FINDINGS = 25;

    private InsightViews() {}

    public static Map<String, Object> report(InsightReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("since", Times.format(r.window().since()));
        w.put("until", Times.format(r.window().until()));
        w.put("timezone", r.window().zone().getId());
        w.put("days", BigDecimal.valueOf(r.window().length().toMillis())
                .divide(BigDecimal.valueOf(86_400_000L), 2, RoundingMode.HALF_EVEN).stripTrailingZeros());
        m.put("window", w);
        m.put("previous_window", Map.of("since", Times.format(r.window().previous().since()),
                "until", Times.format(r.window().previous().until())));
        m.put("totals", Views.totals(r.current()));
        m.put("previous_totals", Views.totals(r.previous()));
        InsightReport.Acceleration a = r.acceleration();
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("usd_per_day", usd(a.currentNanosPerDay()));
        acc.put("previous_usd_per_day", usd(a.previousNanosPerDay()));
        acc.put("percent_change", a.percentChange());
        acc.put("alert_on_acceleration_pct", a.alertPercent());
        acc.put("alert", a.alert());
        m.put("acceleration", acc);
        m.put("projection", projection(r));
        Map<String, Object> anomalies = new LinkedHashMap<>();
        for (AnomalySet s : r.anomalies()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("count", s.count());
            one.put("method", s.method().name().toLowerCase(Locale.ROOT));
            one.put("median_usd", Money.usd(s.medianNanos()));
            one.put("note", s.note());
            one.put("flagged", s.flagged().stream().map(InsightViews::anomaly).toList());
            anomalies.put(s.over(), one);
        }
        m.put("anomalies", anomalies);
        m.put("degraded", r.degraded().stream().map(InsightViews::degraded).toList());
        m.put("counterfactual", r.counterfactual().stream().map(InsightViews::counterfactual).toList());
        m.put("findings", r.findings().stream().map(InsightViews::finding).toList());
        Severity worst = r.worst();
        m.put("worst_severity", worst == null ? "none" : worst.wireName());
        return m;
    }

    static Map<String, Object> anomaly(Anomaly a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("cost_usd", Money.usd(a.costNanos()));
        m.put("z", BigDecimal.valueOf(a.z()).setScale(2, RoundingMode.HALF_EVEN));
        m.put("direction", a.z() > 0 ? "high" : "low");
        return m;
    }

    static Map<String, Object> degraded(Degraded d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "DEGRADED");
        m.put("kind", d.kind());
        m.put("task_id", d.taskId());
        m.put("stage", d.stage());
        m.put("reason", d.reason());
        m.put("error_event_count", d.errorEvents());
        m.put("event_count", d.events());
        m.put("cost_usd", Money.usd(d.costNanos()));
        return m;
    }

    static Map<String, Object> counterfactual(Counterfactual c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", c.model());
        m.put("actual_usd", Money.usd(c.actualNanos()));
        m.put("as_if_usd", Money.usd(c.asIfNanos()));
        m.put("savings_usd", Money.usd(c.savingsNanos()));
        m.put("over_escalation", c.overEscalation());
        m.put("priced_event_count", c.events());
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().wireName());
        m.put("kind", f.kind());
        m.put("subject", f.subject());
        m.put("message", f.message());
        return m;
    }

    /** The window's spend per day carried forward 7, 30, 90 and 365 days: an estimate, labelled so. */
    static Map<String, Object> projection(InsightReport r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("basis", "estimate: the window's spend per day, held constant");
        p.put("usd", BudgetViews.horizons(r.acceleration().currentNanosPerDay(), InsightViews::usd));
        p.put("usd_lower_bound", !r.current().costComplete());
        return p;
    }

    public static String text(InsightReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Insights ").append(Times.format(r.window().since())).append(" .. ")
                .append(Times.format(r.window().until())).append(" (").append(r.window().zone().getId()).append("): ")
                .append(TextViews.cost(r.current())).append(" over ").append(r.current().events()).append(" events\n");
        InsightReport.Acceleration a = r.acceleration();
        out.append("Burn: ").append(Money.display(a.currentNanosPerDay().setScale(0, RoundingMode.HALF_EVEN).longValue()))
                .append("/day vs ").append(Money.display(a.previousNanosPerDay().setScale(0, RoundingMode.HALF_EVEN)
                        .longValue())).append("/day before (")
                .append(a.percentChange() == null ? "no spend before" : signed(a.percentChange()) + "%").append(")\n");
        out.append("Projection at this burn (estimate):");
        String lower = r.current().costComplete() ? "" : "+";
        for (int d : BudgetViews.HORIZON_DAYS) {
            out.append(' ').append(d).append("d ").append(Money.display(a.currentNanosPerDay()
                    .multiply(BigDecimal.valueOf(d)).setScale(0, RoundingMode.HALF_EVEN).longValue())).append(lower);
        }
        out.append('\n');
        TextTable cf = TextTable.of("priced as", "actual", "as if", "savings", "over-escalation");
        for (Counterfactual c : r.counterfactual()) {
            cf.row(c.model(), Money.display(c.actualNanos()), Money.display(c.asIfNanos()),
                    Money.display(c.savingsNanos()), c.overEscalation() ? "yes" : "no");
        }
        out.append(cf.render());
        for (AnomalySet s : r.anomalies()) {
            out.append("Anomalies over ").append(s.over()).append(" (n=").append(s.count()).append("): ")
                    .append(s.flagged().isEmpty() ? "none" : s.flagged().size() + " flagged").append(" - ")
                    .append(s.note()).append('\n');
        }
        if (r.findings().isEmpty()) {
            out.append("No findings.\n");
        } else {
            out.append("Findings:\n");
            // The most severe first; a long tail is cut (the JSON holds every finding).
            List<Finding> sorted = new ArrayList<>(r.findings());
            sorted.sort(Comparator.comparing(Finding::severity).reversed());
            for (Finding f : sorted.subList(0, Math.min(MAX_TEXT_FINDINGS, sorted.size()))) {
                out.append("- [").append(f.severity().wireName()).append("] ").append(f.message()).append('\n');
            }
            if (sorted.size() > MAX_TEXT_FINDINGS) {
                out.append("... and ").append(sorted.size() - MAX_TEXT_FINDINGS).append(" more (--json lists all)\n");
            }
        }
        return out.toString();
    }

    private static String signed(BigDecimal pct) {
        return (pct.signum() > 0 ? "+" : "") + pct.toPlainString();
    }

    private static BigDecimal usd(BigDecimal nanos) {
        return BudgetViews.usd(nanos);
    }
}
