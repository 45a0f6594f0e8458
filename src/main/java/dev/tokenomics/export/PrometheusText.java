package dev.tokenomics.export;

import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.Totals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's totals in Prometheus' text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): what {@code /metrics} serves and
 * {@code export --prometheus FILE} writes for node_exporter's textfile collector.
 *
 * <p>Names follow Prometheus' rules (snake_case, a {@code tokenomics_} prefix, {@code _total} on
 * counters, the unit in the name). Label values are bounded: the {@value #MAX_LABEL_VALUES} costliest
 * models, agents and workstreams keep their name and the rest add up under {@code "other"}, so a ledger with
 * thousands of agent names cannot blow up a time-series database. Unpriced work has no cost: it is
 * counted in {@code tokenomics_unpriced_events_total}, never as $0 of cost.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final int MAX_LABEL_VALUES = 20;
    static final String OTHER = "other";

    private PrometheusText() {}

    /** The whole ledger's figures and every budget's check, now. */
    public static String of(TokenLedger ledger) {
        Budgets budgets = Budgets.of(ledger);
        return render(ledger.events().summarize(Scope.ALL, null, null, null), ledger.events().workstreamTotals(),
                budgets.check(budgets.list(), BurnWindow.DEFAULT));
    }

    public static String render(Summary all, List<BudgetCheck> budgets) {
        return render(all, Map.of(), budgets);
    }

    public static String render(Summary all, Map<String, Totals> workstreamTotals, List<BudgetCheck> budgets) {
        StringBuilder out = new StringBuilder();
        Map<String, Totals> models = bounded(all.byModel());
        Map<String, Totals> agents = bounded(all.byAgent());
        counter(out, "tokenomics_cost_usd_total", "USD cost of the priced events, by model.");
        costs(out, "tokenomics_cost_usd_total", "model", models);
        counter(out, "tokenomics_tokens_total", "Tokens recorded, by model and type (input, output, cache_write_5m, "
                + "cache_write_1h, cache_read).");
        models.forEach((m, t) -> {
            tokens(out, m, "input", t.inputTokens());
            tokens(out, m, "output", t.outputTokens());
            tokens(out, m, "cache_write_5m", t.cacheWrite5mTokens());
            tokens(out, m, "cache_write_1h", t.cacheWrite1hTokens());
            tokens(out, m, "cache_read", t.cacheReadTokens());
        });
        counter(out, "tokenomics_events_total", "Token events recorded, by model.");
        models.forEach((m, t) -> sample(out, "tokenomics_events_total", "model", m, Long.toString(t.events())));
        counter(out, "tokenomics_unpriced_events_total", "Events whose model has no price (their cost is unknown, "
                + "not zero), by model.");
        models.forEach((m, t) -> sample(out, "tokenomics_unpriced_events_total", "model", m,
                Long.toString(t.unpricedEvents())));
        counter(out, "tokenomics_agent_cost_usd_total", "USD cost of the priced events, by agent.");
        costs(out, "tokenomics_agent_cost_usd_total", "agent", agents);
        if (!workstreamTotals.isEmpty()) {
            // All-time running totals (they survive prune, so the counters never go down); events
            // without a workstream are not in this family.
            Map<String, Totals> workstreams = bounded(workstreamTotals);
            counter(out, "tokenomics_workstream_cost_usd_total", "USD cost of the priced events, by workstream "
                    + "(all time).");
            costs(out, "tokenomics_workstream_cost_usd_total", "workstream", workstreams);
            counter(out, "tokenomics_workstream_tokens_total", "Tokens recorded, by workstream (all time).");
            workstreams.forEach((w, t) -> sample(out, "tokenomics_workstream_tokens_total", "workstream", w,
                    Long.toString(t.totalTokens())));
        }
        if (!budgets.isEmpty()) {
            gauge(out, "tokenomics_budget_used_ratio", "Spent over limit in the current period (1 = the limit), by "
                    + "budget.");
            for (BudgetCheck c : budgets) {
                sample(out, "tokenomics_budget_used_ratio", "budget", c.budget().name(),
                        c.percentUsed().movePointLeft(2).stripTrailingZeros().toPlainString());
            }
            gauge(out, "tokenomics_budget_level", "Budget level: 0 ok, 1 info, 2 warning, 3 critical, 4 hard_stop.");
            for (BudgetCheck c : budgets) {
                sample(out, "tokenomics_budget_level", "budget", c.budget().name(),
                        Integer.toString(c.level().ordinal()));
            }
        }
        return out.toString();
    }

    /** The costliest {@value #MAX_LABEL_VALUES} by cost (then tokens), the rest summed as "other". */
    static Map<String, Totals> bounded(Map<String, Totals> groups) {
        List<Map.Entry<String, Totals>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, Totals> e) -> e.getValue().costNanos())
                .thenComparingLong(e -> e.getValue().totalTokens()).reversed().thenComparing(Map.Entry::getKey));
        Map<String, Totals> out = new LinkedHashMap<>();
        Totals rest = null;
        for (int i = 0; i < sorted.size(); i++) {
            Map.Entry<String, Totals> e = sorted.get(i);
            if (i < MAX_LABEL_VALUES && !e.getKey().equals(OTHER)) {
                out.put(e.getKey(), e.getValue());
            } else {
                rest = rest == null ? e.getValue() : rest.plus(e.getValue());
            }
        }
        if (rest != null) {
            out.put(OTHER, rest);
        }
        return out;
    }

    private static void tokens(StringBuilder out, String model, String type, long n) {
        out.append("tokenomics_tokens_total{model=\"").append(escape(model)).append("\",type=\"").append(type)
                .append("\"} ").append(n).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help) {
        family(out, name, "counter", help);
    }

    private static void gauge(StringBuilder out, String name, String help) {
        family(out, name, "gauge", help);
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One cost sample per label value; a wholly unpriced group has none at all: absent, not 0. */
    private static void costs(StringBuilder out, String name, String label, Map<String, Totals> groups) {
        groups.forEach((value, t) -> {
            if (t.unpricedEvents() < t.events()) {
                sample(out, name, label, value, usd(t.costNanos()));
            }
        });
    }

    private static void sample(StringBuilder out, String name, String label, String value, String number) {
        out.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ").append(number)
                .append('\n');
    }

    private static String usd(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /** Label values escape backslash, double quote and line feed (the format's only three). */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
