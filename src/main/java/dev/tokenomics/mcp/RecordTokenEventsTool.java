package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.array;
import static dev.tokenomics.mcp.JsonSchemas.object;

import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.text.Cost;
import dev.tokenomics.report.TextViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** record_token_events: up to 10,000 events, all recorded or none. */
final class RecordTokenEventsTool {
    static final String NAME = "record_token_events";

    private RecordTokenEventsTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        BudgetFeedback feedback = new BudgetFeedback(Budgets.of(ledger));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Record token events (batch)")
                .description("Record many token events at once (1 to " + TokenLedger.MAX_BATCH + "), in one "
                        + "transaction: if any event is invalid, none is written and the error names it "
                        + "(events[i].field).")
                // Each item takes record_token_event's fields; its definition is already in the client's
                // context, and writing it out again here cost ~550 tokens of every session's.
                .inputSchema(object(Map.of("events", array("Objects with record_token_event's fields.",
                        JsonSchemas.ordered("type", "object"), TokenLedger.MAX_BATCH)), List.of("events")))
                .outputSchema(ResultSchemas.of(ToolAnswers.Batch.class))
                .annotations(new ToolAnnotations("Record token events", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(java.util.Set.of("events"));
            List<Map<String, Object>> raw = args.objects("events");
            if (raw.isEmpty() || raw.size() > TokenLedger.MAX_BATCH) {
                throw new IllegalArgumentException("events must hold 1 to " + TokenLedger.MAX_BATCH
                        + " events, got " + raw.size());
            }
            Instant now = ledger.clock().instant();
            List<EventInput> events = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                Args item = Args.nested("events[" + i + "].", raw.get(i));
                item.rejectUnknown(EventArgs.FIELDS);
                if (!EventArgs.hasTokens(item)) {
                    throw new IllegalArgumentException("events[" + i + "] has no token count: give input_tokens, "
                            + "output_tokens, cache_creation_tokens, cache_creation_1h_tokens or cache_read_tokens");
                }
                events.add(EventArgs.parse(item, now));
            }
            List<RecordedEvent> recorded = ledger.events().recordAll(events);
            BudgetFeedback.Outcome budget = feedback.apply(
                    recorded.stream().map(r -> BudgetWatch.Landing.of(r.event())).toList(), exchange);
            return ToolResults.ok(answer(recorded, budget.budget()), TextViews.batch(recorded) + budget.text());
        });
    }

    static ToolAnswers.Batch answer(List<RecordedEvent> recorded, ToolAnswers.Budget budget) {
        long replaced = recorded.stream().filter(RecordedEvent::replaced).count();
        TreeSet<String> unpriced = new TreeSet<>();
        long nanos = 0;
        long tokens = 0;
        long unpricedEvents = 0;
        long unpricedTokens = 0;
        List<Long> ids = new ArrayList<>(recorded.size());
        for (RecordedEvent r : recorded) {
            ids.add(r.id());
            tokens += r.event().usage().totalTokens();
            if (r.costNanos() == null) {
                unpricedEvents++;
                unpricedTokens += r.event().usage().totalTokens();
                unpriced.add(r.event().model() == null ? "(none)" : r.event().model());
            } else {
                nanos += r.costNanos();
            }
        }
        return new ToolAnswers.Batch(recorded.size(), recorded.size() - replaced, replaced, ids, tokens,
                Cost.usd(recorded.size(), unpricedEvents, nanos), unpricedEvents == 0, unpricedTokens,
                List.copyOf(unpriced), budget);
    }
}
