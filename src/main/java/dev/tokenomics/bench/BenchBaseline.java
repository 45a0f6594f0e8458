package dev.tokenomics.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The sqlite3 CLI on a bench ledger: the report's and health's floor, run on the same file. */
final class BenchBaseline {
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
            return BenchReportCommand.median(t);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
