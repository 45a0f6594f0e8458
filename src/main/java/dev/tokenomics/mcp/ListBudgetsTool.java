package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.out;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.report.BudgetViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** list_budgets: every budget, by name. */
final class ListBudgetsTool {
    static final String NAME = "list_budgets";

    private ListBudgetsTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("budgets", out("array", "Each budget: name, scope, scope_id, period, timezone, limit_usd, limit_tokens, "
                + "thresholds."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("List budgets")
                .description("Every budget with its scope, period, time zone, limits and thresholds, by name. "
                        + "check_budget says where each stands.")
                .inputSchema(object(Map.of(), List.of()))
                .outputSchema(object(out, List.of("budgets")))
                .annotations(new ToolAnnotations("List budgets", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of());
            List<Budget> all = budgets.list();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("budgets", all.stream().map(BudgetViews::budget).toList());
            return ToolResults.ok(m, BudgetViews.budgetsText(all));
        });
    }
}
