package dev.tokenomics.budget;

import dev.tokenomics.budget.InsightReport.Acceleration;
import dev.tokenomics.budget.InsightReport.Anomaly;
import dev.tokenomics.budget.InsightReport.AnomalySet;
import dev.tokenomics.budget.InsightReport.Counterfactual;
import dev.tokenomics.budget.InsightReport.Degraded;
import dev.tokenomics.budget.InsightReport.Finding;
import dev.tokenomics.ledger.LedgerInsights;
import dev.tokenomics.ledger.LedgerBudgets;
import dev.tokenomics.ledger.LedgerInsights.By;
import dev.tokenomics.ledger.LedgerInsights.Cell;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.stats.Outliers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Cost insights over a window: burn acceleration, anomalies (modified z-scores over sessions,
 * tasks and days), silent degradation and the model counterfactual, each turned into findings
 * with a severity.
 */
public final class CostInsights {
    /** The current Anthropic tiers, cheapest first: the default counterfactual models. */
    public static final List<String> DEFAULT_MODELS = List.of("claude-haiku-4-5", "claude-sonnet-4-5",
            "claude-opus-4-5");
    static final BigDecimal DAY_MS = BigDecimal.valueOf(86_400_000L);

    private final LedgerInsights store;
    private final PriceTable prices;

    public CostInsights(LedgerInsights store, PriceTable prices) {
        this.store = store;
        this.prices = prices;
    }

    /** The same insights over one Claude Code workflow run's events only; null: all. */
    public CostInsights scopedTo(String workflowRun) {
        return workflowRun == null ? this : new CostInsights(store.scopedTo(workflowRun), prices);
    }

    public static CostInsights of(TokenLedger ledger) {
        return new CostInsights(ledger.insights(), ledger.prices());
    }

    public InsightReport analyse(InsightWindow w, BigDecimal alertOnAccelerationPct, List<String> models) {
        return analyse(w, alertOnAccelerationPct, Outliers.DEFAULT_THRESHOLD, models);
    }

    /**
     * @param alertOnAccelerationPct warn when spend per day rose by at least this percent, or null
     * @param threshold the |modified z| past which a session, task, day or task's stage is an outlier
     * @param models counterfactual models (each must have a price); empty for the defaults
     */
    public InsightReport analyse(InsightWindow w, BigDecimal alertOnAccelerationPct, double threshold,
            List<String> models) {
        return analyse(w, alertOnAccelerationPct, threshold, models, true);
    }

    /**
     * What a gate reads (`tokenomics health`): the totals, the acceleration, the anomalies and the
     * projection's basis, without the DEGRADED and counterfactual parts (empty in the report), which
     * cost a scan each and decide nothing there.
     */
    public InsightReport gate(InsightWindow w, BigDecimal alertOnAccelerationPct, double threshold) {
        return analyse(w, alertOnAccelerationPct, threshold, List.of(), false);
    }

