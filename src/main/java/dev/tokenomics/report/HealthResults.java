package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tokenomics.budget.HealthGate;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.TextTable;
import dev.tokenomics.text.Visible;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** `tokenomics health` as a result record (its --json) and as text. */
public final class HealthResults {
    private HealthResults() {}

    public record Check(String check, @JsonPropertyDescription("ok, info, warning, critical or hard_stop") String level,
            String detail) {}

    /** The gate's answer: each check's level, the worst, and the figures the checks were judged on. */
    public record Health(
            @JsonPropertyDescription("the worst level of the checks run") String worstLevel,
            String failOn,
            @JsonPropertyDescription("true when worst_level is at fail_on or above: the exit code is 1") boolean failed,
            String checkedAt,
            @JsonPropertyDescription("the burn window back from checked_at, e.g. 7d or 24h") String window,
            BigDecimal windowDays,
            BigDecimal threshold,
            @Nullable Integer alertOnOutliers,
            BigDecimal alertOnAccelerationPct,
            long runwayDays,
            List<Check> checks,
            @JsonPropertyDescription("cost_insights' projection over the window; null when it was not run")
            @Nullable InsightResults.Projection projection,
            @JsonPropertyDescription("cost_insights' anomalies; null when it was not run") @Nullable InsightResults.Anomalies anomalies,
            @JsonPropertyDescription("check_budget's answer for the budgets checked") BudgetResults.Checks budgets) {

        public static Health of(HealthGate.Result r) {
            HealthGate.Options o = r.options();
            return new Health(r.worst().wireName(), o.failOn().wireName(), r.failed(), Times.format(r.checkedAt()),
                    o.window().text(), o.window().days(), InsightResults.plain(o.threshold()), o.alertOnOutliers(),
                    o.alertOnAccelerationPct(), o.runway().toDays(),
                    r.checks().stream().map(c -> new Check(c.name(), c.level().wireName(), c.detail())).toList(),
                    r.insights() == null ? null : InsightResults.Projection.of(r.insights()),
                    r.insights() == null ? null : InsightResults.Anomalies.of(r.insights()),
                    BudgetResults.Checks.of(r.budgets()));
        }
    }

    public static Map<String, Object> json(HealthGate.Result r) {
        return ResultJson.toMap(Health.of(r));
    }

    /** A line per check, then the verdict with what it was judged on. */
    public static String text(HealthGate.Result r) {
        TextTable t = TextTable.of("check", "level", "detail");
        r.checks().forEach(c -> t.row(c.name(), c.level().wireName(), c.detail()));
        HealthGate.Options o = r.options();
        return Visible.text(t.render()) + "health: " + r.worst().wireName() + " (window " + o.window().text()
                + " back from now; fails at " + o.failOn().wireName() + " or above: " + (r.failed() ? "FAILED" : "passed")
                + ")\n";
    }
}
