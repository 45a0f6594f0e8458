package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.CsvTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenomics usage}: the twin of get_usage. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Claude Code usage measured from imported transcripts (get_usage); run `tokenomics import` first.",
                "Views: daily, weekly, monthly, session, blocks (5-hour windows with burn rate and projection).",
                "Example: tokenomics usage daily --since 2026-11-01 --breakdown    tokenomics usage blocks --token-limit max"})
final class UsageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VIEW", defaultValue = "daily",
            description = "daily (default), weekly, monthly, session or blocks.")
    String view;

    @Option(names = "--since", paramLabel = "DATE", description = "First day, inclusive (YYYY-MM-DD).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day, inclusive (YYYY-MM-DD).")
    String until;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA timezone for the days. Default UTC.")
    String timezone;

    @Option(names = "--breakdown", description = "A line per model under each period.")
    boolean breakdown;

    @Option(names = "--project", paramLabel = "NAME", preprocessor = DashValue.class,
            description = "Only this project: its folder under projects/, e.g. -home-me-src-app (a leading dash is fine).")
    String project;

    @Option(names = "--of-machine", paramLabel = "NAME", description = "Only the usage recorded on machine NAME "
            + "(a team ledger's by_machine names them).")
    String ofMachine;

    @Option(names = "--token-limit", paramLabel = "N|max",
            description = "blocks: tokens per block, or max (the largest past block).")
    String tokenLimit;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this agent's usage (repeatable): "
            + "claude-code, codex, ... (default every measured source).")
    java.util.List<String> sources;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM", description = "text (default), json or csv (RFC 4180: one row "
            + "per period, session or block; with --breakdown one per period and model).")
    String format;

    @Override
    public Integer call() {
        String form = OutputFormat.resolve(format, json, OutputFormat.TABLE_FORMS, spec.commandLine().getErr());
        if (form == null) {
            return Exit.BAD_INPUT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("view", view);
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        EventOptions.put(args, "timezone", timezone);
        EventOptions.put(args, "project", project);
        EventOptions.put(args, "machine", ofMachine);
        if (sources != null && !sources.isEmpty()) {
            args.put("sources", sources);
        }
        if (breakdown) {
            args.put("breakdown", true);
        }
        if (tokenLimit != null) {
            if (tokenLimit.equals("max")) {
                args.put("token_limit", "max");
            } else {
                try {
                    args.put("token_limit", Long.parseLong(tokenLimit.strip()));
                } catch (NumberFormatException e) {
                    spec.commandLine().getErr().println("error: --token-limit must be a number or max, got '"
                            + tokenLimit + "'");
                    return Exit.BAD_INPUT;
                }
            }
        }
        try (TokenLedger l = ledger.open()) {
            return OutputFormat.print(ToolRunner.call(l, "get_usage", args), form,
                    answer -> CsvTables.usage(answer, breakdown), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
