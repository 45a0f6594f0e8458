package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.CostInsights;
import dev.tokenomics.budget.InsightReport;
import dev.tokenomics.budget.InsightWindow;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.InsightResults;
import dev.tokenomics.report.InsightViews;
import dev.tokenomics.stats.Outliers;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** cost_insights: acceleration, anomalies, silent degradation and the model counterfactual over a window. */
final class CostInsightsTool {
    static final String NAME = "cost_insights";

    private CostInsightsTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        CostInsights insights = CostInsights.of(ledger);
        Clock clock = ledger.clock();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("since", string("Inclusive: YYYY-MM-DD or ISO-8601. Default: until - 7d."));
        p.put("until", string("Likewise. Default: now."));
        p.put("window", string("Or: 7d, 24h... back from until."));
        p.put("timezone", string("IANA zone of the days. Default UTC."));
        p.put("run", string("One workflow run only."));
        p.put("alert_on_acceleration_pct", JsonSchemas.ordered("type", "number", "description", "Warn at this % rise "
                + "in spend per day (critical at twice)."));
        p.put("threshold", JsonSchemas.ordered("type", "number", "description", "Outlier cut, |z|. Default 3.5."));
        // The defaults are the current haiku, sonnet and opus (CostInsights.DEFAULT_MODELS), said short:
        // tools/list is in every session's context.
        p.put("models", JsonSchemas.ordered("type", "array", "items", JsonSchemas.ordered("type", "string"), "description",
                "Reprice as these. Default: haiku, sonnet, opus 4.5."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Cost insights")
                .description("What stands out in a window's spend: burn acceleration, cost anomalies, DEGRADED "
                        + "tasks and stages (do not publish their numbers), the tokens priced on other models, a "
                        + "projection.")
                .inputSchema(object(p, List.of()))
                .outputSchema(ResultSchemas.of(ToolAnswers.Insights.class))
                .annotations(new ToolAnnotations("Cost insights", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            ledger.reprice(); // the insights read stored costs: on the ledger's table first
            args.rejectUnknown(p.keySet());
            String window = args.string("window");
            InsightWindow w = InsightWindow.of(args.string("since"), args.string("until"),
                    window == null ? null : BurnWindow.parse("window", window), InsightWindow.zone(args.string("timezone")),
                    clock.instant());
            BigDecimal alert = args.decimal("alert_on_acceleration_pct");
            BigDecimal threshold = args.decimal("threshold");
            double cut = threshold == null ? Outliers.DEFAULT_THRESHOLD
                    : Outliers.threshold("threshold", threshold.doubleValue());
            String run = args.string("run");
            InsightReport r = insights.scopedTo(run).analyse(w, alert, cut, models(args));
            return ToolResults.ok(new ToolAnswers.Insights(InsightResults.Report.of(r), run),
                    (run == null ? "" : "Workflow run " + run + " only.\n") + InsightViews.text(r));
        });
    }

    private static List<String> models(Args args) {
        Object raw = args.raw("models");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("models must be a non-empty array of model ids, got " + Args.describe(raw));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("models[" + i + "] must be a model id, got " + Args.describe(list.get(i)));
            }
            out.add(s.strip());
        }
        return out;
    }
}
