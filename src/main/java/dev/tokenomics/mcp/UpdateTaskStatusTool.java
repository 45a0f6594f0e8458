package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Task;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TaskUpdateResult;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.Results;
import dev.tokenomics.report.TextViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** update_task_status: a status change and, when token counts come with it, its token event, in one transaction. */
final class UpdateTaskStatusTool {
    static final String NAME = "update_task_status";

    private UpdateTaskStatusTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        BudgetFeedback feedback = new BudgetFeedback(Budgets.of(ledger));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("task_id", string("Created if new."));
        p.put("status", enumeration("The new status.", Task.STATUSES));
        p.put("note", string("Why (kept in the task's history)."));
        p.put("title", string("Set or changed."));
        Map<String, Object> event = EventArgs.properties();
        event.remove("task_id");
        event.remove("status");
        event.remove("note");
        event.put("ts", string("When the change (and its event) happened, ISO-8601 with zone. Default now."));
        event.put("event_status", enumeration("The token event's status (default ok).", EventArgs.STATUSES));
        event.put("event_note", string("The token event's note."));
        p.putAll(event);
        p.put("workstream", string("The task's (set or changed)."));
        p.put("repo", string("The task's (set or changed)."));
        Set<String> known = EventArgs.withAliases(p.keySet());
        // Advertised: what a status change's event usually carries. The rest of record_token_event's
        // fields are accepted as well (the description says so); listing them all again cost ~300
        // tokens of every session's context.
        for (String rare : List.of("stage", "role", "structure", "lane", "ref_type", "ref_id", "ts_start", "ts_end",
                "duration_ms", "cost_usd", "usage_complete")) {
            p.remove(rare);
        }
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Update task status")
                .description("Set a task's status (created if new); with any token count, also record its "
                        + "token event (record_token_event's fields) in the same transaction. Example: task_id=T01, "
                        + "status=done, input_tokens=1200.")
                .inputSchema(object(p, List.of("task_id", "status")))
                .outputSchema(ResultSchemas.of(ToolAnswers.TaskUpdate.class))
                .annotations(new ToolAnnotations("Update task status", false, false, false, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(known);
            EventInput e = null;
            args.choice("status", Task.STATUSES);
            args.choice("event_status", EventArgs.STATUSES);
            if (EventArgs.hasTokens(args)) {
                try {
                    e = EventArgs.parse(eventArgs(args), ledger.clock().instant());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(asEventField(bad.getMessage()), bad);
                }
            }
            String ts = args.string("ts");
            TaskUpdate update = new TaskUpdate(args.requireString("task_id"), args.requireString("status"),
                    args.string("note"), args.string("title"), args.string("workstream"), args.string("repo"),
                    args.string("session_id"), e,
                    ts == null || ts.isBlank() ? null : dev.tokenomics.ledger.Times.parseInstant("ts", ts.strip()));
            TaskUpdateResult r = ledger.tasks().updateTaskStatus(update);
            BudgetFeedback.Outcome budget = feedback.apply(List.of(landing(r, ledger.clock().instant())), exchange);
            return ToolResults.ok(new ToolAnswers.TaskUpdate(Results.TaskRow.of(r.task()), r.created(),
                    Results.Change.of(r.change()), r.event() == null ? null : Results.Recorded.of(r.event()),
                    budget.budget()), TextViews.taskUpdate(r) + budget.text());
        });
    }

    /**
     * Where the change lands for the budget check: its token event, or, for a change without
     * tokens, the task itself at this moment (so an agent picking up a task hears that its budget
     * is already at warning).
     */
    private static BudgetWatch.Landing landing(TaskUpdateResult r, Instant now) {
        if (r.event() != null) {
            return BudgetWatch.Landing.of(r.event().event());
        }
        return new BudgetWatch.Landing(now, r.task().repo(), r.task().workstream(), r.task().taskId(), null, null,
                r.change().sessionId());
    }

    /**
     * The event is checked under its own names (status, note); the caller wrote event_status and
     * event_note, so a message about them must say so, not blame the task's status.
     */
    private static String asEventField(String message) {
        for (String f : List.of("status", "note")) {
            if (message.startsWith(f + " ")) {
                return "event_" + message;
            }
        }
        return message;
    }

    /** The event's view of the arguments: event_status / event_note stand in for its status and note. */
    private static Args eventArgs(Args args) {
        Map<String, Object> m = new HashMap<>();
        for (String f : EventArgs.FIELDS) {
            if (!f.equals("task_id") && !f.equals("status") && !f.equals("note") && args.has(f)) {
                m.put(f, args.raw(f));
            }
        }
        if (args.has("event_status")) {
            m.put("status", args.raw("event_status"));
        }
        if (args.has("event_note")) {
            m.put("note", args.raw("event_note"));
        }
        return Args.of(m);
    }
}
