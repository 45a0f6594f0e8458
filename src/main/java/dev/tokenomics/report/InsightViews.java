package dev.tokenomics.report;

import dev.tokenomics.budget.InsightReport.AnomalySet;
import dev.tokenomics.budget.InsightReport.Counterfactual;
import dev.tokenomics.budget.InsightReport.Finding;
import dev.tokenomics.budget.InsightReport;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Cost insights as text; the JSON answer is {@link InsightResults.Report}. */
public final class InsightViews {
    static final int MAX_TEXT_FINDINGS = 25;

    private InsightViews() {}

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
        out.append("Projection at this burn:");
        String lower = r.current().costComplete() ? "" : "+";
        for (int d : BudgetViews.HORIZON_DAYS) {
            out.append(' ').append(d).append("d ").append(Money.display(a.currentNanosPerDay()
                    .multiply(BigDecimal.valueOf(d)).setScale(0, RoundingMode.HALF_EVEN).longValue())).append(lower);
        }
        out.append(" (").append(basis(r)).append(")\n");
        TextTable cf = TextTable.of("priced as", "actual", "as if", "savings", "over-escalation");
        for (Counterfactual c : r.counterfactual()) {
            cf.row(c.model(), Money.display(c.actualNanos()), Money.display(c.asIfNanos()),
                    Money.display(c.savingsNanos()), c.overEscalation() ? "yes" : "no");
        }
        out.append(cf.render());
        out.append("Anomalies at |modified z| > ").append(InsightResults.plain(r.threshold()).toPlainString())
                .append(": ").append(r.outlierCount()).append(r.outlierCount() == 1 ? " outlier" : " outliers")
                .append('\n');
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

    /**
     * "estimate: $12.34/day, the window's spend over its 7 days (spend on 5 of the 8 days it touches),
     * held constant".
     */
    static String basis(InsightReport r) {
        String perDay = Money.display(r.acceleration().currentNanosPerDay().setScale(0, RoundingMode.HALF_EVEN)
                .longValue()) + "/day" + (r.current().costComplete() ? "" : " (a lower bound)");
        BigDecimal days = InsightResults.Window.days(r.window());
        return "estimate: " + perDay + ", the window's spend over its " + days.toPlainString()
                + (days.compareTo(BigDecimal.ONE) == 0 ? " day" : " days") + " ("
                + BudgetViews.daysWithData(r.daysWithData(), r.window().days().size()) + "), held constant";
    }

    private static String signed(BigDecimal pct) {
        return (pct.signum() > 0 ? "+" : "") + pct.toPlainString();
    }
}
