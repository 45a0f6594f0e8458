package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.out;
import static dev.tokenomics.mcp.JsonSchemas.string;

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

/** delete_budget: remove a budget by name (its spending records stay). */
final class DeleteBudgetTool {
    static final String NAME = "delete_budget";

    private DeleteBudgetTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", out("object", "The budget that was removed."));
        out.put("message", out("string", "What happened, in a sentence."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Delete budget")
                .description("Remove the named budget. Token events are untouched. Naming a budget that does not "
                        + "exist is an error that lists the budgets there are.")
                .inputSchema(object(Map.of("name", string("The budget's name.")), List.of("name")))
                .outputSchema(object(out, List.of("deleted", "message")))
                .annotations(new ToolAnnotations("Delete budget", false, true, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of("name"));
            Budget b = budgets.delete(args.requireString("name").strip());
            String message = "Deleted budget '" + b.name() + "'.";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deleted", BudgetViews.budget(b));
            m.put("message", message);
            return ToolResults.ok(m, message + "\n");
        });
    }
}
