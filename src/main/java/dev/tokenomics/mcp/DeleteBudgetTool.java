package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.report.BudgetResults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** delete_budget: remove a budget by name (its spending records stay). */
final class DeleteBudgetTool {
    static final String NAME = "delete_budget";

    private DeleteBudgetTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Delete budget")
                .description("Remove the named budget; token events are untouched.")
                .inputSchema(object(Map.of("name", string("The budget's name.")), List.of("name")))
                .outputSchema(ResultSchemas.of(ToolAnswers.BudgetDeleted.class))
                .annotations(new ToolAnnotations("Delete budget", false, true, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of("name"));
            Budget b = budgets.delete(args.requireString("name").strip());
            String message = "Deleted budget '" + b.name() + "'.";
            return ToolResults.ok(new ToolAnswers.BudgetDeleted(BudgetResults.BudgetDef.of(b), message), message + "\n");
        });
    }
}
