package dev.tokenomics.cli;

import dev.tokenomics.report.ReportModes;
import dev.tokenomics.report.ReportRequest;
import dev.tokenomics.text.Visible;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.ToolCalls;
import dev.tokenomics.report.ReportCsv;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics report}: the twin of tokenomics_report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The tokenomics report: thirteen tables of where the tokens and dollars went (tokenomics_report).",
                "Records are in the window by start (ts_start, else ts); days are cut in --timezone. Cost tables use complete records only.",
                "Examples: tokenomics report --since 2026-11-01 --until 2026-11-07 --timezone Europe/Paris",
                "          tokenomics report --format markdown --out docs/tokenomics/2026-11-08.md",
                "          tokenomics report --format csv --section stage,lane --out target/report.csv",
                "          tokenomics report --per-day    tokenomics report --history    tokenomics report --section lane,breakeven"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--since", paramLabel = "DATE", description = "First day, inclusive (YYYY-MM-DD). Default: the first event's day.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day, inclusive (YYYY-MM-DD). Default: today.")
    String until;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA timezone for the days. Default UTC.")
    String timezone;

    @Option(names = "--limit", paramLabel = "N", description = "Most recent refs in the per-ref table. Default 50.")
    Integer limit;

    @Option(names = "--format", paramLabel = "FORM", defaultValue = "text",
            description = "text (default), markdown (fenced tables, ready to commit), json (the tool's JSON) or csv "
                    + "(RFC 4180: a block per table, named on a '# name' line before its header).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of the terminal.")
    Path out;

    @Option(names = "--per-day", description = "One report per day of the window (default the last 5 days), "
            + "each under === DAY YYYY-MM-DD ===.")
    boolean perDay;

    @Option(names = "--emit-day-json", description = "One compact JSON object of totals per day, one per line.")
    boolean dayJson;

    @Option(names = "--history", arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = "Render the stored daily rollups alone (they survive prune); with PATH, a history "
                    + "file instead (JSONL, one --emit-day-json object a line, the last line of a date wins).")
    String history;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this agent's events (repeatable): "
            + "claude-code, codex, ..., self-report. Read from the events, not the hourly cells.")
    List<String> sources;

    @Option(names = "--of-machine", paramLabel = "NAME", description = "Only the events recorded on machine NAME "
            + "(a team ledger's by_machine names them). Read from the events, not the hourly cells.")
    String ofMachine;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only one Claude Code workflow run's events "
            + "(`tokenomics runs` lists them): its agents' stages, roles and costs.")
    String run;

    @Option(names = "--started-only", description = "Only the records with a ts_start, as the report skill cuts its "
            + "window; the others are left out and counted (default: they sit at their ts).")
    boolean startedOnly;

    @Option(names = "--from", paramLabel = "LANE", description = "Breakeven: the expensive lane.")
    String fromLane;

    @Option(names = "--to", paramLabel = "LANE", description = "Breakeven: the cheap lane.")
    String toLane;

    @Option(names = "--concurrency-ceiling", paramLabel = "N", description = "Agents that may run at once.")
    Integer ceiling;

    @Option(names = "--section", paramLabel = "NAME", split = ",",
            description = "Only these tables (repeat or comma-separate): bucket, stage, structure, role, "
                    + "stage-structure, lane, stage-medians, breakeven, coverage, trend-day, trend-ref, latency, concurrency.")
    List<String> sections;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int modes = (perDay ? 1 : 0) + (dayJson ? 1 : 0) + (history != null ? 1 : 0);
        if (modes > 1) {
            err.println("error: choose one of --per-day, --emit-day-json and --history");
            return Exit.BAD_INPUT;
        }
        if (!List.of("text", "markdown", "json", "csv").contains(format)) {
            err.println("error: --format must be text, markdown, json or csv, got '" + Visible.cell(format) + "'");
            return Exit.BAD_INPUT;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "since", since);
        EventOptions.put(args, "until", until);
        EventOptions.put(args, "timezone", timezone);
        EventOptions.put(args, "limit", limit);
        EventOptions.put(args, "from_lane", fromLane);
        EventOptions.put(args, "to_lane", toLane);
        EventOptions.put(args, "concurrency_ceiling", ceiling);
        if (sources != null && !sources.isEmpty()) {
            args.put("sources", new ArrayList<>(sources));
        }
        EventOptions.put(args, "machine", ofMachine);
        EventOptions.put(args, "run", run);
        if (startedOnly) {
            args.put("started_only", true);
        }
        if (sections != null && !sections.isEmpty()) {
            args.put("sections", new ArrayList<>(sections));
        }
        args.put("format", format.equals("markdown") ? "markdown" : "text");
        args.put("mode", perDay ? "per_day" : dayJson ? "day_json" : history != null ? "history" : "report");
        if (history != null && !history.isEmpty()) {
            return historyFile(err);
        }
        try (TokenLedger l = ledger.open()) {
            boolean textOnly = !format.equals("csv") && (!format.equals("json") || dayJson); // what prints only the text
            CallToolResult result = textOnly ? ToolCalls.callForText(l, "tokenomics_report", args)
                    : ToolRunner.call(l, "tokenomics_report", args);
            if (Boolean.TRUE.equals(result.isError())) {
                return ToolRunner.print(result, false, spec.commandLine().getOut(), err);
            }
            String text = textOnly ? ToolRunner.text(result) : format.equals("csv") ? ReportCsv.render(json(result))
                    : ToolRunner.JSON.writeValueAsString(result.structuredContent()) + "\n";
            return write(text, err);
        }
    }

    /** --history PATH reads only the file: no ledger is opened (the skill's store outlives it). */
    private int historyFile(PrintWriter err) {
        ReportModes.Output output;
        try {
            output = ReportModes.historyFile(Path.of(history),
                    ReportRequest.of(ReportRequest.date("since", since), ReportRequest.date("until", until),
                            ReportRequest.zone(timezone)));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Exit.BAD_INPUT;
        }
        return write(format.equals("json") ? ToolRunner.JSON.writeValueAsString(output.json()) + "\n"
                : format.equals("csv") ? ReportCsv.render(output.json()) : output.text(), err);
    }

    private int write(String text, PrintWriter err) {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return Exit.OK;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot write " + out + ": " + e.getMessage());
            return Exit.FAILED;
        }
        spec.commandLine().getOut().println("Wrote " + out);
        return Exit.OK;
    }
}
