package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.TaskView;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.Results;
import dev.tokenomics.report.TextViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** get_task: a task, its status history and its token summary. */
final class GetTaskTool {
    static final String NAME = "get_task";

    private GetTaskTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Get task")
                .description("A task: status history, self-reported token summary and, beside it, the usage "
                        + "measured from imported transcripts.")
                .inputSchema(object(Map.of("task_id", string("The task id.")), List.of("task_id")))
                .outputSchema(ResultSchemas.of(ToolAnswers.TaskView.class))
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
            return ToolResults.ok(new ToolAnswers.TaskView(v.taskId(), Results.TaskRow.of(v.task()),
                    Results.Change.of(v.history()), Results.ScopeSummary.of(v.summary()), Results.Measured.of(v.measured()),
                    v.selfReportSuperseded()), TextViews.task(v));
        });
    }
}
