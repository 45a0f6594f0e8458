package dev.tokenomics.budget;

import dev.tokenomics.ledger.Totals;
import dev.tokenomics.stats.Outliers;
import java.math.BigDecimal;
import java.util.List;

/**
 * What cost_insights found in a window. Money is nano-dollars here; views turn it into USD.
 *
 * @param daysWithData local days of the window with at least one event: the basis of the burn rate
 * @param threshold the |modified z| the anomalies were cut at
 */
public record InsightReport(
        InsightWindow window,
        Totals current,
        Totals previous,
        Acceleration acceleration,
        int daysWithData,
        double threshold,
        List<AnomalySet> anomalies,
        List<Degraded> degraded,
        List<Counterfactual> counterfactual,
        List<Finding> findings) {

    /**
     * Spend per day in this window against the previous one of equal length.
     *
     * @param percentChange null when the previous window spent nothing
     * @param alertPercent the --alert-on-acceleration threshold, or null
     */
    public record Acceleration(BigDecimal currentNanosPerDay, BigDecimal previousNanosPerDay,
            BigDecimal percentChange, BigDecimal alertPercent, boolean alert) {}

    /** Modified z-scores of the cost of each session, task or day. */
    public record AnomalySet(String over, int count, Outliers.Method method, long medianNanos, String note,
            List<Anomaly> flagged) {}

    /** Sessions, tasks and days flagged, added up: what --alert-on-outliers counts. */
    public int outlierCount() {
        return anomalies.stream().mapToInt(a -> a.flagged().size()).sum();
    }

    public record Anomaly(String id, long costNanos, double z) {}

    /**
     * A task, stage or task's stage whose numbers should not be trusted or published.
     *
     * @param kind task, stage or task_stage
     */
    public record Degraded(String kind, String taskId, String stage, String reason, long errorEvents, long events,
            long costNanos) {}

    /**
     * The window's priced usage repriced as if every record had used {@code model}.
     *
     * @param savingsNanos asIf - actual: what the actual model mix saved against running everything on
     *     {@code model}; negative means the mix cost more (over-escalation)
     */
    public record Counterfactual(String model, long actualNanos, long asIfNanos, long savingsNanos, long events) {
        public boolean overEscalation() {
            return savingsNanos < 0;
        }
    }

    public record Finding(Severity severity, String kind, String subject, String message) {}

    /** The largest severity, or null when nothing was found. */
    public Severity worst() {
        Severity s = null;
        for (Finding f : findings) {
            if (s == null || f.severity().compareTo(s) > 0) {
                s = f.severity();
            }
        }
        return s;
    }
}
