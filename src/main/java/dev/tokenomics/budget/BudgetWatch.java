package dev.tokenomics.budget;

import dev.tokenomics.ledger.EventInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mid-session hook: after events are written, checks only the budgets those events count
 * towards (their scope matches and the event falls in the budget's current period) and reports
 * which are at warning or above and which thresholds were just crossed.
 *
 * <p>A crossing is announced once per budget and period across every process sharing the ledger:
 * the announced level is kept in the ledger and raised in a write transaction (see
 * {@code LedgerBudgets.raiseAlert}), and only the caller that raised it announces.
 */
public final class BudgetWatch {
    private final Budgets budgets;

    public BudgetWatch(Budgets budgets) {
        this.budgets = budgets;
    }

    /** Where an event lands: its time and the scope ids it counts towards. */
    public record Landing(Instant ts, String repo, String workstream, String taskId, String agent, String model,
            String sessionId) {
        public static Landing of(EventInput e) {
            return new Landing(e.ts(), e.repo(), e.workstream(), e.taskId(), e.agent(), e.model(), e.sessionId());
        }

        boolean countsTowards(Budget b) {
            return switch (b.scope()) {
                case GLOBAL -> true;
                case REPO -> b.scopeId().equals(repo);
                case WORKSTREAM -> b.scopeId().equals(workstream);
                case TASK -> b.scopeId().equals(taskId);
                case AGENT -> b.scopeId().equals(agent);
                case MODEL -> b.scopeId().equals(model);
                case SESSION -> b.scopeId().equals(sessionId);
            };
        }
    }

    /** A threshold crossed by the events just written: the check, and the level it reached. */
    public record Crossing(BudgetCheck check, Level to) {}

    /** @param notable the affected budgets at warning or above; @param crossings thresholds just crossed */
    public record Result(List<BudgetCheck> notable, List<Crossing> crossings) {
        public static final Result NONE = new Result(List.of(), List.of());

        public boolean isEmpty() {
            return notable.isEmpty() && crossings.isEmpty();
        }

        public Level worst() {
            Level l = Level.OK;
            for (BudgetCheck c : notable) {
                l = Level.max(l, c.level());
            }
            return l;
        }
    }

    public Result after(List<Landing> landings) {
        if (landings.isEmpty()) {
            return Result.NONE;
        }
        List<Budget> all = budgets.list();
        if (all.isEmpty()) {
            return Result.NONE;
        }
        Instant now = budgets.clock().instant();
        Map<String, Budget> affected = new LinkedHashMap<>();
        for (Budget b : all) {
            Period.Window w = b.period().window(now, b.timezone());
            for (Landing l : landings) {
                if (l.countsTowards(b) && w.contains(l.ts())) {
                    affected.put(b.name(), b);
                    break;
                }
            }
        }
        List<BudgetCheck> notable = new ArrayList<>();
        List<Crossing> crossings = new ArrayList<>();
        for (Budget b : affected.values()) {
            BudgetCheck c = budgets.checkIfAtLeast(b, Level.INFO, BurnWindow.DEFAULT);
            if (c == null) {
                continue; // below every threshold: no crossing to announce and no field to add
            }
            if (c.level().atLeast(Level.INFO) && budgets.raiseAlert(c)) {
                crossings.add(new Crossing(c, c.level()));
            }
            if (c.level().atLeast(Level.WARNING)) {
                notable.add(c);
            }
        }
        return new Result(List.copyOf(notable), List.copyOf(crossings));
    }

    /** The sentence a crossing is announced with. */
    public static String announcement(Crossing x) {
        BudgetCheck c = x.check();
        Integer pct = c.budget().thresholds().percentOf(x.to());
        return "Budget '" + c.budget().name() + "' crossed " + pct + "% (" + x.to().wireName() + "): "
                + BudgetRules.percent(c.percentUsed()) + " used. " + c.advice();
    }
}
