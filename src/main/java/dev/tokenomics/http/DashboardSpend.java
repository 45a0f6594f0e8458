package dev.tokenomics.http;

import dev.tokenomics.ledger.DashboardRead;
import dev.tokenomics.ledger.DashboardRead.Sums;
import dev.tokenomics.stats.Outliers;
import dev.tokenomics.text.Cost;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's spend figures as JSON, from one rollup read: the window's totals, every day of
 * the window (outlier days marked by the product's one rule, {@link Outliers}, as in the report), the groups by repo, workstream, agent and
 * model, the costliest tasks, coverage and the caveats. Every cost follows text/Cost: null when
 * nothing counted was priced, {@code cost_complete: false} when part was (a lower bound).
 */
final class DashboardSpend {
    /** Groups drawn per chart: past this the rest is one "(others)" row, so the bars stay readable. */
    static final int MAX_GROUPS = 12;

    private DashboardSpend() {}

    static Map<String, Object> of(DashboardRead r, DashboardData.Window w) {
        Sums total = r.days().values().stream().reduce(Sums.ZERO, Sums::plus);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totals", sums("all", total));
        m.put("by_day", days(r.days(), w));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("by_repo", groups(r.scopes().get("repo"), total));
        b.put("by_workstream", groups(r.scopes().get("workstream"), total));
        b.put("by_agent", groups(r.scopes().get("agent"), total));
        b.put("by_source", groups(r.scopes().get("source"), total));
        b.put("by_model", groups(r.scopes().get("model"), total));
        b.put("top_tasks", r.topTasks().stream().map(DashboardSpend::task).toList());
        m.put("breakdown", b);
        m.put("coverage", coverage(total, r.scopes().get("model")));
        m.put("caveats", caveats(total, r.scopes().get("model")));
        return m;
    }

    static Map<String, Object> sums(String key, Sums s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("events", s.events());
        m.put("input_tokens", s.inputTokens());
        m.put("output_tokens", s.outputTokens());
        m.put("cache_write_tokens", s.cacheWriteTokens());
        m.put("cache_read_tokens", s.cacheReadTokens());
        m.put("tokens_total", s.totalTokens());
        m.put("cost_usd", Cost.usd(s.events(), s.unpricedEvents(), s.costNanos()));
        m.put("cost_complete", s.unpricedEvents() == 0 && s.lowerBoundEvents() == 0);
        m.put("unpriced_events", s.unpricedEvents());
        m.put("lower_bound_events", s.lowerBoundEvents());
        m.put("unpriced_tokens", Cost.unpricedTokens(s.events(), s.unpricedEvents(), s.totalTokens()));
        return m;
    }

    /**
     * Every day of the window, empty days included (a day without spend is data), each with its cache
     * hit rate (cache reads over all input-side tokens; null without any) and its outlier mark by
     * {@link Outliers} over its cost, or over its tokens when nothing in the window is priced.
     */
    static List<Object> days(Map<String, Sums> byDay, DashboardData.Window w) {
        List<LocalDate> dates = w.since().datesUntil(w.until().plusDays(1)).toList();
        boolean priced = byDay.values().stream().anyMatch(s -> s.costNanos() > 0);
        double[] values = new double[dates.size()];
        for (int i = 0; i < values.length; i++) {
            Sums s = byDay.getOrDefault(dates.get(i).toString(), Sums.ZERO);
            values[i] = priced ? s.costNanos() : s.totalTokens();
        }
        Outliers.Scores z = Outliers.score(values);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            Sums s = byDay.getOrDefault(dates.get(i).toString(), Sums.ZERO);
            Map<String, Object> d = sums(dates.get(i).toString(), s);
            d.put("date", dates.get(i).toString());
            long inputSide = s.inputTokens() + s.cacheWriteTokens() + s.cacheReadTokens();
            d.put("cache_hit_pct", inputSide == 0 ? null : round1(100.0 * s.cacheReadTokens() / inputSide));
            d.put("outlier", z.outlier(i));
            out.add(d);
        }
        return out;
    }

    /** The ids largest first, the tail past MAX_GROUPS folded into "(others)", and "(none)" for events without one. */
    static List<Object> groups(Map<String, Sums> ids, Sums total) {
        List<Object> out = new ArrayList<>();
        Sums named = Sums.ZERO;
        Sums others = Sums.ZERO;
        int n = 0;
        for (Map.Entry<String, Sums> e : ids.entrySet()) {
            named = named.plus(e.getValue());
            if (n++ < MAX_GROUPS) {
                out.add(sums(e.getKey(), e.getValue()));
            } else {
                others = others.plus(e.getValue());
            }
        }
        if (others.events() > 0) {
            out.add(sums("(others)", others));
        }
        Sums none = total.minus(named);
        if (none.events() > 0) {
            out.add(sums("(none)", none));
        }
        return out;
    }

    private static Map<String, Object> task(DashboardRead.TaskSums t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", t.taskId());
        m.put("events", t.records());
        m.put("tokens_total", t.tokens());
        m.put("cost_usd", Cost.usd(t.records(), t.unpricedRecords(), t.costNanos()));
        m.put("cost_complete", t.unpricedRecords() == 0);
        m.put("unpriced_events", t.unpricedRecords());
        m.put("status", t.status());
        m.put("title", t.title());
        return m;
    }

    static Map<String, Object> coverage(Sums total, Map<String, Sums> models) {
        long withModel = models.values().stream().mapToLong(Sums::events).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", total.events());
        m.put("with_model_pct", total.events() == 0 ? null : round1(100.0 * withModel / total.events()));
        m.put("priced_pct", total.events() == 0 ? null
                : round1(100.0 * (total.events() - total.unpricedEvents()) / total.events()));
        m.put("lower_bound_records", total.lowerBoundEvents());
        m.put("unpriced_models", unpricedModels(models));
        return m;
    }

    private static List<String> unpricedModels(Map<String, Sums> models) {
        return models.entrySet().stream().filter(e -> e.getValue().unpricedEvents() > 0).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** What the cards count, said once, in the words the cards use (≥ for a lower bound, -- for no price). */
    static List<String> caveats(Sums total, Map<String, Sums> models) {
        List<String> out = new ArrayList<>();
        if (total.lowerBoundEvents() > 0) {
            out.add("Lower bound: " + total.lowerBoundEvents() + " of " + total.events() + " events reported "
                    + "incomplete usage (usage_complete=false). They are counted in the spend, day, repo, workstream, "
                    + "agent and model figures, which are marked \u2265 as floors; the task table counts complete "
                    + "records only.");
        }
        if (total.unpricedEvents() > 0) {
            long tokens = models.values().stream().filter(s -> Cost.allUnpriced(s.events(), s.unpricedEvents()))
                    .mapToLong(Sums::totalTokens).sum();
            out.add("Unpriced: " + total.unpricedEvents() + " of " + total.events() + " events have no price (models: "
                    + String.join(", ", unpricedModels(models)) + ")"
                    + (tokens == 0 ? "" : ", " + String.format(Locale.ROOT, "%,d", tokens) + " tokens")
                    + ". They have no cost: a cost marked \u2265 counts the priced events only and is a lower bound, "
                    + "and a cost with nothing priced shows --.");
        }
        return out;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
