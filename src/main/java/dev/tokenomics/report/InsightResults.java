package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tokenomics.budget.InsightReport;
import dev.tokenomics.budget.InsightWindow;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cost insights as result records (see {@link Results}): what cost_insights and `insights --json` answer. */
public final class InsightResults {
    private InsightResults() {}

    /** 3.5 as 3.5, 3.0 as 3, 10 as 10 (not 1E+1). */
    static BigDecimal plain(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** The window looked at. */
    public record Window(
            String since,
            @JsonPropertyDescription("exclusive") String until,
            String timezone,
            @JsonPropertyDescription("the window's length in days") BigDecimal days) {

        static Window of(InsightWindow w) {
            return new Window(Times.format(w.since()), Times.format(w.until()), w.zone().getId(), days(w));
        }

        static BigDecimal days(InsightWindow w) {
            BigDecimal d = BigDecimal.valueOf(w.length().toMillis()).divide(BigDecimal.valueOf(86_400_000L), 2,
                    RoundingMode.HALF_EVEN).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }
    }

    /** The window of equal length right before, that the acceleration compares with. */
    public record PreviousWindow(String since, @JsonPropertyDescription("exclusive") String until) {}

    /** Spend per day in the window against the previous one. */
    public record Acceleration(
            BigDecimal usdPerDay,
            BigDecimal previousUsdPerDay,
            @JsonPropertyDescription("null when the previous window spent nothing") @Nullable BigDecimal percentChange,
            @JsonPropertyDescription("the threshold asked for, or null") @Nullable BigDecimal alertOnAccelerationPct,
            @JsonPropertyDescription("true when percent_change reached the threshold") boolean alert) {

        static Acceleration of(InsightReport.Acceleration a) {
            return new Acceleration(BudgetViews.usd(a.currentNanosPerDay()), BudgetViews.usd(a.previousNanosPerDay()),
                    a.percentChange(), a.alertPercent(), a.alert());
        }
    }

    /**
     * The window's spend per day carried forward 7, 30, 90 and 365 days: an estimate, labelled so,
     * with its basis in words and in fields (check_budget's projection has the same basis fields,
     * and tokens too; this one is money only).
     */
    public record Projection(
            @JsonPropertyDescription("how the estimate is made: window, days with data, burn per day") String basis,
            @JsonPropertyDescription("the window's length in days") BigDecimal windowDays,
            @JsonPropertyDescription("local days of the window with any event") int daysWithData,
            @JsonPropertyDescription("the local days it touches") int calendarDays,
            BigDecimal usdPerDay,
            BudgetResults.Horizons usd,
            @JsonPropertyDescription("true when unpriced events make the figures a lower bound") boolean usdLowerBound) {

        static Projection of(InsightReport r) {
            BigDecimal perDay = r.acceleration().currentNanosPerDay();
            return new Projection(InsightViews.basis(r), Window.days(r.window()), r.daysWithData(),
                    r.window().days().size(),
                    BudgetViews.usd(perDay), BudgetResults.Horizons.of(perDay, BudgetViews::usd),
                    !r.current().costComplete());
        }
    }

    /** A session, task or day whose cost stands out. */
    public record Anomaly(
            String id,
            BigDecimal costUsd,
            @JsonPropertyDescription("modified z-score") BigDecimal z,
            @JsonPropertyDescription("high or low") String direction) {

        static Anomaly of(InsightReport.Anomaly a) {
            return new Anomaly(a.id(), Money.usd(a.costNanos()), BigDecimal.valueOf(a.z()).setScale(2,
                    RoundingMode.HALF_EVEN), a.z() > 0 ? "high" : "low");
        }
    }

    /** The costs of the sessions, tasks or days scored, and the ones flagged. */
    public record AnomalySet(
            @JsonPropertyDescription("how many were scored") int count,
            @JsonPropertyDescription("mad, mean_ad or none (too few values, or all equal)") String method,
            BigDecimal medianUsd,
            String note,
            List<Anomaly> flagged) {

        static AnomalySet of(InsightReport.AnomalySet s) {
            return new AnomalySet(s.count(), s.method().name().toLowerCase(Locale.ROOT), Money.usd(s.medianNanos()),
                    s.note(), s.flagged().stream().map(Anomaly::of).toList());
        }
    }

    /** Anomalies over sessions, tasks and days: named keys rather than a map, so each is typed and required. */
    public record Anomalies(
            @JsonPropertyDescription("flagged when |modified z| is above this (default 3.5)") BigDecimal threshold,
            @JsonPropertyDescription("sessions, tasks and days flagged, added up") int outlierCount,
            AnomalySet sessions,
            AnomalySet tasks,
            AnomalySet days) {

        static Anomalies of(InsightReport r) {
            List<InsightReport.AnomalySet> sets = r.anomalies();
            Map<String, AnomalySet> by = new LinkedHashMap<>();
            sets.forEach(s -> by.put(s.over(), AnomalySet.of(s)));
            // CostInsights scores exactly these three; another would need a component here, not a silent drop.
            if (!List.copyOf(by.keySet()).equals(List.of("sessions", "tasks", "days"))) {
                throw new IllegalStateException("anomalies over " + by.keySet() + ", expected sessions, tasks, days");
            }
            return new Anomalies(plain(r.threshold()), r.outlierCount(),
                    by.get("sessions"), by.get("tasks"), by.get("days"));
        }
    }

    /** A task, stage or task's stage whose numbers should not be trusted or published. */
    public record Degraded(
            @JsonPropertyDescription("always DEGRADED") String status,
            @JsonPropertyDescription("task, stage or task_stage") String kind,
            @Nullable String taskId,
            @Nullable String stage,
            String reason,
            long errorEventCount,
            long eventCount,
            BigDecimal costUsd) {

        static Degraded of(InsightReport.Degraded d) {
            return new Degraded("DEGRADED", d.kind(), d.taskId(), d.stage(), d.reason(), d.errorEvents(), d.events(),
                    Money.usd(d.costNanos()));
        }
    }

    /** The window's priced usage repriced as if every event had used one model. */
    public record Counterfactual(
            String model,
            BigDecimal actualUsd,
            @JsonPropertyDescription("the same tokens priced as model") BigDecimal asIfUsd,
            @JsonPropertyDescription("as_if_usd - actual_usd; negative when the actual mix cost more") BigDecimal savingsUsd,
            @JsonPropertyDescription("true when savings_usd is negative") boolean overEscalation,
            long pricedEventCount) {

        static Counterfactual of(InsightReport.Counterfactual c) {
            return new Counterfactual(c.model(), Money.usd(c.actualNanos()), Money.usd(c.asIfNanos()),
                    Money.usd(c.savingsNanos()), c.overEscalation(), c.events());
        }
    }

    /** Something that stands out, with how much it matters. */
    public record Finding(
            @JsonPropertyDescription("info, warning or critical") String severity,
            @JsonPropertyDescription("acceleration, anomaly, degraded or over_escalation") String kind,
            String subject,
            String message) {

        static Finding of(InsightReport.Finding f) {
            return new Finding(f.severity().wireName(), f.kind(), f.subject(), f.message());
        }
    }

    /** Everything cost_insights found in a window. */
    public record Report(
            Window window,
            PreviousWindow previousWindow,
            Results.Totals totals,
            Results.Totals previousTotals,
            Acceleration acceleration,
            Projection projection,
            @JsonPropertyDescription("modified z-scores of the cost of each session, task and day") Anomalies anomalies,
            List<Degraded> degraded,
            List<Counterfactual> counterfactual,
            @JsonPropertyDescription("every finding, in the order found") List<Finding> findings,
            @JsonPropertyDescription("the largest severity among the findings, or none") String worstSeverity) {

        public static Report of(InsightReport r) {
            InsightWindow prev = r.window().previous();
            return new Report(Window.of(r.window()),
                    new PreviousWindow(Times.format(prev.since()), Times.format(prev.until())),
                    Results.Totals.of(r.current()), Results.Totals.of(r.previous()), Acceleration.of(r.acceleration()),
                    Projection.of(r), Anomalies.of(r), r.degraded().stream().map(Degraded::of).toList(),
                    r.counterfactual().stream().map(Counterfactual::of).toList(),
                    r.findings().stream().map(Finding::of).toList(), r.worst() == null ? "none" : r.worst().wireName());
        }
    }
}
