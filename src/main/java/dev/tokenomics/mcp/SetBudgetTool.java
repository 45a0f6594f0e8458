package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetScope;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.Period;
import dev.tokenomics.budget.Thresholds;
import dev.tokenomics.report.BudgetResults;
import dev.tokenomics.report.BudgetViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** set_budget: create a budget, or replace the one of that name. */
final class SetBudgetTool {
    static final String NAME = "set_budget";

    private SetBudgetTool() {}

    static SyncToolSpecification spec(Budgets budgets) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", string("Unique; an existing name is replaced."));
        p.put("scope", JsonSchemas.oneOf(Arrays.stream(BudgetScope.values()).map(BudgetScope::wireName).toList()));
        p.put("scope_id", string("The scope's id as recorded; not for global."));
        p.put("period", enumeration("Calendar day, ISO week, month, or all time.",
                Arrays.stream(Period.values()).map(Period::wireName).toList()));
        p.put("limit_usd", JsonSchemas.ordered("type", "number", "exclusiveMinimum", 0, "description", "USD limit per period."));
        p.put("limit_tokens", JsonSchemas.ordered("type", "integer", "minimum", 1, "description", "Token limit per period."));
        p.put("thresholds", JsonSchemas.ordered("type", "array", "items", JsonSchemas.ordered("type", "integer", "minimum", 1, "maximum", 1000),
                "minItems", 4, "maxItems", 4, "description", "Percents for info, warning, critical, "
                        + "hard_stop. Default [50, 75, 90, 100]."));
        p.put("timezone", string("IANA zone of the periods. Default UTC."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Set budget")
                .description("Create or replace a budget: a USD and/or token limit per day, week, month or in "
                        + "total, for everything or one scope. Record results carry a budget field once one is at "
                        + "warning or above. Example: name=daily, scope=global, period=day, limit_usd=20.")
                .inputSchema(object(p, List.of("name", "scope", "period")))
                .outputSchema(ResultSchemas.of(ToolAnswers.BudgetSet.class))
                .annotations(new ToolAnnotations("Set budget", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(p.keySet());
            BigDecimal usd = args.decimal("limit_usd");
            Budget b = new Budget(args.requireString("name"), BudgetScope.parse(args.requireString("scope")),
                    args.string("scope_id"), Period.parse(args.requireString("period")),
                    Budget.zone(args.string("timezone")), usd, args.wholeNumber("limit_tokens"), thresholds(args));
            Budgets.SetResult r = budgets.set(b);
            String message = (r.updated() ? "Updated budget '" : "Created budget '") + b.name() + "'"
                    + (r.updated() ? " (it existed: its limits were replaced and its alerts reset)" : "") + ".";
            return ToolResults.ok(new ToolAnswers.BudgetSet(BudgetResults.BudgetDef.of(b), r.updated(), message), message + "\n" + BudgetViews.budgetsText(List.of(b)));
        });
    }

    private static Thresholds thresholds(Args args) {
        Object raw = args.raw("thresholds");
        if (raw == null) {
            return Thresholds.DEFAULT;
        }
        if (raw instanceof String s) {
            return Thresholds.parse(s);
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("thresholds must be an array of four whole percents, e.g. "
                    + "[50, 75, 90, 100]; got " + Args.describe(raw));
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Long v = Args.nested("thresholds[" + i + "]", Map.of("", list.get(i) == null ? "null" : list.get(i)))
                    .wholeNumber("");
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("thresholds must each be between 1 and 1000 percent, got " + v);
            }
            out.add(v.intValue());
        }
        return new Thresholds(out);
    }
}
