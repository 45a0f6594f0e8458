package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.report.BudgetResults;
import dev.tokenomics.report.BudgetViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** list_budgets: every budget, by name. */
final class ListBudgetsTool {
    static final String NAME = "list_budgets";

    private ListBudgetsTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Tool tool = Tool.builder()
                .name(NAME)
                .title("List budgets")
                .description("Every budget, by name; check_budget says where each stands.")
                .inputSchema(object(Map.of(), List.of()))
                .outputSchema(ResultSchemas.of(ToolAnswers.BudgetList.class))
                .annotations(new ToolAnnotations("List budgets", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of());
            List<Budget> all = budgets.list();
            return ToolResults.ok(new ToolAnswers.BudgetList(all.stream().map(BudgetResults.BudgetDef::of).toList()),
                    BudgetViews.budgetsText(all));
        });
    }
}
