package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.integer;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.EventFilter;
import dev.tokenomics.ledger.EventPage;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.Results;
import dev.tokenomics.report.TextViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** list_token_events: events newest first, filtered, a page at a time. */
final class ListTokenEventsTool {
    static final String NAME = "list_token_events";
    static final List<String> FILTERS = List.of("task_id", "workstream", "repo", "ref_type", "ref_id", "model",
            "agent", "session_id");

    private ListTokenEventsTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String f : FILTERS) {
            p.put(f, JsonSchemas.TEXT); // exact matches, as the description says: no text of their own
        }
        GetTokenSummaryTool.windowProperties(p);
        p.put("limit", integer("Events per page, 1 to " + TokenLedger.MAX_PAGE + " (default 100).", 1));
        p.put("cursor", string("The previous page's next_cursor."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("List token events")
                .description("Recorded token events, newest first, filtered by exact field values and a "
                        + "window. Pages of up to " + TokenLedger.MAX_PAGE + "; follow next_cursor.")
                .inputSchema(object(p, List.of()))
                .outputSchema(ResultSchemas.of(ToolAnswers.Events.class))
                .annotations(new ToolAnnotations("List token events", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(p.keySet());
            Instant since = GetTokenSummaryTool.since(args);
            Instant until = GetTokenSummaryTool.until(args);
            GetTokenSummaryTool.checkWindow(since, until);
            EventFilter filter = new EventFilter(args.string("task_id"), args.string("workstream"),
                    args.string("repo"), args.string("ref_type"), args.string("ref_id"), args.string("model"),
                    args.string("agent"), args.string("session_id"), since, until, null);
            Long limit = args.wholeNumber("limit");
            EventPage page = ledger.events().listEvents(filter, limit == null ? 100 : limitInRange(limit), args.string("cursor"));
            return ToolResults.ok(new ToolAnswers.Events(page.events().stream().map(Results.Event::of).toList(),
                    page.events().size(), page.nextCursor()), TextViews.events(page.events(), page.nextCursor()));
        });
    }

    private static int limitInRange(long limit) {
        if (limit < 1 || limit > TokenLedger.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + TokenLedger.MAX_PAGE + ", got " + limit);
        }
        return (int) limit;
    }
}
