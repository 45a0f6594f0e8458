package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/** {@code tokenomics record}: the twin of record_token_event, and with --batch of record_token_events. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the tokens of one piece of work (record_token_event), or a batch of events "
                + "from a JSON file (record_token_events): a JSON array of event objects, {\"events\": [...]}, "
                + "or one object per line (JSON Lines); pretty-printed or not.",
                "Example: tokenomics record --task-id T01 --model claude-sonnet-4-5 --tokens-in 1200 --tokens-out 800"})
final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    EventOptions event;

    @Option(names = "--task-id", description = "Task the tokens were spent on.")
    String taskId;

    @Option(names = "--workstream", description = "Workstream or workplan.")
    String workstream;

    @Option(names = "--repo", description = "Repository name.")
    String repo;

    @Option(names = "--status", description = "ok or error (default ok).")
    String status;

    @Option(names = "--note", description = "Free text.")
    String note;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Record every event in FILE ('-' for stdin) in one transaction, all or nothing.")
    String batch;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (batch != null) {
            if (!event.toArgs().isEmpty() || taskId != null || workstream != null || repo != null) {
                err.println("error: --batch takes its events from the file; give the event fields there");
                return Exit.BAD_INPUT;
            }
            List<Object> events;
            try {
                events = readBatch(batch);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return Exit.BAD_INPUT;
            }
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "record_token_events", Map.of("events", events)), json, out, err);
            }
        }
        Map<String, Object> args = event.toArgs();
        EventOptions.put(args, "task_id", taskId);
        EventOptions.put(args, "workstream", workstream);
        EventOptions.put(args, "repo", repo);
        EventOptions.put(args, "status", status);
        EventOptions.put(args, "note", note);
        try (TokenLedger l = ledger.open()) {
            return ToolRunner.print(ToolRunner.call(l, "record_token_event", args), json, out, err);
        }
    }

    /**
     * A JSON array of objects, an object with "events", one object, or JSON Lines (one object per
     * line), each pretty-printed or not: the file is read as a sequence of JSON values, so layout
     * never decides the form.
     */
    static List<Object> readBatch(String source) throws IOException {
        String text;
        if (source.equals("-")) {
            try (InputStream in = System.in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            Path p = Path.of(source);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--batch file " + source + " does not exist");
            }
            text = Files.readString(p);
        }
        List<JsonNode> values = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        // One value after another: trailing values are the next events, not an error.
        ObjectReader reader = ToolRunner.JSON.readerFor(JsonNode.class)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = ToolRunner.JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                lines.add(parser.currentTokenLocation().getLineNr());
                values.add(reader.readValue(parser));
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + (line > 0 ? ":" + line : "") + " is not JSON: "
                    + e.getOriginalMessage());
        }
        if (values.size() == 1) {
            JsonNode node = values.get(0);
            if (node.isObject() && node.has("runId") && node.has("workflowProgress")) {
                // Claude Code's workflow telemetry (wf_*.json): one token count per agent, not events.
                throw new IllegalArgumentException(source + " is a Claude Code workflow run (wf_*.json), not token "
                        + "events: import it with `tokenomics import --workflow " + source + "`");
            }
            if (node.isObject() && node.has("events")) {
                node = node.get("events");
            }
            if (node.isArray()) {
                return ToolRunner.JSON.treeToValue(node, List.class);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isObject()) {
                throw new IllegalArgumentException(source + ":" + lines.get(i) + " is not a JSON object: "
                        + values.get(i).getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.add(ToolRunner.JSON.treeToValue(values.get(i), Map.class));
        }
        return out;
    }
}
