package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.BudgetScope;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.report.BudgetResults;
import dev.tokenomics.report.BudgetViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** check_budget: where one budget, a scope's budgets, or every budget stands right now. */
final class CheckBudgetTool {
    static final String NAME = "check_budget";

    private CheckBudgetTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", string("Check this budget only."));
        p.put("scope", enumeration("Budgets on this scope.",
                Arrays.stream(BudgetScope.values()).map(BudgetScope::wireName).toList()));
        p.put("scope_id", string("The scope's id, with scope."));
        p.put("window", string("Burn-rate span, e.g. 24h. Default 7d."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Check budget")
                .description("Where budgets stand: spend against limit, level (ok to hard_stop), burn rate, "
                        + "projection and advice. Give name, or scope (+ scope_id), or "
                        + "nothing for all. At hard_stop, start no new work. usd_lower_bound=true: unpriced "
                        + "events left out, real spend is higher.")
                .inputSchema(object(p, List.of()))
                .outputSchema(ResultSchemas.of(BudgetResults.Checks.class))
                .annotations(new ToolAnnotations("Check budget", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(p.keySet());
            List<Budget> chosen = select(budgets, args);
            BurnWindow window = BurnWindow.parse("window", args.string("window"));
            List<BudgetCheck> checks = budgets.check(chosen, window);
            return ToolResults.ok(BudgetResults.Checks.of(checks), BudgetViews.checksText(checks));
        });
    }

    static List<Budget> select(Budgets budgets, Args args) {
        return budgets.select(args.string("name"), args.string("scope"), args.string("scope_id"));
    }

}
