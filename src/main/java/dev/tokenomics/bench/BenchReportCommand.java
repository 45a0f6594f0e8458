package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.ReportQuery;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.report.ReportData;
import dev.tokenomics.report.ReportRequest;
import dev.tokenomics.report.ReportText;
import dev.tokenomics.report.ReportWindow;
import dev.tokenomics.report.TokenomicsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench report}: generates a realistic ledger, times the full report over it,
 * and times the sqlite3 CLI computing the same numbers on the same file: once running the
 * report's own statements, once doing the whole report in SQL (medians by window functions, the
 * concurrency sweep as a running sum). Targets: under 1 s, at most 2x sqlite3.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Time the full report on a generated ledger against the sqlite3 CLI doing the same aggregation.",
                "Example: tokenomics bench report --events 1000000"})
final class BenchReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Events to generate (default 1,000,000).")
    long events;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Days they span (default 90).")
    int days;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs after one warm-up (default 5).")
    int runs;

    @Option(names = "--db", paramLabel = "PATH", description = "Ledger to use: generated there when it has no events, "
            + "reused as it is otherwise. Default: a fresh temporary file, deleted afterwards.")
    Path db;

    @Option(names = "--reprice", description = "Also time repricing every event: to a table that changes every "
            + "model's rates (and prices the unpriced one), and back to the bundled table.")
    boolean reprice;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1 || days < 1 || runs < 1) {
            throw new IllegalArgumentException("--events, --days and --runs must be >= 1");
        }
        Path dir = null;
        Path file = db;
        if (file == null) {
            dir = Files.createTempDirectory("tokenomics-bench-report");
            file = dir.resolve("bench.db");
        }
        LocalDate last = LocalDate.now(ZoneOffset.UTC);
        BenchLedger gen = new BenchLedger(events, days, last);
        try (TokenLedger ledger = TokenLedger.open(LedgerLocation.sqlite(file), dev.tokenomics.pricing.PriceTable.bundled(),
                Clock.systemUTC(), EventDefaults.NONE)) {
            var span = ledger.events().eventSpan();
            double generatedS = 0;
            LocalDate since;
            LocalDate until;
            if (span == null) {
                out.printf(Locale.ROOT, "Generating %,d events over %d days into %s ...%n", events, days, file);
                out.flush();
                long t0 = System.nanoTime();
                ledger.events().importAll(gen.events());
                ledger.tasks().recordRefs(gen.refs());
                BenchTasks.record(ledger, gen);
                generatedS = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "  generated in %.1f s (one transaction)%n", generatedS);
                since = gen.first;
                until = last;
            } else {
                since = LocalDate.ofInstant(span[0], ZoneOffset.UTC);
                until = LocalDate.ofInstant(span[1], ZoneOffset.UTC);
                out.println("Reusing " + file + " (" + since + " to " + until + ")");
            }
            if (reprice) {
                timeReprice(out, ledger, file, generatedS);
            }
            ReportRequest request = ReportRequest.of(since, until, ZoneId.of("UTC"));
            long cold = System.nanoTime();
            ReportData first = TokenomicsReport.run(ledger, request);
            String text = ReportText.render(first);
            double coldMs = (System.nanoTime() - cold) / 1e6;
            double[] warm = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ReportText.render(TokenomicsReport.run(ledger, request));
                warm[i] = (System.nanoTime() - t0) / 1e6;
            }
            double reportMs = median(warm);
            out.printf(Locale.ROOT, "Report over %,d records, %s to %s (UTC), all 13 tables, text rendered:%n",
                    first.records(), since, until);
            out.printf(Locale.ROOT, "  first run   %8.0f ms (JVM cold)%n", coldMs);
            out.printf(Locale.ROOT, "  median of %d %8.0f ms (target < 1000 ms)%n", runs, reportMs);
            out.println("  " + text.lines().findFirst().orElse(""));
            out.flush();
            BenchBaseline baseline = new BenchBaseline(file, since, until);
            if (!baseline.available()) {
                out.println("sqlite3 not found on PATH: install it (apt-get install -y sqlite3) for the baseline.");
                return Exit.OK;
            }
            ReportWindow window = ReportWindow.resolve(request, ledger.events().eventSpan(), ledger.clock().instant());
            String statements = dev.tokenomics.ledger.LedgerReports.reportScript(new ReportQuery(window.start(), window.end(),
                    window.dayStarts(), EnumSet.allOf(ReportQuery.Part.class)));
            double same = baseline.time(statements, runs);
            double whole = baseline.time(baseline.wholeReportInSql(), runs);
            out.printf(Locale.ROOT, "sqlite3 %s on the same file (median of %d):%n", baseline.version(), runs);
            out.printf(Locale.ROOT, "  the report's own statements (cells)  %6.0f ms  -> report/sqlite3 = %.2fx%n", same,
                    reportMs / same);
            out.printf(Locale.ROOT, "  the same report over raw events    %8.0f ms  -> report/sqlite3 = %.2fx (target <= 2x)%n",
                    whole, reportMs / whole);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
        return Exit.OK;
    }

    /**
     * Reprices the whole ledger to a table that changes every model's rates, then back: the cost of
     * a price update (or a --prices file) on the first command that sees it. The baseline is this
     * run's generation of the same ledger, when it generated one.
     */
    private static void timeReprice(PrintWriter out, TokenLedger ledger, Path file, double generatedS)
            throws IOException {
        Path override = Files.createTempFile(file.toAbsolutePath().getParent(), "bench-prices", ".json");
        try {
            Files.writeString(override, """
                    {"claude-opus-4-5": {"input_cost_per_token": 6e-6, "output_cost_per_token": 3e-5,
                       "cache_read_input_token_cost": 6e-7, "cache_creation_input_token_cost": 7.5e-6,
                       "litellm_provider": "anthropic"},
                     "claude-sonnet-4-5": {"input_cost_per_token": 4e-6, "output_cost_per_token": 1.6e-5,
                       "cache_read_input_token_cost": 4e-7, "cache_creation_input_token_cost": 5e-6,
                       "litellm_provider": "anthropic"},
                     "claude-haiku-4-5": {"input_cost_per_token": 1.5e-6, "output_cost_per_token": 6e-6,
                       "litellm_provider": "anthropic"},
                     "local-llama-3": {"input_cost_per_token": 1e-7, "output_cost_per_token": 2e-7}}""");
            PriceTable changed = PriceTable.load(override);
            // Another process's writer (its own connection pool) records an event every 10 ms: alone
            // first, the baseline, then while the whole ledger is repriced beside it.
            try (TokenLedger writer = TokenLedger.open(ledger.location(), ledger.prices(), ledger.clock(),
                    EventDefaults.NONE)) {
                WriterLatency alone = WriterLatency.start(writer, "alone");
                Thread.sleep(2_000);
                alone.stop();
                WriterLatency beside = WriterLatency.start(writer, "beside");
                long t0 = System.nanoTime();
                long n = ledger.withPrices(changed).reprice();
                double toS = (System.nanoTime() - t0) / 1e9;
                beside.stop();
                out.printf(Locale.ROOT, "Reprice, a chunk of events per transaction, rollups by delta:%n");
                out.printf(Locale.ROOT, "  to a table changing every model  %,10d events recosted in %6.1f s%s%n", n, toS,
                        generatedS > 0 ? String.format(Locale.ROOT, "  -> reprice/generate = %.2fx", toS / generatedS)
                                : "");
                out.printf(Locale.ROOT, "  another process's record calls   alone: %s%n", alone.describe());
                out.printf(Locale.ROOT, "                                   beside the reprice: %s  -> max/max alone = %.1fx%n",
                        beside.describe(), beside.maxMs() / Math.max(0.001, alone.maxMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            long t0 = System.nanoTime();
            long back = ledger.reprice();
            double backS = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "  back to the bundled table        %,10d events recosted in %6.1f s%n", back, backS);
            out.flush();
        } finally {
            Files.deleteIfExists(override);
        }
    }

    /** A thread recording an event every 10 ms through {@code writer}, timing each call; failures counted. */
    private static final class WriterLatency {
        private final Thread thread;
        private final List<Double> millis = new ArrayList<>();
        private volatile boolean running = true;
        private int failed;
        private String firstFailure;

        private WriterLatency(TokenLedger writer, String tag) {
            thread = new Thread(() -> {
                for (int i = 0; running; i++) {
                    long t0 = System.nanoTime();
                    try {
                        writer.events().record(new dev.tokenomics.ledger.EventInput("bench-reprice-" + tag + "-" + i,
                                java.time.Instant.now(), null, null, null, null, "bench-reprice", null, null, null,
                                "claude-sonnet-4-5", null, null, null, null, null, null,
                                new dev.tokenomics.pricing.Usage(1_000, 100, 0, 0, 0), null, true, null, null, null,
                                null));
                        synchronized (millis) {
                            millis.add((System.nanoTime() - t0) / 1e6);
                        }
                    } catch (RuntimeException e) {
                        failed++;
                        if (firstFailure == null) {
                            firstFailure = e.getMessage();
                        }
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-writer-" + tag);
        }

        static WriterLatency start(TokenLedger writer, String tag) {
            WriterLatency w = new WriterLatency(writer, tag);
            w.thread.start();
            return w;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        double maxMs() {
            synchronized (millis) {
                return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            }
        }

        String describe() {
            synchronized (millis) {
                double[] v = millis.stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(v);
                double p99 = v.length == 0 ? 0 : v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.99) - 1)];
                return String.format(Locale.ROOT, "%,d calls, %d failed, median %.1f ms, p99 %.1f ms, max %.1f ms%s",
                        v.length, failed, v.length == 0 ? 0 : median(v), p99, v.length == 0 ? 0 : v[v.length - 1],
                        firstFailure == null ? "" : " (" + firstFailure + ")");
            }
        }
    }

    static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A leftover temp folder is harmless; the numbers are what matter here.
        }
    }

    /** The sqlite3 CLI on the same file. */
    static final class BenchBaseline {
        private final Path file;
        private final String since;
        private final String until;
        private final List<String> days = new ArrayList<>();

        BenchBaseline(Path file, LocalDate since, LocalDate until) {
            this.file = file;
            this.since = since + "T00:00:00.000Z";
            this.until = until.plusDays(1) + "T00:00:00.000Z";
            for (LocalDate d = since; !d.isAfter(until.plusDays(1)); d = d.plusDays(1)) {
                days.add(d + "T00:00:00.000Z");
            }
        }

        boolean available() {
            try {
                Process p = new ProcessBuilder("sqlite3", "-version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String version() throws IOException, InterruptedException {
            Process p = new ProcessBuilder("sqlite3", "-version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v.split(" ")[0];
        }

        private String w() {
            return "ts >= '" + since + "' AND ts < '" + until + "'";
        }

        /** The same numbers computed entirely in SQL: medians and percentiles, per-day, the sweep. */
        String wholeReportInSql() {
            StringBuilder sql = new StringBuilder();
            sql.append(dims(false)).append(";\n");
            // Median duration per stage (complete records) and median/p90 per structure (all records).
            sql.append("WITH d AS (SELECT stage, duration_ms, row_number() OVER (PARTITION BY stage ORDER BY duration_ms) rn, "
                    + "count(*) OVER (PARTITION BY stage) n FROM token_events WHERE ").append(w())
                    .append(" AND usage_complete = 1 AND duration_ms IS NOT NULL) "
                    + "SELECT stage, avg(duration_ms) FROM d WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY stage;\n");
            sql.append("WITH d AS (SELECT structure, duration_ms, row_number() OVER (PARTITION BY structure ORDER BY duration_ms) rn, "
                    + "count(*) OVER (PARTITION BY structure) n FROM token_events WHERE ").append(w())
                    .append(" AND duration_ms IS NOT NULL) SELECT structure, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) "
                    + "THEN duration_ms END), min(CASE WHEN rn >= (9 * n + 9) / 10 THEN duration_ms END) FROM d GROUP BY structure;\n");
            // Per-lane medians of per-task cost.
            sql.append("WITH t AS (SELECT lane, task_id, SUM(cost_nanos) c FROM (").append(tasks())
                    .append(") GROUP BY lane, task_id), r AS (SELECT lane, c, row_number() OVER (PARTITION BY lane ORDER BY c) rn, "
                    + "count(*) OVER (PARTITION BY lane) n FROM t) SELECT lane, avg(c) FROM r "
                    + "WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY lane;\n");
            sql.append("SELECT substr(ts, 1, 10), COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens + "
                    + "cache_creation_1h_tokens + cache_read_tokens), SUM(cost_nanos) FROM token_events WHERE ").append(w())
                    .append(" AND usage_complete = 1 GROUP BY 1;\n");
            // The concurrency sweep: a running sum over starts (+1) and ends (-1), ends first on ties.
            sql.append("WITH e AS (SELECT ts_start t, 1 d FROM token_events WHERE ").append(w())
                    .append(" AND ts_start < ts_end UNION ALL SELECT ts_end, -1 FROM token_events WHERE ").append(w())
                    .append(" AND ts_start < ts_end) SELECT max(level) FROM (SELECT sum(d) OVER (ORDER BY t, d "
                    + "ROWS UNBOUNDED PRECEDING) level FROM e);\n");
            sql.append(status()).append(";\n");
            return sql.toString();
        }

        private String dims(boolean durations) {
            return "SELECT stage, structure, role, model, usage_complete, status, COUNT(*), SUM(input_tokens), "
                    + "SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), "
                    + "COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL)"
                    + (durations ? ", length(group_concat(duration_ms))" : "")
                    + " FROM token_events WHERE " + w()
                    + " GROUP BY stage, structure, role, model, usage_complete, status";
        }

        private String tasks() {
            return "SELECT task_id, lane, ref_type, ref_id, COUNT(*), SUM(input_tokens + output_tokens + "
                    + "cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens), COALESCE(SUM(cost_nanos), 0) "
                    + "AS cost_nanos, SUM(cost_nanos IS NULL), MAX(ts) FROM token_events "
                    + "WHERE " + w() + " AND usage_complete = 1 GROUP BY task_id, lane, ref_type, ref_id";
        }

        private String status() {
            return "SELECT task_id, to_status, ts FROM task_status_history WHERE task_id IN (SELECT task_id FROM "
                    + "task_status_history WHERE to_status = 'done' AND " + w() + ") ORDER BY task_id, ts, id";
        }

        /** Median wall time of {@code runs} sqlite3 processes running {@code sql} (output discarded). */
        double time(String sql, int runs) throws IOException, InterruptedException {
            Path script = Files.createTempFile("tokenomics-bench", ".sql");
            try {
                Files.writeString(script, sql);
                double[] t = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    Process p = new ProcessBuilder("sqlite3", "-bail", file.toString())
                            .redirectInput(script.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("sqlite3 failed on the baseline script (exit " + p.exitValue() + ")");
                    }
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                return median(t);
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }
}
