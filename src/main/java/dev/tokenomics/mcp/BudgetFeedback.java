package dev.tokenomics.mcp;


import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.Level;
import dev.tokenomics.report.Results;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mid-session budget feedback of the record tools: after the write, a {@code budget} field in
 * the result when a budget the events count towards is at warning or above, and an MCP logging
 * notification the moment a threshold is crossed (spec: server/utilities/logging). The SDK drops
 * notifications below the level the client set with logging/setLevel (default info): a crossing
 * into info goes out at info, into warning at warning, into critical or hard_stop at error, so
 * all pass unless the client asked for less.
 */
final class BudgetFeedback {
    private static final Logger log = LoggerFactory.getLogger(BudgetFeedback.class);
    static final String LOGGER = "tokenomics.budget";

    private final BudgetWatch watch;

    BudgetFeedback(Budgets budgets) {
        this.watch = new BudgetWatch(budgets);
    }

    /** What a record call adds to its answer: the budget field (null when none is notable) and text. */
    record Outcome(ToolAnswers.Budget budget, String text) {
        static final Outcome NONE = new Outcome(null, "");
    }

    /**
     * Checks the budgets the landings count towards and notifies crossings on {@code exchange} (null
     * from the CLI); returns the {@code budget} field and the text to append. The events are already
     * written: a failure here is logged, never turned into a failed call.
     */
    Outcome apply(List<BudgetWatch.Landing> landings, McpSyncServerExchange exchange) {
        BudgetWatch.Result r;
        try {
            r = watch.after(landings);
        } catch (RuntimeException e) {
            log.warn("budget check after recording failed: {}", e.getMessage());
            return Outcome.NONE;
        }
        if (exchange != null) {
            for (BudgetWatch.Crossing x : r.crossings()) {
                notify(exchange, x);
            }
        }
        if (r.notable().isEmpty()) {
            return Outcome.NONE;
        }
        ToolAnswers.Budget field = new ToolAnswers.Budget(r.worst().wireName(),
                r.crossings().stream().filter(x -> x.to().atLeast(Level.WARNING)).map(x -> x.check().budget().name())
                        .toList(),
                r.notable().stream().map(Results.BudgetBrief::of).toList());
        StringBuilder text = new StringBuilder();
        for (BudgetCheck c : r.notable()) {
            text.append("Budget ").append(c.level().wireName().toUpperCase(java.util.Locale.ROOT)).append(": ")
                    .append(c.advice()).append('\n');
        }
        return new Outcome(field, text.toString());
    }

    private static void notify(McpSyncServerExchange exchange, BudgetWatch.Crossing x) {
        LoggingLevel level = x.to().atLeast(Level.CRITICAL) ? LoggingLevel.ERROR
                : x.to() == Level.WARNING ? LoggingLevel.WARNING : LoggingLevel.INFO;
        BudgetCheck c = x.check();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("budget", c.budget().name());
        meta.put("level", x.to().wireName());
        meta.put("percent_used", c.percentUsed());
        try {
            exchange.loggingNotification(new LoggingMessageNotification(level, LOGGER,
                    BudgetWatch.announcement(x), Map.of("tokenomics/budget", meta)));
        } catch (RuntimeException e) {
            // The client may have gone; the result still carries the budget field.
            log.warn("could not send the budget notification for '{}': {}", c.budget().name(), e.getMessage());
        }
    }
}
