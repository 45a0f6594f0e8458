package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.number;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.workflow.WorkflowRuns;
import dev.tokenomics.workflow.WorkflowSource;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** get_workflow_runs: imported Claude Code workflow runs, stage by stage, with their trust checks. */
final class GetWorkflowRunsTool {
    static final String NAME = "get_workflow_runs";

    private GetWorkflowRunsTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("run_id", string("One run (default every imported run)."));
        in.put("input_share", number("Share of each agent's tokens priced as input, 0..1. Default 0.85."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Workflow runs")
                .description("Imported workflow runs (wf_*.json): per-stage tokens, share, agents and estimated "
                        + "cost; invariant_ok and degraded with findings.")
                .inputSchema(object(in, List.of()))
                .outputSchema(ResultSchemas.of(WorkflowRuns.Answer.class))
                .annotations(new ToolAnnotations("Workflow runs", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(in.keySet());
            String runId = args.string("run_id");
            BigDecimal share = args.decimal("input_share");
            double inputShare = share == null ? WorkflowSource.INPUT_SHARE_PERCENT / 100.0 : share.doubleValue();
            var all = ledger.reports().workflowRuns(null);
            var shown = runId == null || runId.isBlank() ? all
                    : all.stream().filter(r -> r.run().runId().equals(runId.strip())).toList();
            if (runId != null && !runId.isBlank() && shown.isEmpty()) {
                throw new IllegalArgumentException("run_id " + runId + " is not an imported workflow run");
            }
            List<WorkflowRuns.Run> runs = WorkflowRuns.of(all, shown, ledger.prices(), inputShare);
            return ToolResults.ok(WorkflowRuns.json(runs, inputShare), WorkflowRuns.text(runs, inputShare));
        });
    }
}
