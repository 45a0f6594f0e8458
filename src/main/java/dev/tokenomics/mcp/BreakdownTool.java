package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.integer;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.EventFilter;
import dev.tokenomics.ledger.LedgerBreakdown;
import dev.tokenomics.ledger.LedgerBreakdown.By;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.BreakdownResults;
import dev.tokenomics.report.Breakdowns;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * breakdown: the drill-down. Events grouped by task, agent, model, session, stage or workstream,
 * or one session's events one by one, costliest first, the rows past top folded into one.
 * Its description and arguments are kept short: every session pays for them (tools/list).
 */
final class BreakdownTool {
    static final String NAME = "breakdown";

    private BreakdownTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("by", enumeration("Default model; session alone: its events.", By.NAMES));
        p.put("session", string("Only this session."));
        p.put("top", integer("Rows kept (default " + Breakdowns.DEFAULT_TOP + "); the rest sum into other.", 1));
        GetTokenSummaryTool.windowProperties(p);
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Cost breakdown")
                .description("Tokens and cost per group or per event of a session, costliest first; unpriced: "
                        + "cost_usd null, last.")
                .inputSchema(object(p, List.of()))
                .outputSchema(ResultSchemas.of(BreakdownResults.Answer.class))
                .annotations(new ToolAnnotations("Cost breakdown", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(p.keySet());
            String byName = args.string("by");
            By by = byName == null ? null : By.parse("by", byName);
            String session = args.string("session");
            if (session != null && session.isBlank()) {
                throw new IllegalArgumentException("session must be a session id, got a blank string");
            }
            Instant since = GetTokenSummaryTool.since(args);
            Instant until = GetTokenSummaryTool.until(args);
            GetTokenSummaryTool.checkWindow(since, until);
            Long top = args.wholeNumber("top");
            if (top != null && (top < 1 || top > Breakdowns.MAX_TOP)) {
                throw new IllegalArgumentException("top must be between 1 and " + Breakdowns.MAX_TOP + ", got " + top);
            }
            Breakdowns.Request request = new Breakdowns.Request(since, until,
                    top == null ? Breakdowns.DEFAULT_TOP : top.intValue());
            EventFilter filter = new EventFilter(null, null, null, null, null, null, null, session, since, until, null);
            LedgerBreakdown reads = ledger.breakdown();
            var prices = ledger.prices().provenanceRecord();
            Breakdowns.Output out;
            if (by == null && session != null) { // a session alone: its events, as cost-session lists messages
                out = Breakdowns.sessionEvents(session, reads.messages(filter), request, prices);
            } else {
                By groupBy = by == null ? By.MODEL : by;
                out = Breakdowns.groups(groupBy, session, reads.groups(groupBy, filter), request, prices);
            }
            return ToolResults.ok((Record) out.answer(), out.text());
        });
    }
}
