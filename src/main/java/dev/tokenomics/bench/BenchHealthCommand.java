package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetScope;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.Period;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tokenomics bench health}: the composite gate over bench report's generated ledger (1M
 * events by default) with six budgets, timed as a user runs it: {@code ./tokenomics health}, a new
 * JVM each run. The baseline is the sqlite3 CLI running the bare statements health stands for over
 * token_events (each budget's period and burn window, the window's and the previous window's
 * totals, its spend by hour, its sessions, tasks and stages), so the ratio says what the rollups,
 * the JVM and the checks cost beyond reading the rows. Target: health <= 1 s.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Time `tokenomics health` through ./tokenomics (a new JVM each run) over bench report's "
                + "generated ledger with six budgets, against the sqlite3 CLI running the bare SUMs over token_events "
                + "that health stands for. Target: health <= 1 s.",
                "Example: tokenomics bench health --events 1000000 --window 7d --window 90d"})
final class BenchHealthCommand implements Callable<Integer> {
    static final long TARGET_MS = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Events to generate (default "
            + "1,000,000).")
    long events;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Days they span (default 90).")
    int days;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs of each, after one "
            + "warm-up (default 5; the median is reported).")
    int runs;

    @Option(names = "--window", paramLabel = "WINDOW", description = "health's --window, repeatable (default 7d; "
            + "90d reads the whole default ledger).")
    List<String> windows;

    @Option(names = "--db", paramLabel = "PATH", description = "Ledger to use: generated there when it has no events, "
            + "reused as it is otherwise. Default: a fresh temporary folder, deleted afterwards.")
    Path db;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1 || days < 1 || runs < 1) {
            throw new IllegalArgumentException("--events, --days and --runs must be >= 1, got " + events + ", " + days
                    + ", " + runs);
        }
        List<BurnWindow> asked = new ArrayList<>();
        for (String w : windows == null || windows.isEmpty() ? List.of("7d") : windows) {
            asked.add(BurnWindow.parse("--window", w));
        }
        if (db != null) {
            return run(db.toAbsolutePath(), asked, out);
        }
        // A fresh ledger is ~600 MB: its folder goes when the run ends, failed or not.
        try (Scratch work = Scratch.open(null, "tokenomics-bench-health", false, out)) {
            return run(work.dir().resolve("bench.db"), asked, out);
        }
    }

    private int run(Path file, List<BurnWindow> asked, PrintWriter out) throws Exception {
        List<Budget> budgets = prepare(file, out);
        List<String> tk = Launcher.command();
        double jvm = ProcessTimer.medianMs(ProcessTimer.concat(tk, "--version"), runs);
        List<String> list = ProcessTimer.concat(tk, "budget", "list", "--db", file.toString());
        ProcessTimer.exec(list);
        double floor = ProcessTimer.medianMs(list, runs);
        out.printf(Locale.ROOT, "Floors: ./tokenomics --version (the JVM start) median %.0f ms; ./tokenomics budget list "
                + "(opening this ledger, as every command does) median %.0f ms; of %d runs each%n", jvm, floor, runs);
        BenchBaseline sqlite = new BenchBaseline(file, LocalDate.now(),
                LocalDate.now());
        boolean baseline = sqlite.available();
        if (!baseline) {
            out.println("sqlite3 not found on PATH: install it (apt-get install -y sqlite3) for the baseline.");
        }
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (BurnWindow w : asked) {
            List<String> health = ProcessTimer.concat(tk, "health", "--window", w.text(), "--db", file.toString());
            ProcessTimer.exec(health); // warm-up: the launcher's class-data archive, the page cache
            double ms = ProcessTimer.medianMs(health, runs);
            (ms <= TARGET_MS ? met : missed).add(w.text() + String.format(Locale.ROOT, " (%.0f ms)", ms));
            Instant now = Instant.now();
            JsonNode answer = JsonMapper.builder().build().readTree(ProcessTimer.exec(ProcessTimer.concat(health, "--json")));
            out.printf(Locale.ROOT, "./tokenomics health --window %s: median %.0f ms of %d (target <= %d ms; %.0f ms "
                    + "above opening the ledger): %s%n", w.text(), ms, runs, TARGET_MS, ms - floor,
                    answer.get("worst_level").asString());
            if (baseline) {
                String sql = bareSums(w, now, budgets);
                double base = sqlite.time(sql, runs);
                out.printf(Locale.ROOT, "  sqlite3 %s, the same figures as bare SUMs over token_events: median %.0f ms "
                        + "-> health/sqlite3 = %.2fx%n", sqlite.version(), base, ms / base);
                out.println("  " + agreement(file, w, now, answer));
            }
            out.flush();
        }
        out.printf("Target health <= %d ms: met for %s%s%n", TARGET_MS, met.isEmpty() ? "no window" : String.join(", ", met),
                missed.isEmpty() ? "" : "; NOT met for " + String.join(", ", missed));
        out.flush();
        return Exit.OK;
    }

    /** The ledger (generated unless it holds events) and its budgets, set afresh each run. */
    private List<Budget> prepare(Path file, PrintWriter out) {
        try (TokenLedger ledger = TokenLedger.open(LedgerLocation.sqlite(file), PriceTable.bundled(), Clock.systemUTC(),
                EventDefaults.NONE)) {
            if (ledger.events().eventSpan() == null) {
                out.printf(Locale.ROOT, "Generating %,d events over %d days into %s (bench report's ledger) ...%n", events,
                        days, file);
                out.flush();
                BenchLedger gen = new BenchLedger(events, days, LocalDate.now(ZoneOffset.UTC));
                long t0 = System.nanoTime();
                ledger.events().importAll(gen.events());
                ledger.tasks().recordRefs(gen.refs());
                BenchTasks.record(ledger, gen);
                out.printf(Locale.ROOT, "  generated in %.1f s (one transaction)%n", (System.nanoTime() - t0) / 1e9);
            } else {
                out.println("Reusing " + file);
            }
            ZoneId utc = ZoneId.of("UTC");
            List<Budget> set = List.of(
                    new Budget("daily", BudgetScope.GLOBAL, null, Period.DAY, utc, new BigDecimal("5000"), null, null),
                    new Budget("weekly", BudgetScope.GLOBAL, null, Period.WEEK, ZoneId.of("America/Los_Angeles"),
                            new BigDecimal("30000"), null, null),
                    new Budget("monthly", BudgetScope.GLOBAL, null, Period.MONTH, utc, new BigDecimal("100000"), null,
                            null),
                    new Budget("all-time", BudgetScope.GLOBAL, null, Period.TOTAL, utc, new BigDecimal("1000000"), null,
                            null),
                    new Budget("ws0-month", BudgetScope.WORKSTREAM, "WS0", Period.MONTH, utc, null, 5_000_000_000L, null),
                    new Budget("sonnet-month", BudgetScope.MODEL, "claude-sonnet-4-5", Period.MONTH, utc,
                            new BigDecimal("60000"), null, null));
            Budgets b = Budgets.of(ledger);
            set.forEach(b::set);
            out.println("Budgets: " + String.join(", ", set.stream().map(x -> x.name() + " (" + x.scopeText() + ", "
                    + x.period().wireName() + ")").toList()));
            return set;
        }
    }

    /**
     * What health reads, as bare statements over token_events: each budget's period and burn window
     * (by hour: the days with data), then the window's and the previous window's totals, its spend
     * by hour (the days) and its groups by session, task and stage. Rolling windows, as health's:
     * (now - length, now].
     */
    static String bareSums(BurnWindow w, Instant now, List<Budget> budgets) {
        String sums = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), "
                + "SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), SUM(cost_nanos), SUM(cost_nanos IS NULL), "
                + "SUM(1 - usage_complete)";
        String since = q(w.start(now));
        String until = q(w.end(now));
        String prev = q(w.start(now).minus(w.length()));
        StringBuilder sql = new StringBuilder();
        for (Budget b : budgets) {
            Period.Window p = b.period().window(now, b.timezone());
            String scope = switch (b.scope()) {
                case GLOBAL -> "1 = 1";
                case WORKSTREAM -> "workstream = '" + b.scopeId() + "'";
                case MODEL -> "model = '" + b.scopeId() + "'";
                default -> throw new IllegalStateException("the bench sets no " + b.scope().wireName() + " budget");
            };
            sql.append("SELECT ").append(sums).append(" FROM token_events WHERE ").append(scope)
                    .append(p.bounded() ? " AND ts >= " + q(p.start()) + " AND ts < " + q(p.end()) : "").append(";\n");
            sql.append("SELECT substr(ts, 1, 13), ").append(sums).append(" FROM token_events WHERE ").append(scope)
                    .append(" AND ts >= ").append(since).append(" AND ts < ").append(until).append(" GROUP BY 1;\n");
        }
        sql.append("SELECT ").append(sums).append(" FROM token_events WHERE ts >= ").append(since).append(" AND ts < ")
                .append(until).append(";\n");
        sql.append("SELECT ").append(sums).append(" FROM token_events WHERE ts >= ").append(prev).append(" AND ts < ")
                .append(since).append(";\n");
        sql.append("SELECT substr(ts, 1, 13), ").append(sums).append(" FROM token_events WHERE ts >= ").append(since)
                .append(" AND ts < ").append(until).append(" GROUP BY 1;\n");
        sql.append("SELECT session_id, task_id, stage, ").append(sums).append(", SUM(status = 'error') FROM token_events ")
                .append("WHERE ts >= ").append(since).append(" AND ts < ").append(until)
                .append(" GROUP BY session_id, task_id, stage;\n");
        return sql.toString();
    }

    /** Whether health's burn per day is the window's SUM(cost_nanos) over its days, as sqlite3 adds it up. */
    private String agreement(Path file, BurnWindow w, Instant now, JsonNode health) throws IOException,
            InterruptedException {
        // health ran a moment before `now`: the same window to the millisecond is not to be had, so
        // compare with the one its answer states.
        Instant checked = Instant.parse(health.get("checked_at").asString());
        String sql = "SELECT COALESCE(SUM(cost_nanos), 0) FROM token_events WHERE ts >= " + q(w.start(checked))
                + " AND ts < " + q(w.end(checked)) + ";";
        Process p = new ProcessBuilder("sqlite3", file.toString(), sql).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        BigDecimal perDay = new BigDecimal(text).movePointLeft(9).divide(w.days(), 9, RoundingMode.HALF_EVEN);
        BigDecimal theirs = new BigDecimal(health.get("projection").get("usd_per_day").asString());
        boolean same = perDay.subtract(theirs).abs().compareTo(new BigDecimal("0.000001")) <= 0;
        return String.format(Locale.ROOT, "burn per day: health $%s, sqlite3 $%s (%s)", theirs.toPlainString(),
                perDay.stripTrailingZeros().toPlainString(), same ? "agree" : "DIFFER");
    }

    private static String q(Instant t) {
        return "'" + Times.format(t) + "'";
    }
}
