package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.out;
import static dev.tokenomics.mcp.JsonSchemas.outs;

import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.TextViews;
import dev.tokenomics.report.Views;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** record_token_event: one event in, its id, cost and the running totals of its task and workstream out. */
final class RecordTokenEventTool {
    static final String NAME = "record_token_event";

    private RecordTokenEventTool() {}

    static Map<String, Object> recordedSchema() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event_id", out("integer", "Ledger id of the event."));
        p.put("record_key", out("string", "The idempotency key (given, or made by the ledger)."));
        p.put("replaced", out("boolean", "true when record_key replaced an earlier event."));
        p.put("cost_usd", out("number|null", "Computed cost in USD; null when the model is unpriced."));
        p.put("reported_cost_usd", out("number|null", "cost_usd as the caller gave it, or null."));
        p.put("priced", out("boolean", "false when the model has no price (cost unknown, not zero)."));
        p.put("task_totals", out("object|null", "Running totals of the event's task, or null."));
        p.put("workstream_totals", out("object|null", "Running totals of the event's workstream, or null."));
        p.putAll(outs("ts:string model:string|null price_version:string|null tokens_total:integer usage_complete:boolean "
                + "session_id:string|null task_id:string|null workstream:string|null repo:string|null"));
        p.put("budget", BudgetFeedback.schema());
        return object(p, List.of("event_id", "record_key", "replaced", "priced"));
    }

    static SyncToolSpecification spec(TokenLedger ledger) {
        BudgetFeedback feedback = new BudgetFeedback(Budgets.of(ledger));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Record token event")
                .description("Record the tokens one piece of work used; returns its cost and running totals. "
                        + "Give record_key so retries never double-count.")
                .inputSchema(object(EventArgs.properties(), List.of()))
                .outputSchema(recordedSchema())
                .annotations(new ToolAnnotations("Record token event", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(EventArgs.FIELDS);
            if (!EventArgs.hasTokens(args)) {
                throw new IllegalArgumentException("give at least one token count: input_tokens (tokens_in), "
                        + "output_tokens (tokens_out), cache_creation_tokens, cache_creation_1h_tokens or cache_read_tokens");
            }
            EventInput event = EventArgs.parse(args, ledger.clock().instant());
            RecordedEvent r = ledger.events().record(event);
            Map<String, Object> m = Views.recorded(r);
            String budgetText = feedback.apply(List.of(BudgetWatch.Landing.of(r.event())), exchange, m);
            return ToolResults.ok(m, TextViews.recorded(r) + budgetText);
        });
    }
}
