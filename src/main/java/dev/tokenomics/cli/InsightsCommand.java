package dev.tokenomics.cli;

import dev.tokenomics.budget.Severity;
import dev.tokenomics.ledger.TokenLedger;
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
        description = {"Burn acceleration, anomalies, DEGRADED tasks and stages, and the model counterfactual over a "
                + "window (cost_insights). With --fail-on LEVEL, exits 1 when a finding is at LEVEL or above.",
                "Example: tokenomics insights --since 2026-11-01 --until 2026-11-07 --timezone Europe/Paris "
                        + "--alert-on-acceleration 50 --fail-on warning"})
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

    @Option(names = "--timezone", description = "IANA zone of the dates and per-day buckets (default UTC).")
    String timezone;

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
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        EventOptions.put(args, "timezone", timezone);
        EventOptions.put(args, "alert_on_acceleration_pct", alertOnAcceleration);
        EventOptions.put(args, "run", run);
        if (models != null && !models.isEmpty()) {
            args.put("models", models);
        }
        try (TokenLedger l = ledger.open()) {
            CallToolResult r = ToolRunner.call(l, "cost_insights", args);
            int printed = ToolRunner.print(r, json, spec.commandLine().getOut(), spec.commandLine().getErr());
            if (printed != Exit.OK || gate == null) {
                return printed;
            }
            String worst = (String) ((Map<?, ?>) r.structuredContent()).get("worst_severity");
            return !"none".equals(worst) && Severity.parse("worst_severity", worst).compareTo(gate) >= 0
                    ? Exit.FAILED : Exit.OK;
        }
    }
}