    private InsightReport analyse(InsightWindow w, BigDecimal alertOnAccelerationPct, double threshold,
            List<String> models, boolean full) {
        Outliers.threshold("threshold", threshold);
        List<ModelPrice> targets = new ArrayList<>();
        for (String m : models.isEmpty() ? DEFAULT_MODELS : models) {
            targets.add(prices.lookup(m).orElseThrow(() -> new IllegalArgumentException("model " + Texts.quote(m)
                    + " has no price, so nothing can be repriced as it; give a priced model such as claude-sonnet-4-5")));
        }
        InsightWindow prev = w.previous();
        Totals current = store.totals(w.since(), w.until());
        Totals previous = store.totals(prev.since(), prev.until());
        List<Finding> findings = new ArrayList<>();
        Acceleration acc = acceleration(w, current, previous, alertOnAccelerationPct, findings);
        Map<String, Totals> days = days(w);
        Map<String, Long> dayCosts = new LinkedHashMap<>();
        days.forEach((d, t) -> dayCosts.put(d, t.costNanos()));
        int daysWithData = (int) days.values().stream().filter(t -> t.events() > 0).count();
        Set<String> partial = new TreeSet<>();
        for (LocalDate d : w.days()) {
            if (!w.whole(d)) {
                partial.add(d.toString());
            }
        }
        Groups g = Groups.of(full ? store.cells(w.since(), w.until()) : store.costCells(w.since(), w.until()));
        List<AnomalySet> anomalies = List.of(
                anomalies("sessions", "session", costs(g.sessions()), threshold,
                        low -> store.reachingOutside(By.SESSION, low, w.since(), w.until()), findings),
                anomalies("tasks", "task", costs(g.tasks()), threshold,
                        low -> store.reachingOutside(By.TASK, low, w.since(), w.until()), findings),
                anomalies("days", "day", dayCosts, threshold, low -> intersection(low, partial), findings));
        List<Degraded> degraded = full ? degraded(g, threshold,
                low -> store.reachingOutside(By.TASK, low, w.since(), w.until())) : List.of();
        for (Degraded d : degraded) {
            String subject = d.kind().equals("task_stage") ? d.taskId() + " / " + d.stage()
                    : d.kind().equals("task") ? d.taskId() : d.stage();
            findings.add(new Finding(Severity.WARNING, "degraded", d.kind().replace('_', ' ') + " " + subject,
                    "DEGRADED " + d.kind().replace('_', ' ') + " " + subject + ": " + d.reason()
                            + "; its numbers should not be trusted or published."));
        }
        List<Counterfactual> cf = full ? counterfactual(w, targets, findings) : List.of();
        return new InsightReport(w, current, previous, acc, daysWithData, threshold, anomalies, degraded, cf,
                List.copyOf(findings));
    }

