package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.CsvTables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics breakdown}: the twin of breakdown. */
@Command(name = "breakdown", mixinStandardHelpOptions = true,
        description = {"Tokens and cost per task, agent, model, session, stage or workstream, costliest first (breakdown).",
                "With --session and no --by: that session's events (messages), costliest first, with their cache writes.",
                "Rows past --top add up into one (other) row, so the rows always add up to the total.",
                "Example: tokenomics breakdown --by task --top 10    tokenomics breakdown --session S1 --top 20",
                "         tokenomics breakdown --by agent --since 2026-11-01 --format csv > agents.csv"})
final class BreakdownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--by", paramLabel = "DIM",
            description = "task, agent, model, session, stage or workstream (default model; with --session alone: "
                    + "the session's events).")
    String by;

    @Option(names = {"--session", "--session-id"}, paramLabel = "ID", description = "Only this agent session's events.")
    String session;

    @Option(names = "--top", paramLabel = "N", description = "Rows kept, 1 to 1000 (default 20); the rest add up into "
            + "one (other) row.")
    Long top;

    @Option(names = "--since", description = "Window start, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String since;

    @Option(names = "--until", description = "Window end, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String until;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM", description = "text (default), json or csv (RFC 4180: the rows, "
            + "then the (other) row; unpriced cost is an empty field).")
    String format;

    @Override
    public Integer call() {
        String form = OutputFormat.resolve(format, json, OutputFormat.TABLE_FORMS, spec.commandLine().getErr());
        if (form == null) {
            return Exit.BAD_INPUT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "by", by);
        EventOptions.put(args, "session", session);
        EventOptions.put(args, "top", top);
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        try (TokenLedger l = ledger.open()) {
            return OutputFormat.print(ToolRunner.call(l, "breakdown", args), form, CsvTables::breakdown,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
