package dev.tokenomics.report;

import dev.tokenomics.budget.CostInsights;
import dev.tokenomics.ledger.ReportRows.DimRow;
import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Rates;
import dev.tokenomics.pricing.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Model right-sizing per stage, an estimate: what each stage's complete, priced records would have
 * cost with the same tokens priced as the cheapest current tier (the counterfactual cost_insights
 * runs over the whole window, here split by stage), beside what they cost. Base list rates, so
 * long-context surcharges and quality are out of it: it says where a cheaper model is worth a
 * trial, not that it would have done the work. Records whose model is unpriced are left out and
 * named; stages already on the target model save nothing and are not listed.
 *
 * @param targetModel the model the stages are repriced as; null when the price table lacks it
 * @param rows        stages with a saving, largest saving first, at most {@value #TOP}
 */
record RightSizing(String targetModel, List<Row> rows, List<String> unpricedModels) {
    /** How many stages are listed. */
    static final int TOP = 5;

    /** One stage: its cost, the same tokens as the target model, and the difference. */
    record Row(String stage, long costNanos, long asTargetNanos, long savingNanos, List<String> models) {}

    static RightSizing of(List<DimRow> complete, PriceTable prices) {
        String target = CostInsights.DEFAULT_MODELS.get(0); // the cheapest tier
        Optional<Rates> targetRates = prices.lookup(target).map(ModelPrice::base);
        TreeSet<String> unpriced = new TreeSet<>();
        Map<String, long[]> byStage = new TreeMap<>(); // cost, as-target
        Map<String, TreeSet<String>> models = new TreeMap<>();
        for (DimRow r : complete) {
            if (r.model() == null || r.unpricedRecords() > 0) {
                unpriced.add(TokenomicsReport.label(r.model()));
                continue;
            }
            if (targetRates.isEmpty()) {
                continue;
            }
            String stage = TokenomicsReport.label(r.stage());
            long[] sums = byStage.computeIfAbsent(stage, k -> new long[2]);
            sums[0] += r.costNanos();
            sums[1] += priced(r, targetRates.get());
            models.computeIfAbsent(stage, k -> new TreeSet<>()).add(r.model());
        }
        List<Row> rows = new ArrayList<>();
        byStage.forEach((stage, s) -> {
            if (s[0] > s[1]) {
                rows.add(new Row(stage, s[0], s[1], s[0] - s[1], List.copyOf(models.get(stage))));
            }
        });
        rows.sort(Comparator.comparingLong(Row::savingNanos).reversed().thenComparing(Row::stage));
        return new RightSizing(targetRates.isEmpty() ? null : target, rows.size() > TOP ? rows.subList(0, TOP) : rows,
                List.copyOf(unpriced));
    }

    /** Base rates on the summed tokens: a long-context tier is a per-request rule, not a per-stage one. */
    private static long priced(DimRow r, Rates rates) {
        return Costs.toNanos(rates.cost(new Usage(r.inputTokens(), r.outputTokens(), r.cacheWrite5mTokens(),
                r.cacheWrite1hTokens(), r.cacheReadTokens())));
    }
}
