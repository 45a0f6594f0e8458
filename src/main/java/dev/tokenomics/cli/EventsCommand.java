package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.CsvTables;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics events}: the twin of list_token_events. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List token events, newest first (list_token_events). Follow the printed cursor for more.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--task-id", paramLabel = "ID", description = "Only events of this task.") String taskId;
    @Option(names = "--workstream", paramLabel = "ID", description = "Only events of this workstream.") String workstream;
    @Option(names = "--repo", paramLabel = "NAME", description = "Only events of this repository.") String repo;
    @Option(names = "--ref-type", paramLabel = "TYPE", description = "Only events whose ref type is this (commit, pr, release).")
    String refType;
    @Option(names = "--ref-id", paramLabel = "ID", description = "Only events whose ref id is this (commit SHA, PR number, tag).")
    String refId;
    @Option(names = "--model", paramLabel = "MODEL", description = "Only events of this model, as recorded.") String model;
    @Option(names = "--agent", paramLabel = "NAME", description = "Only events of this agent.") String agent;
    @Option(names = "--session-id", paramLabel = "ID", description = "Only events of this agent session.") String sessionId;

    @Option(names = "--since", description = "Window start, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String since;

    @Option(names = "--until", description = "Window end, inclusive: YYYY-MM-DD or ISO-8601 time.")
    String until;

    @Option(names = "--limit", description = "Events per page, 1 to 1000 (default 100).")
    Long limit;

    @Option(names = "--cursor", description = "The cursor printed at the end of the previous page.")
    String cursor;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM", description = "text (default), json or csv (RFC 4180: one row "
            + "per event, every column; the next page's cursor goes to stderr).")
    String format;

    @Override
    public Integer call() {
        String form = OutputFormat.resolve(format, json, OutputFormat.TABLE_FORMS, spec.commandLine().getErr());
        if (form == null) {
            return Exit.BAD_INPUT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "task_id", taskId);
        EventOptions.put(args, "workstream", workstream);
        EventOptions.put(args, "repo", repo);
        EventOptions.put(args, "ref_type", refType);
        EventOptions.put(args, "ref_id", refId);
        EventOptions.put(args, "model", model);
        EventOptions.put(args, "agent", agent);
        EventOptions.put(args, "session_id", sessionId);
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        EventOptions.put(args, "limit", limit);
        EventOptions.put(args, "cursor", cursor);
        try (TokenLedger l = ledger.open()) {
            CallToolResult result = ToolRunner.call(l, "list_token_events", args);
            int code = OutputFormat.print(result, form, CsvTables::events, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            if (code == Exit.OK && form.equals(OutputFormat.CSV)
                    && result.structuredContent() instanceof Map<?, ?> page && page.get("next_cursor") != null) {
                // stdout holds the CSV alone; where the next page starts is for the person or script running it.
                spec.commandLine().getErr().println("more events: --cursor " + page.get("next_cursor"));
                spec.commandLine().getErr().flush();
            }
            return code;
        }
    }
}
