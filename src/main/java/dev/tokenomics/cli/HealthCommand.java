package dev.tokenomics.cli;

import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.CostInsights;
import dev.tokenomics.budget.HealthGate;
import dev.tokenomics.budget.InsightReport;
import dev.tokenomics.budget.InsightWindow;
import dev.tokenomics.budget.Level;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.HealthResults;
import dev.tokenomics.stats.Outliers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics health}: seed 004's composite CI gate. It runs the budget, burn, anomaly and
 * projection checks on one ledger, over one burn window back from now, and exits with the worst:
 * 1 when any is at --fail-on or above. The checks read what `budget check` and `insights` read
 * (Budgets, CostInsights) with the same flags, so the gate cannot disagree with them.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"One CI gate over budgets, burn acceleration, cost anomalies and the projection, all over one "
                + "window back from now: prints each check's level and exits 1 when any is at --fail-on or above "
                + "(default warning), 0 otherwise, 2 on bad input. Outliers gate only with --alert-on-outliers.",
                "Example: tokenomics health --window 7d --alert-on-acceleration 100 --alert-on-outliers 1 --skip burn"})
final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--window", paramLabel = "WINDOW", converter = BudgetCommand.WindowConverter.class,
            description = "The burn window back from now that every check reads: the budgets' burn rate and "
                    + "projection, the acceleration (against the window before it), the anomalies: Nd or Nh, e.g. "
                    + "7d, 30d, 24h (default 7d).")
    String window;

    @Option(names = "--budget", paramLabel = "NAME", description = "budget, projection: only this budget (as "
            + "`budget check NAME`).")
    String budget;

    @Option(names = "--scope", description = "budget, projection: only the budgets on this scope.")
    String scope;

    @Option(names = "--scope-id", description = "With --scope: the scope's id.")
    String scopeId;

    @Option(names = "--alert-on-acceleration", paramLabel = "PCT",
            description = "burn: warn when spend per day rose at least PCT percent on the window before (critical at "
                    + "twice it; default 100).")
    BigDecimal alertOnAcceleration;

    @Option(names = "--threshold", paramLabel = "Z", description = "anomaly: a session, task or day is an outlier when "
            + "|modified z| is above Z (default 3.5).")
    BigDecimal threshold;

    @Option(names = "--alert-on-outliers", paramLabel = "N",
            description = "anomaly: warn when at least N sessions, tasks and days together are outliers. Without it "
                    + "outliers are listed at info and never fail the gate.")
    Integer alertOnOutliers;

    /** The spellings health had before it took insights' own; kept for scripts, out of the help. */
    @Option(names = "--alert-acceleration", paramLabel = "PCT", hidden = true,
            description = "The old spelling of --alert-on-acceleration.")
    BigDecimal oldAlertAcceleration;

    @Option(names = "--alert-outliers", paramLabel = "N", hidden = true,
            description = "The old spelling of --alert-on-outliers.")
    Integer oldAlertOutliers;

    @Option(names = "--runway", paramLabel = "LENGTH",
            description = "projection: warn when a total budget runs out within this at the window's burn (a day, "
                    + "week or month budget warns when it runs out before its period ends): Nd or Nh (default 30d).")
    String runway;

    @Option(names = "--skip", paramLabel = "CHECK", split = ",",
            description = "Checks to leave out: budget, burn, anomaly, projection (comma-separated or repeated).")
    List<String> skip;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Exit 1 when a check is at this level or above: info, warning, critical, hard_stop "
                    + "(default ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--timezone", description = "IANA zone of the anomalies' days (default UTC); a budget's days with "
            + "data are cut in its own timezone.")
    String timezone;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        alertOnAcceleration = either("--alert-on-acceleration", alertOnAcceleration, "--alert-acceleration",
                oldAlertAcceleration);
        alertOnOutliers = either("--alert-on-outliers", alertOnOutliers, "--alert-outliers", oldAlertOutliers);
        HealthGate.Options o = new HealthGate.Options(BurnWindow.parse("--window", window),
                alertOnAcceleration == null ? HealthGate.DEFAULT_ACCELERATION_PCT : alertOnAcceleration,
                threshold == null ? Outliers.DEFAULT_THRESHOLD : Outliers.threshold("--threshold", threshold.doubleValue()),
                alertOnOutliers, runway == null ? HealthGate.DEFAULT_RUNWAY : BurnWindow.parse("--runway", runway).length(),
                Set.copyOf(skip == null ? List.of() : skip.stream().map(String::strip).toList()),
                Level.parse("--fail-on", failOn));
        try (TokenLedger l = ledger.open()) {
            Instant now = l.clock().instant();
            List<BudgetCheck> budgets = List.of();
            if (o.runs("budget") || o.runs("projection")) {
                Budgets b = Budgets.of(l);
                budgets = b.check(b.select(budget, scope, scopeId), o.window());
            }
            InsightReport insights = null;
            if (o.needsInsights()) {
                l.reprice(); // as cost_insights does: the insights read stored costs
                InsightWindow w = InsightWindow.of(null, null, o.window(), InsightWindow.zone(timezone), now);
                insights = CostInsights.of(l).gate(w, o.alertOnAccelerationPct(), o.threshold());
            }
            HealthGate.Result r = HealthGate.judge(o, now, budgets, insights);
            var out = spec.commandLine().getOut();
            out.print(json ? ToolRunner.JSON.writeValueAsString(HealthResults.json(r)) + "\n" : HealthResults.text(r));
            out.flush();
            return r.failed() ? Exit.FAILED : Exit.OK;
        }
    }

    private static <T> T either(String name, T value, String oldName, T old) {
        if (value != null && old != null) {
            throw new IllegalArgumentException("give " + name + " or " + oldName + " (its old spelling), not both");
        }
        return value != null ? value : old;
    }
}
