package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.bool;
import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.ReportRequest;
import dev.tokenomics.transcripts.UsageReport;
import dev.tokenomics.transcripts.UsageResults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** get_usage: imported Claude Code usage by day, week, month, session or 5-hour block. */
final class GetUsageTool {
    static final String NAME = "get_usage";

    static final List<String> VIEWS = List.of("daily", "weekly", "monthly", "session", "blocks");

    private GetUsageTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("view", enumeration("blocks: 5-hour windows.",
                VIEWS));
        in.put("since", string("First day, YYYY-MM-DD."));
        in.put("until", string("Last day, YYYY-MM-DD, inclusive."));
        in.put("timezone", string("IANA zone of the days. Default UTC."));
        in.put("breakdown", bool("Text: a line per model."));
        in.put("project", string("Only this project folder, e.g. -home-me-src-app."));
        in.put("machine", string("One machine only."));
        GetTokenSummaryTool.sourcesProperty(in);
        in.put("token_limit", JsonSchemas.ordered("type", List.of("integer", "string"), "description",
                "blocks: tokens per block, or \"max\" (the largest past block)."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Measured agent usage")
                .description("Measured usage from imported agent records (import_transcripts first), per day, "
                        + "week, month, session or 5-hour block, with totals.")
                .inputSchema(object(in, List.of()))
                .outputSchema(ResultSchemas.of(UsageResults.Answer.class))
                .annotations(new ToolAnnotations("Measured agent usage", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(in.keySet());
            String viewName = args.choice("view", VIEWS);
            UsageReport.View view = UsageReport.View.parse(viewName == null ? "daily" : viewName);
            LocalDate since = ReportRequest.date("since", args.string("since"));
            LocalDate until = ReportRequest.date("until", args.string("until"));
            if (since != null && until != null && since.isAfter(until)) {
                throw new IllegalArgumentException("since must not be after until, got since=" + since + " until="
                        + until);
            }
            Times.checkWindow(since, until);
            Long limit = null;
            boolean max = false;
            Object raw = args.raw("token_limit");
            if ("max".equals(raw)) {
                max = true;
            } else if (raw != null) {
                limit = args.wholeNumber("token_limit");
                if (limit == null || limit < 1) {
                    throw new IllegalArgumentException("token_limit must be a whole number >= 1 or \"max\", got " + raw);
                }
            }
            Boolean breakdown = args.bool("breakdown");
            UsageReport.Result r = UsageReport.run(ledger, new UsageReport.Request(view, since, until,
                    ReportRequest.zone(args.string("timezone")), Boolean.TRUE.equals(breakdown),
                    args.string("project"), limit, max, GetTokenSummaryTool.sources(args), args.string("machine")),
                    ledger.clock().instant());
            return ToolResults.ok(r.json(), r.text());
        });
    }
}
