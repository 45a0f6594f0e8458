package dev.tokenomics.cli;

import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.Level;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenomics budget set|check|list|delete}: the twins of the budget tools, and a gate for loops and CI. */
@Command(name = "budget", mixinStandardHelpOptions = true, description = "Spending budgets and the budget gate.",
        subcommands = {BudgetCommand.Set.class, BudgetCommand.Check.class, BudgetCommand.ListAll.class,
                BudgetCommand.Delete.class})
final class BudgetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Create or replace a budget (set_budget).",
                    "Example: tokenomics budget set daily --scope global --period day --limit-usd 20",
                    "         tokenomics budget set ws-week --scope workstream --scope-id CUST-WP-0029 --period week "
                            + "--limit-tokens 5000000 --timezone Europe/Paris --thresholds 50,80,95,100"})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(index = "0", paramLabel = "NAME", description = "Unique budget name.")
        String name;

        @Option(names = "--scope", required = true,
                description = "global, repo, workstream, task, agent, model or session.")
        String scope;

        @Option(names = "--scope-id", description = "The repo, workstream, task, agent, model or session (not for global).")
        String scopeId;

        @Option(names = "--period", required = true, description = "day, week, month or total.")
        String period;

        @Option(names = "--limit-usd", description = "USD limit per period.")
        String limitUsd;

        @Option(names = "--limit-tokens", description = "Token limit per period.")
        Long limitTokens;

        @Option(names = "--thresholds", description = "Four percents for info,warning,critical,hard_stop "
                + "(default 50,75,90,100).")
        String thresholds;

        @Option(names = "--timezone", description = "IANA zone of the calendar periods (default UTC).")
        String timezone;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("name", name);
            args.put("scope", scope);
            EventOptions.put(args, "scope_id", scopeId);
            args.put("period", period);
            if (limitUsd != null) {
                try {
                    args.put("limit_usd", new BigDecimal(limitUsd.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("limit_usd must be a number, got '" + limitUsd + "'");
                }
            }
            EventOptions.put(args, "limit_tokens", limitTokens);
            EventOptions.put(args, "thresholds", thresholds);
            EventOptions.put(args, "timezone", timezone);
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "set_budget", args), json,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Where budgets stand (check_budget). Exits 1 when any checked budget is at hard_stop, "
                    + "or at --fail-on LEVEL or above; 0 otherwise; 2 on bad input.",
                    "Example (gate a loop): tokenomics budget check --fail-on critical || exit 1"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One budget (default: all).")
        String name;

        @Option(names = "--scope", description = "Only the budgets on this scope.")
        String scope;

        @Option(names = "--scope-id", description = "With --scope: the scope's id.")
        String scopeId;

        @Option(names = "--window", paramLabel = "WINDOW", converter = WindowConverter.class,
                description = "The burn window ending now that the burn rate, the 7/30/90/365-day projection and "
                        + "the days until exhaustion come from: Nd or Nh, e.g. 7d, 30d, 24h; a bare N is days "
                        + "(default 7d).")
        String window;

        /** The old spelling, in days; kept for scripts that use it, --window says it in the help. */
        @Option(names = "--lookback-days", paramLabel = "DAYS", hidden = true,
                description = "The old spelling of --window N (days).")
        Long lookbackDays;

        @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "hard_stop",
                description = "Exit 1 when a budget is at this level or above: info, warning, critical, hard_stop "
                        + "(default hard_stop).")
        String failOn;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Level gate = Level.parse("--fail-on", failOn);
            if (gate == Level.OK) {
                throw new IllegalArgumentException("--fail-on must be info, warning, critical or hard_stop; "
                        + "ok would fail every run");
            }
            Map<String, Object> args = new LinkedHashMap<>();
            EventOptions.put(args, "name", name);
            EventOptions.put(args, "scope", scope);
            EventOptions.put(args, "scope_id", scopeId);
            if (window != null && lookbackDays != null) {
                throw new IllegalArgumentException("give --window or --lookback-days, not both");
            }
            EventOptions.put(args, "window", lookbackDays != null ? lookbackDays + "d" : window);
            try (TokenLedger l = ledger.open()) {
                CallToolResult r = ToolRunner.call(l, "check_budget", args);
                int printed = ToolRunner.print(r, json, spec.commandLine().getOut(), spec.commandLine().getErr());
                if (printed != Exit.OK) {
                    return printed;
                }
                Map<?, ?> s = (Map<?, ?>) r.structuredContent();
                Level worst = Level.parse("worst_level", (String) s.get("worst_level"));
                return worst.atLeast(gate) ? Exit.FAILED : Exit.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every budget (list_budgets).")
    static final class ListAll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "list_budgets", Map.of()), json,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a budget (delete_budget).")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(index = "0", paramLabel = "NAME", description = "The budget's name.")
        String name;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "delete_budget", Map.of("name", name)), json,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    /**
     * A burn window as cost-projection's --window takes it ("7d", "30d", "24h", or a bare number of
     * days), checked here so the message names --window; the tools get the text as it came.
     */
    static final class WindowConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return BurnWindow.parse("--window", value).text();
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
