package dev.tokenomics.budget;

import dev.tokenomics.ledger.BudgetRow;
import dev.tokenomics.ledger.LedgerBudgets;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.ledger.TokenLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Budgets over one ledger: stored by {@link LedgerBudgets}, checked by {@link BudgetRules} at the clock's now. */
public final class Budgets {
    private final LedgerBudgets store;
    private final Clock clock;
    /** Run before a check reads stored spend: the ledger's reprice to its price table. */
    private final Runnable repriceFirst;

    public Budgets(LedgerBudgets store, Clock clock) {
        this(store, clock, () -> { });
    }

    private Budgets(LedgerBudgets store, Clock clock, Runnable repriceFirst) {
        this.store = store;
        this.clock = clock;
        this.repriceFirst = repriceFirst;
    }

    /**
     * Budgets over the ledger's stored spend; a check first reprices it to the ledger's table when
     * another one costed it. Not at construction: the stdio server builds these before its ledger is open.
     */
    public static Budgets of(TokenLedger ledger) {
        return new Budgets(ledger.budgets(), ledger.clock(), ledger::reprice);
    }

    public Clock clock() {
        return clock;
    }

    /** What set did: the budget as stored, and whether it replaced one of the same name. */
    public record SetResult(Budget budget, boolean updated) {}

    public SetResult set(Budget b) {
        Instant now = clock.instant();
        boolean updated = store.put(new BudgetRow(b.name(), b.scope().wireName(), b.scopeId(), b.period().wireName(),
                b.timezone().getId(), b.limitNanos(), b.limitTokens(), b.thresholds().text(), now, now));
        return new SetResult(b, updated);
    }

    public Optional<Budget> get(String name) {
        return store.get(name).map(Budgets::budget);
    }

    /** The named budget, or an error that says what exists. */
    public Budget require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("no budget named " + Texts.quote(name)
                + "; " + namesHint()));
    }

    public List<Budget> list() {
        return store.list().stream().map(Budgets::budget).toList();
    }

    public List<Budget> list(BudgetScope scope, String scopeId) {
        return store.list(scope.wireName(), scopeId).stream().map(Budgets::budget).toList();
    }

    /**
     * What a check looks at: the named budget, or the budgets on exactly one scope (+ its id), or
     * all when nothing is given. check_budget and `health` choose through here.
     */
    public List<Budget> select(String name, String scope, String scopeId) {
        if (name != null && !name.isBlank()) {
            if (scope != null || scopeId != null) {
                throw new IllegalArgumentException("give name, or scope (+ scope_id), not both");
            }
            return List.of(require(name.strip()));
        }
        if (scope == null) {
            if (scopeId != null) {
                throw new IllegalArgumentException("scope_id needs scope (repo, workstream, task, agent, model "
                        + "or session)");
            }
            return list();
        }
        BudgetScope s = BudgetScope.parse(scope);
        if (s != BudgetScope.GLOBAL && (scopeId == null || scopeId.isBlank())) {
            throw new IllegalArgumentException("scope_id is required with scope " + s.wireName());
        }
        return list(s, s == BudgetScope.GLOBAL ? null : scopeId.strip());
    }

    /** Deletes the named budget; an error, and nothing changed, when there is none. */
    public Budget delete(String name) {
        Budget b = require(name);
        store.delete(b.name());
        return b;
    }

    /** Checks one budget now, its burn rate over {@code window} ending now. */
    public BudgetCheck check(Budget b, BurnWindow window) {
        repriceFirst.run();
        Instant now = clock.instant();
        Period.Window w = b.period().window(now, b.timezone());
        Totals period = store.spend(b.scope().wireName(), b.scopeId(), w.start(), w.end());
        return BudgetRules.check(b, now, period, burn(b, window, now));
    }

    /**
     * Checks one budget now if it is at {@code floor} or above, else returns null. The period is
     * read first and the burn window only when needed: the mid-session watch then pays one indexed
     * scan for a budget below its first threshold, which has nothing to say.
     */
    public BudgetCheck checkIfAtLeast(Budget b, Level floor, BurnWindow window) {
        Instant now = clock.instant();
        Period.Window w = b.period().window(now, b.timezone());
        Totals period = store.spend(b.scope().wireName(), b.scopeId(), w.start(), w.end());
        Level l = Level.OK;
        if (b.limitUsd() != null) {
            l = Level.max(l, b.thresholds().level(period.costNanos(), b.limitNanos()));
        }
        if (b.limitTokens() != null) {
            l = Level.max(l, b.thresholds().level(period.totalTokens(), b.limitTokens()));
        }
        if (!l.atLeast(floor)) {
            return null;
        }
        return BudgetRules.check(b, now, period, burn(b, window, now));
    }

    /**
     * The budget's scope's spend over the window ending at now inclusive (see BurnWindow#start),
     * read by hour so the days with data come with the total.
     */
    private Burn burn(Budget b, BurnWindow window, Instant now) {
        Totals sum = Totals.ZERO;
        Set<LocalDate> days = new HashSet<>();
        for (LedgerBudgets.HourSpend h : store.spendByHour(b.scope().wireName(), b.scopeId(), window.start(now),
                window.end(now))) {
            sum = sum.plus(h.totals());
            days.add(LocalDate.ofInstant(Instant.parse(h.hour() + ":00:00Z"), b.timezone()));
        }
        LocalDate first = LocalDate.ofInstant(window.start(now), b.timezone());
        int calendar = (int) first.until(LocalDate.ofInstant(now, b.timezone()), ChronoUnit.DAYS)
                + 1;
        return new Burn(window, sum, days.size(), calendar);
    }

    public List<BudgetCheck> check(List<Budget> budgets, BurnWindow window) {
        List<BudgetCheck> out = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            out.add(check(b, window));
        }
        return out;
    }

    /** Marks the check's level as announced for its period; true when that raised it (a crossing to announce). */
    boolean raiseAlert(BudgetCheck c) {
        Instant periodStart = c.period().bounded() ? c.period().start() : Instant.EPOCH;
        return store.raiseAlert(c.budget().name(), periodStart, c.level().rank(), c.checkedAt()) < c.level().rank();
    }

    String namesHint() {
        List<String> names = store.list().stream().map(BudgetRow::name).toList();
        if (names.isEmpty()) {
            return "there are no budgets yet (set_budget creates one)";
        }
        List<String> shown = names.size() > 20 ? names.subList(0, 20) : names;
        return "budgets: " + String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : "");
    }

    static Budget budget(BudgetRow r) {
        return new Budget(r.name(), BudgetScope.parse(r.scope()), r.scopeId(), Period.parse(r.period()),
                Budget.zone(r.timezone()), r.limitNanos() == null ? null : Money.usd(r.limitNanos()),
                r.limitTokens(), Thresholds.parse(r.thresholds()));
    }
}
