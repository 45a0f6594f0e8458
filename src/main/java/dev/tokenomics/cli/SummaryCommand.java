package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.CsvTables;
import dev.tokenomics.report.SummaryMarkdown;
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

/** {@code tokenomics summary}: the twin of get_token_summary. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Total tokens and cost of a scope, by model, by agent and by source (get_token_summary).",
                "Scopes: task, workstream, repo, commit, release, session, model, agent, machine, all.",
                "Example: tokenomics summary task CUST-WP-0029-T01    tokenomics summary all --since 2026-11-01",
                "         tokenomics summary all --format markdown    tokenomics summary all --format csv > spend.csv"})
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCOPE", defaultValue = "all",
            description = "task, workstream, repo, commit, release, session, model, agent, machine or all (default all).")
    String scope;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The scope's id (not for all).")
    String id;

    @Option(names = "--since", description = "Window start, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String since;

    @Option(names = "--until", description = "Window end, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String until;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this agent's events (repeatable): "
            + "claude-code, codex, gemini-cli, opencode, otlp, workflow, self-report.")
    java.util.List<String> sources;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM", description = "text (default), json, csv (RFC 4180: a row for the "
            + "total, then one per model, agent, source and machine) or markdown (a table).")
    String format;

    @Override
    public Integer call() {
        String form = OutputFormat.resolve(format, json, List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV,
                OutputFormat.MARKDOWN), spec.commandLine().getErr());
        if (form == null) {
            return Exit.BAD_INPUT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("scope", scope);
        EventOptions.put(args, "id", id);
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        if (sources != null && !sources.isEmpty()) {
            args.put("sources", sources);
        }
        try (TokenLedger l = ledger.open()) {
            return OutputFormat.print(ToolRunner.call(l, "get_token_summary", args), form,
                    form.equals(OutputFormat.CSV) ? CsvTables::summary : SummaryMarkdown::render,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
