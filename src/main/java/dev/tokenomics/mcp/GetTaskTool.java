package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.out;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.TaskView;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.TextViews;
import dev.tokenomics.report.Views;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** get_task: a task, its status history and its token summary. */
final class GetTaskTool {
    static final String NAME = "get_task";

    private GetTaskTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task_id", out("string", "The task id asked for."));
        out.put("task", out("object|null", "The task, or null when it is known only from events."));
        out.put("history", out("array", "Status changes, oldest first."));
        out.put("summary", out("object", "Self-reported token summary of the task (as get_token_summary scope=task)."));
        out.put("measured", out("object|null", "Usage measured from imported Claude Code transcripts for the task's sessions in its "
                + "in_progress..done window (method session_id or interval_match), or null."));
        out.put("self_report_superseded", out("boolean", "True when the self-report is a lower bound and a measurement exists."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Get task")
                .description("A task: status history, self-reported token summary and, beside it, the usage "
                        + "measured from imported transcripts.")
                .inputSchema(object(Map.of("task_id", string("The task id.")), List.of("task_id")))
                .outputSchema(object(out, List.of("task_id", "history", "summary")))
                .annotations(new ToolAnnotations("Get task", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of("task_id"));
            String id = args.requireString("task_id");
            TaskView v = ledger.tasks().getTask(id);
            if (v == null) {
                throw new IllegalArgumentException("no task " + id + " and no events for it: create it with "
                        + "update_task_status or record events with task_id=" + id);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task_id", v.taskId());
            m.put("task", Views.task(v.task()));
            m.put("history", Views.changes(v.history()));
            m.put("summary", Views.summary(v.summary()));
            m.put("measured", Views.measured(v.measured()));
            m.put("self_report_superseded", v.selfReportSuperseded());
            return ToolResults.ok(m, TextViews.task(v));
        });
    }
}
