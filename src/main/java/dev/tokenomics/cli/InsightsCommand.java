package dev.tokenomics.cli;

import dev.tokenomics.budget.Severity;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.stats.Outliers;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics insights}: the twin of cost_insights, with a severity gate. */
@Command(name = "insights", mixinStandardHelpOptions = true,
        description = {"Burn acceleration, anomalies, DEGRADED tasks and stages, the model counterfactual and the "
                + "7/30/90/365-day projection over a window (cost_insights). Exits 1 when a finding is at --fail-on "
                + "LEVEL or above, or when at least --alert-on-outliers N outliers are found; 0 otherwise; 2 on bad "
                + "input.",
                "Example: tokenomics insights --since 2026-11-01 --until 2026-11-07 --timezone Europe/Paris "
                        + "--alert-on-acceleration 50 --fail-on warning",
                "         tokenomics insights --window 24h --threshold 3 --alert-on-outliers 1"})
final class InsightsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--since", description = "Window start, inclusive: YYYY-MM-DD or ISO-8601 time (default: 7 days "
            + "before --until).")
    String since;

    @Option(names = "--until", description = "Window end, inclusive: YYYY-MM-DD or ISO-8601 time (default: today).")
    String until;

    @Option(names = "--window", paramLabel = "WINDOW", converter = BudgetCommand.WindowConverter.class,
            description = "Instead of --since: the window is this long back from --until, or from now: Nd or Nh, "
                    + "e.g. 7d, 30d, 24h.")
    String window;

    @Option(names = "--timezone", description = "IANA zone of the dates and per-day buckets (default UTC).")
    String timezone;

    @Option(names = "--threshold", paramLabel = "Z", description = "Flag a session, task or day as an outlier when "
            + "|modified z| is above Z (Iglewicz and Hoaglin; default 3.5).")
    BigDecimal threshold;

    @Option(names = "--alert-on-outliers", paramLabel = "N", description = "Exit 1 when at least N sessions, tasks and "
            + "days together are outliers (off unless given).")
    Integer alertOnOutliers;

    @Option(names = "--alert-on-acceleration", paramLabel = "PCT",
            description = "Warn when spend per day rose at least PCT percent against the previous window.")
    BigDecimal alertOnAcceleration;

    @Option(names = "--model", paramLabel = "MODEL", description = "Counterfactual model (repeatable; default "
            + "claude-haiku-4-5, claude-sonnet-4-5, claude-opus-4-5).")
    List<String> models;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 when a finding is at this severity or "
            + "above: info, warning or critical.")
    String failOn;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only one Claude Code workflow run's events "
            + "(`tokenomics runs` lists them); give a window that holds the run.")
    String run;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Severity gate = failOn == null ? null : Severity.parse("--fail-on", failOn);
        if (alertOnOutliers != null && alertOnOutliers < 1) {
            throw new IllegalArgumentException("--alert-on-outliers must be at least 1, got " + alertOnOutliers);
        }
        if (since != null && window != null) {
            throw new IllegalArgumentException("give --since or --window, not both (--window counts back from --until, "
                    + "or now)");
        }
        if (threshold != null) {
            Outliers.threshold("--threshold", threshold.doubleValue());
        }
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        EventOptions.put(args, "window", window);
        EventOptions.put(args, "timezone", timezone);
        EventOptions.put(args, "threshold", threshold);
        EventOptions.put(args, "alert_on_acceleration_pct", alertOnAcceleration);
        EventOptions.put(args, "run", run);
        if (models != null && !models.isEmpty()) {
            args.put("models", models);
        }
        try (TokenLedger l = ledger.open()) {
            CallToolResult r = ToolRunner.call(l, "cost_insights", args);
            int printed = ToolRunner.print(r, json, spec.commandLine().getOut(), spec.commandLine().getErr());
            if (printed != Exit.OK) {
                return printed;
            }
            Map<?, ?> s = (Map<?, ?>) r.structuredContent();
            String worst = (String) s.get("worst_severity");
            boolean failed = gate != null && !"none".equals(worst)
                    && Severity.parse("worst_severity", worst).compareTo(gate) >= 0;
            int outliers = ((Number) ((Map<?, ?>) s.get("anomalies")).get("outlier_count")).intValue();
            if (alertOnOutliers != null && outliers >= alertOnOutliers) {
                // stderr: --json keeps stdout one JSON document.
                spec.commandLine().getErr().println("alert: " + outliers + (outliers == 1 ? " outlier" : " outliers")
                        + ", at or past --alert-on-outliers " + alertOnOutliers);
                spec.commandLine().getErr().flush();
                failed = true;
            }
            return failed ? Exit.FAILED : Exit.OK;
        }
    }
}
