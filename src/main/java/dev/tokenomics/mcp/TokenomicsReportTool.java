package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.integer;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.ReportModes;
import dev.tokenomics.report.ReportRequest;
import dev.tokenomics.report.ReportResults;
import dev.tokenomics.report.Section;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** tokenomics_report: the thirteen tables over a window, per day, as day objects, or from history. */
final class TokenomicsReportTool {
    static final String NAME = "tokenomics_report";
    static final Set<String> ARGS = Set.of("sources", "machine", "run", "since", "until", "timezone", "limit", "sections",
            "from_lane", "to_lane", "concurrency_ceiling", "format", "mode", "started_only");

    static final List<String> MODES = Arrays.stream(ReportModes.Mode.values()).map(ReportModes.Mode::key).toList();
    static final List<String> FORMATS = List.of("text", "markdown");
    static final List<String> SECTIONS = Arrays.stream(Section.values()).map(Section::key).toList();

    private TokenomicsReportTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("since", string("First day, YYYY-MM-DD. Default: the first event's day (per_day: until - 4)."));
        p.put("until", string("Last day, YYYY-MM-DD, inclusive. Default: today."));
        p.put("timezone", string("IANA zone of the days. Default UTC."));
        p.put("limit", integer("Refs in the per-ref table. Default 50.", 1));
        p.put("sections", JsonSchemas.ordered("type", "array", "items", JsonSchemas.ordered("type", "string",
                "enum", SECTIONS),
                "description", "Tables to build (default all)."));
        GetTokenSummaryTool.sourcesProperty(p);
        p.put("machine", string("One machine only."));
        p.put("run", string("One workflow run only."));
        p.put("started_only", JsonSchemas.ordered("type", "boolean", "description", "Only records with a ts_start."));
        p.put("from_lane", string("Breakeven's expensive lane. Default: highest median cost per task."));
        p.put("to_lane", string("Breakeven's cheap lane. Default: lowest median cost per task."));
        p.put("concurrency_ceiling", integer("Agents that may run at once.", 1));
        p.put("format", JsonSchemas.oneOf(FORMATS));
        p.put("mode", enumeration("report (default); per_day: a report per day; day_json: totals per day; "
                + "history: stored daily rollups.", MODES));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Tokenomics report")
                .description("Where the tokens and dollars went over a window of days, in tables (see sections). "
                        + "Read the caveats first: they say when a figure is a lower bound.")
                .inputSchema(object(p, List.of()))
                .outputSchema(ResultSchemas.of(ReportResults.Answer.class))
                .annotations(new ToolAnnotations("Tokenomics report", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(ARGS);
            ReportRequest request = request(args);
            String mode = args.choice("mode", MODES);
            String format = args.choice("format", FORMATS);
            if (request.narrowed() && ("day_json".equals(mode) || "history".equals(mode))) {
                // Day totals and stored rollups are kept over every source, machine and run: a filtered figure would be a guess.
                throw new IllegalArgumentException("sources, machine, run and started_only work with mode report or "
                        + "per_day, not " + mode);
            }
            ReportModes.Output o = ReportModes.run(ledger, request, ReportModes.Mode.parse(mode),
                    ReportModes.Form.parse(format));
            return ToolResults.ok((Record) o.answer(), o.text());
        });
    }

    static ReportRequest request(Args a) {
        Long limit = a.wholeNumber("limit");
        if (limit != null && (limit < 1 || limit > ReportRequest.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + ReportRequest.MAX_LIMIT + ", got " + limit);
        }
        Long ceiling = a.wholeNumber("concurrency_ceiling");
        if (ceiling != null && (ceiling < 1 || ceiling > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("concurrency_ceiling must be >= 1, got " + ceiling);
        }
        return new ReportRequest(ReportRequest.date("since", a.string("since")),
                ReportRequest.date("until", a.string("until")), ReportRequest.zone(a.string("timezone")),
                limit == null ? ReportRequest.DEFAULT_LIMIT : limit.intValue(), ReportRequest.sections(sections(a)),
                a.string("from_lane"), a.string("to_lane"), ceiling == null ? null : ceiling.intValue(),
                GetTokenSummaryTool.sources(a), a.string("machine"), a.string("run"),
                Boolean.TRUE.equals(a.bool("started_only")));
    }

    /** Exact section names only: one name as a bare string, or "Trend_Day", is refused with the list. */
    private static List<String> sections(Args a) {
        List<String> names = a.strings("sections");
        if (names == null) {
            return List.of();
        }
        for (int i = 0; i < names.size(); i++) {
            if (!SECTIONS.contains(names.get(i))) {
                throw new IllegalArgumentException("sections[" + i + "] must be one of " + String.join(", ", SECTIONS)
                        + "; got " + Args.quoted(names.get(i)));
            }
        }
        return names;
    }
}
