package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.BudgetScope;
import dev.tokenomics.budget.BudgetWatch;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.Period;
import dev.tokenomics.ledger.LedgerBudgets;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.SyntheticLedger;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench budgets}: check_budget for 100 budgets over a 1M-event ledger. The
 * baseline is the bare indexed SUM over token_events for each budget's current period, what a check
 * costs without the hourly rollup; the ratio is check time over that baseline (below 1: faster).
 */
@Command(name = "budgets", mixinStandardHelpOptions = true,
        description = {"Time check_budget for 100 budgets (every scope and period) over a synthetic 1M-event "
                + "ledger, against the bare indexed SUM over each budget's period. Targets: one budget < 50 ms, "
                + "all 100 < 1 s."})
final class BenchBudgetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "Events in the ledger (default 1,000,000).")
    int events;

    @Option(names = "--days", defaultValue = "60", description = "Days the events span, ending now (default 60).")
    int days;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs; the median is reported (default 5).")
    int runs;

    @Option(names = "--db", paramLabel = "PATH", description = "Ledger file to fill (or reuse when it already holds "
            + "the events). Default: a temporary file, deleted afterwards.")
    Path db;

    @Override
    public Integer call() throws IOException {
        if (events < 1 || runs < 1 || days < 1) {
            throw new IllegalArgumentException("--events, --days and --runs must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = null;
        Path file = db;
        if (file == null) {
            dir = Files.createTempDirectory("tokenomics-bench-budgets");
            file = dir.resolve("ledger.db");
        }
        try (TokenLedger ledger = TokenLedger.open(file, PriceTable.bundled(), EventDefaults.NONE)) {
            Instant now = ledger.clock().instant();
            long have = ledger.events().summarize(dev.tokenomics.ledger.Scope.ALL, null, null, null).totals().events();
            if (have < events) {
                long t0 = System.nanoTime();
                long n = SyntheticLedger.fill(ledger, events, now, days, 42);
                out.printf("Ledger: %s events over %d days, inserted in one transaction in %.1f s (%s)%n",
                        Format.count(n), days, (System.nanoTime() - t0) / 1e9, file);
            } else {
                out.printf("Ledger: reusing %s events in %s%n", Format.count(have), file);
            }
            Budgets budgets = Budgets.of(ledger);
            List<Budget> set = budgetSet();
            for (Budget b : set) {
                budgets.set(b);
            }
            LedgerBudgets store = ledger.budgets();
            out.printf("check_budget, one budget (median of %d runs after a warm-up):%n", runs);
            TextTable t = TextTable.of("budget", "scope", "period", "events in period", "bare SUM ms", "check ms",
                    "check/SUM");
            double worstOne = 0;
            for (BudgetScope scope : BudgetScope.values()) {
                for (Budget b : set) {
                    if (b.scope() != scope || (scope == BudgetScope.GLOBAL && b.period() == Period.TOTAL)) {
                        continue;
                    }
                    Period.Window w = b.period().window(ledger.clock().instant(), b.timezone());
                    double base = medianMs(() -> store.spendFromEvents(b.scope().wireName(), b.scopeId(), w.start(),
                            w.end()));
                    double check = medianMs(() -> budgets.check(b, BurnWindow.DEFAULT));
                    long inPeriod = store.spend(b.scope().wireName(), b.scopeId(), w.start(), w.end()).events();
                    worstOne = Math.max(worstOne, check);
                    t.row(b.name(), b.scopeText(), b.period().wireName(), Format.count(inPeriod), ms(base), ms(check),
                            String.format("%.3f", check / base));
                    if (scope != BudgetScope.GLOBAL) {
                        break;
                    }
                }
            }
            out.print(t.render());
            Budget total = set.stream().filter(b -> b.scope() == BudgetScope.GLOBAL && b.period() == Period.TOTAL)
                    .findFirst().orElseThrow();
            double totalMs = medianMs(() -> budgets.check(total, BurnWindow.DEFAULT));
            out.printf("Worst case, a global budget over all time (every row): %s ms%n", ms(totalMs));
            double allBase = medianMs(() -> {
                for (Budget b : set) {
                    Period.Window w = b.period().window(ledger.clock().instant(), b.timezone());
                    store.spendFromEvents(b.scope().wireName(), b.scopeId(), w.start(), w.end());
                }
                return null;
            });
            double all = medianMs(() -> {
                CallToolResult r = ToolRunner.call(ledger, "check_budget", Map.of());
                if (Boolean.TRUE.equals(r.isError())) {
                    throw new IllegalStateException(ToolRunner.text(r));
                }
                return r;
            });
            out.printf("check_budget for all %d budgets (the tool, JSON included): %s ms; bare SUMs over "
                    + "token_events: %s ms; ratio %.3f%n", set.size(), ms(all), ms(allBase), all / allBase);
            // The mid-session hook: the budgets one event lands under (the 5 global ones plus its repo,
            // workstream, task, agent, model and session), checked after a record.
            BudgetWatch watch = new BudgetWatch(budgets);
            BudgetWatch.Landing landing = new BudgetWatch.Landing(now, "repo-0", "ws-0", "task-0", "agent-0",
                    SyntheticLedger.MODELS[0], "session-0");
            double watchMs = medianMs(() -> watch.after(List.of(landing)));
            out.printf("Budget watch after one record (%d budgets match the event, all past their first threshold): "
                    + "%s ms%n", set.stream().filter(b -> matches(b, landing)).count(), ms(watchMs));
            boolean pass = worstOne < 50 && all < 1000;
            out.printf("Targets (one budget < 50 ms, all 100 < 1 s): %s (slowest single budget above: %s ms)%n",
                    pass ? "met" : "NOT met", ms(worstOne));
            out.flush();
            return Exit.OK;
        } finally {
            if (dir != null) {
                for (String f : new String[] {"ledger.db", "ledger.db-wal", "ledger.db-shm"}) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static boolean matches(Budget b, BudgetWatch.Landing l) {
        return switch (b.scope()) {
            case GLOBAL -> true;
            case REPO -> b.scopeId().equals(l.repo());
            case WORKSTREAM -> b.scopeId().equals(l.workstream());
            case TASK -> b.scopeId().equals(l.taskId());
            case AGENT -> b.scopeId().equals(l.agent());
            case MODEL -> b.scopeId().equals(l.model());
            case SESSION -> b.scopeId().equals(l.sessionId());
        };
    }

    /** 100 budgets over every scope and period, ids that exist in the synthetic ledger. */
    static List<Budget> budgetSet() {
        List<Budget> out = new ArrayList<>();
        Period[] periods = {Period.DAY, Period.WEEK, Period.MONTH, Period.TOTAL};
        Map<BudgetScope, Integer> counts = new LinkedHashMap<>();
        counts.put(BudgetScope.GLOBAL, 5);
        counts.put(BudgetScope.REPO, 15);
        counts.put(BudgetScope.WORKSTREAM, 20);
        counts.put(BudgetScope.TASK, 20);
        counts.put(BudgetScope.AGENT, 10);
        counts.put(BudgetScope.MODEL, 10);
        counts.put(BudgetScope.SESSION, 20);
        for (Map.Entry<BudgetScope, Integer> e : counts.entrySet()) {
            BudgetScope s = e.getKey();
            for (int i = 0; i < e.getValue(); i++) {
                String id = switch (s) {
                    case GLOBAL -> null;
                    case REPO -> "repo-" + i;
                    case WORKSTREAM -> "ws-" + i;
                    case TASK -> "task-" + (i * 97);
                    case AGENT -> "agent-" + i;
                    case MODEL -> SyntheticLedger.MODELS[i % SyntheticLedger.MODELS.length];
                    case SESSION -> "session-" + (i * 31);
                };
                // The first of each scope checks the month: the most rows a calendar budget reads.
                Period p = i == 0 && s != BudgetScope.GLOBAL ? Period.MONTH : periods[i % periods.length];
                ZoneId zone = i % 3 == 1 ? ZoneId.of("America/Los_Angeles") : ZoneId.of("UTC");
                out.add(new Budget(s.wireName() + "-" + i, s, id, p, zone, new BigDecimal(100 + i), null, null));
            }
        }
        return out;
    }

    private double medianMs(Supplier<?> work) {
        work.get();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }

    private static String ms(double v) {
        return String.format("%.1f", v);
    }
}
