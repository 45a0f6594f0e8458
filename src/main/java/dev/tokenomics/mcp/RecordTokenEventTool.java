package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;

import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.TextViews;
import dev.tokenomics.report.Results;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;

/** record_token_event: one event in, its id, cost and the running totals of its task and workstream out. */
final class RecordTokenEventTool {
    static final String NAME = "record_token_event";

    private RecordTokenEventTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        BudgetFeedback feedback = new BudgetFeedback(Budgets.of(ledger));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Record token event")
                .description("Record the tokens one piece of work used; returns its cost and running totals. "
                        + "Give record_key so retries never double-count.")
                .inputSchema(object(EventArgs.properties(), List.of()))
                .outputSchema(ResultSchemas.of(ToolAnswers.Recorded.class))
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
            BudgetFeedback.Outcome budget = feedback.apply(List.of(BudgetWatch.Landing.of(r.event())), exchange);
            return ToolResults.ok(new ToolAnswers.Recorded(Results.Recorded.of(r), budget.budget()),
                    TextViews.recorded(r) + budget.text());
        });
    }
}
