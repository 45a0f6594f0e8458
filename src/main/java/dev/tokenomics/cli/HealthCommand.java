package dev.tokenomics.cli;

import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.Level;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.text.TextTable;
import dev.tokenomics.text.Visible;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics health}: seed 004's composite CI gate. It runs the budget, burn, anomaly and
 * projection checks on one ledger and exits with the worst: 1 when any is at --fail-on or above.
 * Each check reads the same tool its own command does, so the gate cannot disagree with them.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"One CI gate over budgets, burn acceleration, cost anomalies and the projection: prints each "
                + "check's level and exits 1 when any is at --fail-on or above (default warning), 0 otherwise, "
                + "2 on bad input.",
                "Example: tokenomics health --alert-acceleration 100 --alert-outliers 1 --skip anomaly"})
final class HealthCommand implements Callable<Integer> {
    static final List<String> CHECKS = List.of("budget", "burn", "anomaly", "projection");

    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--window", paramLabel = "WINDOW", converter = BudgetCommand.WindowConverter.class,
            description = "What the burn rate, the anomalies and the projection look back over: Nd or Nh (default 7d).")
    String window;

    @Option(names = "--alert-acceleration", paramLabel = "PCT", defaultValue = "100",
            description = "burn: warn when spend per day rose at least PCT percent on the previous window (critical at "
                    + "twice it; default ${DEFAULT-VALUE}).")
    BigDecimal alertAcceleration;

    @Option(names = "--alert-outliers", paramLabel = "N", defaultValue = "1",
            description = "anomaly: warn when at least N sessions, tasks or days are cost outliers (modified z-score "
                    + "beyond 3.5; default ${DEFAULT-VALUE}).")
    int alertOutliers;

    @Option(names = "--skip", paramLabel = "CHECK", split = ",",
            description = "Checks to leave out: budget, burn, anomaly, projection (comma-separated or repeated).")
    List<String> skip;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Exit 1 when a check is at this level or above: info, warning, critical, hard_stop "
                    + "(default ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--timezone", description = "IANA zone of the days (default UTC).")
    String timezone;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    private record Check(String name, Level level, String detail) {}

    @Override
    public Integer call() {
        Level gate = Level.parse("--fail-on", failOn);
        Set<String> skipped = Set.copyOf(skip == null ? List.of() : skip.stream().map(String::strip).toList());
        for (String s : skipped) {
            if (!CHECKS.contains(s)) {
                throw new IllegalArgumentException("--skip: no check '" + s + "'; the checks are " + String.join(", ", CHECKS));
            }
        }
        if (alertOutliers < 1) {
            throw new IllegalArgumentException("--alert-outliers must be at least 1, got " + alertOutliers);
        }
        BurnWindow w = BurnWindow.parse("--window", window);
        long days = w.length().toDays();
        List<Check> checks = new ArrayList<>();
        try (TokenLedger l = ledger.open()) {
            if (!skipped.contains("budget") || !skipped.contains("projection")) {
                Map<String, Object> budgets = structured(ToolRunner.call(l, "check_budget", Map.of("window", w.text())));
                if (!skipped.contains("budget")) {
                    checks.add(budgetCheck(budgets));
                }
                if (!skipped.contains("projection")) {
                    checks.add(projectionCheck(budgets));
                }
            }
            if (!skipped.contains("burn") || !skipped.contains("anomaly")) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("since", l.clock().instant().minus(w.length()).toString());
                args.put("alert_on_acceleration_pct", alertAcceleration);
                EventOptions.put(args, "timezone", timezone);
                Map<String, Object> insights = structured(ToolRunner.call(l, "cost_insights", args));
                if (!skipped.contains("burn")) {
                    checks.add(findingsCheck("burn", insights, "acceleration", 1, "no acceleration beyond "
                            + alertAcceleration.stripTrailingZeros().toPlainString() + "%"));
                }
                if (!skipped.contains("anomaly")) {
                    checks.add(findingsCheck("anomaly", insights, "anomaly", alertOutliers, "no cost outliers"));
                }
            }
        }
        Level worst = Level.OK;
        for (Check c : checks) {
            worst = Level.max(worst, c.level());
        }
        print(checks, worst, days);
        return worst.compareTo(gate) >= 0 && worst != Level.OK ? Exit.FAILED : Exit.OK;
    }

    private static Map<String, Object> structured(CallToolResult r) {
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalArgumentException(ToolRunner.text(r));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.structuredContent();
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static Check budgetCheck(Map<String, Object> budgets) {
        List<Map<String, Object>> all = list(budgets.get("budgets"));
        if (all.isEmpty()) {
            return new Check("budget", Level.OK, "no budgets set");
        }
        Level worst = Level.parse("worst_level", (String) budgets.get("worst_level"));
        List<String> at = new ArrayList<>();
        for (Map<String, Object> b : all) {
            if (!"ok".equals(b.get("level"))) {
                at.add(b.get("name") + " " + b.get("level") + " (" + b.get("percent_used") + "%)");
            }
        }
        return new Check("budget", worst, at.isEmpty() ? all.size() + " budgets ok" : String.join("; ", at));
    }

    /** A budget that runs out before its period ends at the current burn rate is a warning. */
    private static Check projectionCheck(Map<String, Object> budgets) {
        List<String> running = new ArrayList<>();
        for (Map<String, Object> b : list(budgets.get("budgets"))) {
            if (!Boolean.TRUE.equals(b.get("exhausted")) && b.get("exhausts_at") != null) {
                running.add(b.get("name") + " runs out " + b.get("exhaustion"));
            }
        }
        return running.isEmpty() ? new Check("projection", Level.OK, "no budget runs out this period at this rate")
                : new Check("projection", Level.WARNING, String.join("; ", running));
    }

    /** The worst finding of {@code kind}, counted only from {@code atLeast} findings on. */
    private static Check findingsCheck(String name, Map<String, Object> insights, String kind, int atLeast, String none) {
        List<Map<String, Object>> found = list(insights.get("findings")).stream()
                .filter(f -> kind.equals(f.get("kind"))).toList();
        Level worst = Level.OK;
        for (Map<String, Object> f : found) {
            worst = Level.max(worst, Level.parse("severity", (String) f.get("severity")));
        }
        if (found.isEmpty()) {
            return new Check(name, Level.OK, none);
        }
        if (found.size() < atLeast) {
            return new Check(name, Level.INFO, found.size() + " found, below the alert at " + atLeast);
        }
        String first = String.valueOf(found.get(0).get("message"));
        return new Check(name, worst, found.size() == 1 ? first : found.size() + " found; first: " + first);
    }

    private void print(List<Check> checks, Level worst, long days) {
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worst_level", worst.wireName());
            m.put("window_days", days);
            m.put("checks", checks.stream().map(c -> Map.of("check", c.name(), "level", c.level().wireName(),
                    "detail", c.detail())).toList());
            out.println(ToolRunner.JSON.writeValueAsString(m));
        } else {
            TextTable t = TextTable.of("check", "level", "detail");
            checks.forEach(c -> t.row(c.name(), c.level().wireName(), c.detail()));
            out.print(Visible.text(t.render()));
            out.println("health: " + worst.wireName() + " (window " + days + " days)");
        }
        out.flush();
    }
}