    static Acceleration acceleration(InsightWindow w, Totals current, Totals previous, BigDecimal alertPct,
            List<Finding> findings) {
        BigDecimal days = BigDecimal.valueOf(w.length().toMillis()).divide(DAY_MS, 12, RoundingMode.HALF_EVEN);
        BigDecimal cur = BigDecimal.valueOf(current.costNanos()).divide(days, 3, RoundingMode.HALF_EVEN);
        BigDecimal prev = BigDecimal.valueOf(previous.costNanos()).divide(days, 3, RoundingMode.HALF_EVEN);
        // Equal lengths: the change per day is the change of the totals.
        BigDecimal pct = previous.costNanos() == 0 ? null
                : BigDecimal.valueOf(current.costNanos() - previous.costNanos()).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(previous.costNanos()), 2, RoundingMode.HALF_EVEN);
        boolean alert = alertPct != null && pct != null && pct.compareTo(alertPct) >= 0;
        if (alert) {
            Severity s = pct.compareTo(alertPct.multiply(BigDecimal.valueOf(2))) >= 0 && alertPct.signum() > 0
                    ? Severity.CRITICAL : Severity.WARNING;
            findings.add(new Finding(s, "acceleration", "spend per day", "Spend per day rose " + pct.toPlainString()
                    + "% against the previous " + w.length().toDays() + "-day window ("
                    + Money.display(previous.costNanos()) + " -> " + Money.display(current.costNanos())
                    + "), at or past the alert threshold of " + alertPct.toPlainString() + "%."));
        }
        return new Acceleration(cur, prev, pct, alertPct, alert);
    }

    /** A group's totals and how many of its events had status error. */
    record Sum(Totals totals, long errorEvents) {
        Sum plus(Cell c) {
            return new Sum(totals.plus(c.totals()), errorEvents + c.errorEvents());
        }
    }

    /**
     * The window's sessions, tasks, stages and tasks' stages (key order; a stage's tasks in task
     * order), added up in Java from the one grouped scan of {@link LedgerInsights#cells}.
     */
    record Groups(Map<String, Sum> sessions, Map<String, Sum> tasks, Map<String, Sum> stages,
            Map<String, Map<String, Sum>> taskStages) {
        static Groups of(List<Cell> cells) {
            Groups g = new Groups(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
            Sum zero = new Sum(Totals.ZERO, 0);
            for (Cell c : cells) {
                if (c.sessionId() != null) {
                    g.sessions.put(c.sessionId(), g.sessions.getOrDefault(c.sessionId(), zero).plus(c));
                }
                if (c.taskId() != null) {
                    g.tasks.put(c.taskId(), g.tasks.getOrDefault(c.taskId(), zero).plus(c));
                }
                if (c.stage() != null) {
                    g.stages.put(c.stage(), g.stages.getOrDefault(c.stage(), zero).plus(c));
                }
                if (c.taskId() != null && c.stage() != null) {
                    Map<String, Sum> byTask = g.taskStages.computeIfAbsent(c.stage(), k -> new TreeMap<>());
                    byTask.put(c.taskId(), byTask.getOrDefault(c.taskId(), zero).plus(c));
                }
            }
            return g;
        }
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static Map<String, Long> costs(Map<String, Sum> groups) {
        Map<String, Long> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.totals().costNanos()));
        return out;
    }

    /**
     * Totals per local day of the window, days without events included (as zero): from the hourly
     * rollup when every offset of the zone is whole hours (an hour then lies in one local day), else
     * by the minute from the events.
     */
    private Map<String, Totals> days(InsightWindow w) {
        Map<String, Totals> out = new TreeMap<>();
        for (LocalDate d : w.days()) {
            out.put(d.toString(), Totals.ZERO);
        }
        boolean hours = Times.wholeHours(w.zone());
        for (LedgerBudgets.HourSpend h : hours ? store.hours(w.since(), w.until()) : store.minutes(w.since(), w.until())) {
            Instant at = Instant.parse(h.hour() + (hours ? ":00:00Z" : ":00Z"));
            out.merge(LocalDate.ofInstant(at, w.zone()).toString(), h.totals(), Totals::plus);
        }
        return out;
    }

    /**
     * @param cut of the ids that would be flagged far below, those the window cuts (a day it holds
     *     only part of, a session or task with events outside it): their spend in the window says
     *     nothing about their whole, so they are not flagged low. Far above still counts: a hot loop
     *     shows before its day, session or task ends.
     */
    static AnomalySet anomalies(String over, String noun, Map<String, Long> costs, double threshold,
            Function<Set<String>, Set<String>> cut, List<Finding> findings) {
        List<String> ids = new ArrayList<>(costs.keySet());
        double[] x = new double[ids.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = costs.get(ids.get(i));
        }
        Outliers.Scores s = Outliers.score(x, threshold);
        Set<String> low = new TreeSet<>();
        for (int i = 0; i < x.length; i++) {
            if (s.outlier(i) && s.z(i) < 0) {
                low.add(ids.get(i));
            }
        }
        Set<String> lowExempt = low.isEmpty() ? Set.of() : new TreeSet<>(cut.apply(low));
        List<Anomaly> flagged = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (s.outlier(i) && !(s.z(i) < 0 && lowExempt.contains(ids.get(i)))) {
                Anomaly a = new Anomaly(ids.get(i), costs.get(ids.get(i)), s.z(i));
                flagged.add(a);
                boolean high = a.z() > 0;
                findings.add(new Finding(high ? Severity.WARNING : Severity.INFO, "anomaly", noun + " " + a.id(),
                        capitalise(noun) + " " + a.id() + " cost " + Money.display(a.costNanos()) + ", "
                                + (high ? "far above" : "far below") + " the median " + noun + " ("
                                + Money.display(Math.round(s.median())) + "; modified z = "
                                + String.format(Locale.ROOT, "%.1f", a.z()) + ")."));
            }
        }
        String note = lowExempt.isEmpty() ? s.note() : s.note() + "; not flagged low, as the window cuts "
                + (lowExempt.size() == 1 ? "it" : "them") + ": " + (lowExempt.size() <= 5 ? String.join(", ", lowExempt)
                : String.join(", ", new ArrayList<>(lowExempt).subList(0, 5)) + " and " + (lowExempt.size() - 5) + " more");
        return new AnomalySet(over, x.length, s.method(), Math.round(s.median()), note, List.copyOf(flagged));
    }

    /** Tasks and stages with error records, and tasks that ran anomalously cheap for their stage. */
    private static List<Degraded> degraded(Groups g, double threshold, Function<Set<String>, Set<String>> cut) {
        List<Degraded> out = new ArrayList<>();
        g.tasks().forEach((task, r) -> {
            if (r.errorEvents() > 0) {
                out.add(new Degraded("task", task, null, errors(r), r.errorEvents(), r.totals().events(),
                        r.totals().costNanos()));
            }
        });
        g.stages().forEach((stage, r) -> {
            if (r.errorEvents() > 0) {
                out.add(new Degraded("stage", null, stage, errors(r), r.errorEvents(), r.totals().events(),
                        r.totals().costNanos()));
            }
        });
        // The kind of a task's stage is the stage: compare each task's cost in a stage with the
        // other tasks' cost in that stage.
        for (Map.Entry<String, Map<String, Sum>> e : g.taskStages().entrySet()) {
            List<String> tasks = new ArrayList<>(e.getValue().keySet());
            List<Sum> rows = new ArrayList<>(e.getValue().values());
            double[] x = rows.stream().mapToDouble(r -> r.totals().costNanos()).toArray();
            Outliers.Scores s = Outliers.score(x, threshold);
            Set<String> low = new TreeSet<>();
            for (int i = 0; i < x.length; i++) {
                if (s.outlier(i) && s.z(i) < 0) {
                    low.add(tasks.get(i));
                }
            }
            // A task the window cuts looks cheap in its stage for want of its other events: not degraded.
            Set<String> cutTasks = low.isEmpty() ? Set.of() : cut.apply(low);
            for (int i = 0; i < x.length; i++) {
                if (s.outlier(i) && s.z(i) < 0 && !cutTasks.contains(tasks.get(i))) {
                    Sum r = rows.get(i);
                    out.add(new Degraded("task_stage", tasks.get(i), e.getKey(), "ran anomalously cheap for stage "
                            + e.getKey() + ": " + Money.display(r.totals().costNanos()) + " against a median of "
                            + Money.display(Math.round(s.median())) + " (modified z = "
                            + String.format(Locale.ROOT, "%.1f", s.z(i)) + ")", r.errorEvents(),
                            r.totals().events(), r.totals().costNanos()));
                }
            }
        }
        return out;
    }

    private static String errors(Sum r) {
        return r.errorEvents() + " of " + r.totals().events() + " records report errors";
    }

    private List<Counterfactual> counterfactual(InsightWindow w, List<ModelPrice> targets, List<Finding> findings) {
        List<Counterfactual> out = new ArrayList<>();
        List<Long> thresholds = targets.stream().map(CostInsights::longContextThreshold).toList();
        Map<Long, List<LedgerInsights.UsageSplit>> split = store.pricedUsage(thresholds, w.since(), w.until());
        for (ModelPrice p : targets) {
            BigDecimal asIf = BigDecimal.ZERO;
            long actual = 0;
            long events = 0;
            for (LedgerInsights.UsageSplit u : split.get(longContextThreshold(p))) {
                // Each part at one tier: a flat price (threshold 0) with that tier's rates.
                ModelPrice flat = new ModelPrice(p.model(), u.aboveThreshold() ? p.longContext() : p.base(), 0, null);
                asIf = asIf.add(Costs.cost(flat, u.usage()));
                actual += u.costNanos();
                events += u.events();
            }
            long asIfNanos = Costs.toNanos(asIf);
            out.add(new Counterfactual(p.model(), actual, asIfNanos, asIfNanos - actual, events));
        }
        long priciest = out.stream().mapToLong(Counterfactual::asIfNanos).max().orElse(0);
        long cheapest = out.stream().mapToLong(Counterfactual::asIfNanos).min().orElse(0);
        for (Counterfactual c : out) {
            // Costing more than the cheapest tier is what routing to stronger models means; costing
            // more than a stronger tier would have is over-escalation, and more than the priciest, a warning.
            if (c.overEscalation() && (out.size() == 1 || c.asIfNanos() != cheapest)) {
                Severity s = c.asIfNanos() == priciest && out.size() > 1 ? Severity.WARNING : Severity.INFO;
                findings.add(new Finding(s, "over_escalation", c.model(), "Over-escalation: the window's "
                        + c.events() + " priced records cost " + Money.display(c.actualNanos()) + ", "
                        + Money.display(-c.savingsNanos()) + " more than the same tokens priced as " + c.model()
                        + " (" + Money.display(c.asIfNanos()) + ")."));
            }
        }
        return out;
    }

    private static long longContextThreshold(ModelPrice p) {
        return p.longContextThresholdTokens() > 0 ? p.longContextThresholdTokens() : Long.MAX_VALUE;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
