package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.pricing.ModelNames;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Codex part of {@code bench import}: a generated Codex home ({@link BenchCodexTree}) imported cold
 * and again, then {@code usage daily --source codex}, beside {@code ccusage codex daily --json --offline}
 * in the same run, and the daily token totals per model compared.
 */
final class BenchCodexImport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchCodexImport() {}

    static void run(Path dir, int sessions, int turns, int megabytes, List<String> tk, List<String> quick, Path cc,
            PrintWriter out) throws Exception {
        Path home = dir.resolve("codex-home");
        if (!Files.isDirectory(home.resolve("sessions"))) {
            out.printf(Locale.ROOT, "Writing a Codex home: %,d sessions of %,d turns, ~%,d MB into %s ...%n", sessions,
                    turns, megabytes, home);
            out.flush();
            var s = BenchCodexTree.write(home, sessions, turns, megabytes, Instant.parse("2026-10-20T00:00:00Z"), 30);
            out.printf(Locale.ROOT, "  %,d files, %,.0f MB, %,d lines, %,d usage snapshots%n", s.files(),
                    s.bytes() / 1e6, s.lines(), s.snapshots());
        } else {
            out.println("Reusing the Codex home in " + home);
        }
        Path db = dir.resolve("codex.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("codex.db" + suffix));
        }
        List<String> importCmd = ProcessTimer.concat(tk, "import", "--source", "codex", "--codex-dir",
                home.toString(), "--db", db.toString(), "--json");
        BenchImportCommand.Run cold = BenchImportCommand.timed(importCmd, Map.of());
        JsonNode coldSummary = JSON.readTree(cold.out());
        BenchImportCommand.Run again = BenchImportCommand.timed(importCmd, Map.of());
        JsonNode againSummary = JSON.readTree(again.out());
        BenchImportCommand.Run daily = BenchImportCommand.timed(ProcessTimer.concat(quick, "usage", "daily",
                "--source", "codex", "--json", "--db", db.toString()), Map.of());
        long bytes = coldSummary.get("bytes_read").asLong();
        out.println("tokenomics, Codex");
        out.printf(Locale.ROOT, "  cold import        %6.2f s  peak RSS %,6d MB  %,.0f MB/s (%,d records, %,d duplicates, "
                + "%,d malformed; importer %,d ms)%n", cold.seconds(), cold.peakKb() / 1024, bytes / 1e6 / cold.seconds(),
                coldSummary.get("added").asLong(), coldSummary.get("duplicates_skipped").asLong(),
                coldSummary.get("malformed").asLong(), coldSummary.get("elapsed_ms").asLong());
        out.printf(Locale.ROOT, "  re-import, same    %6.2f s  (importer %,d ms; %,d files unchanged)%n",
                again.seconds(), againSummary.get("elapsed_ms").asLong(), againSummary.get("files_unchanged").asLong());
        out.printf(Locale.ROOT, "  usage daily        %6.2f s  (a process: JVM start included)%n", daily.seconds());
        out.flush();
        if (cc == null) {
            out.println("ccusage not available (no npm?): no Codex baseline.");
            return;
        }
        BenchImportCommand.Run ccRun = BenchImportCommand.timed(List.of(cc.toString(), "codex", "daily", "--json",
                "--offline"), Map.of("CODEX_HOME", home.toString(), "TZ", "UTC"));
        out.printf(Locale.ROOT, "ccusage %s codex daily --json --offline%n", BenchImportCommand.CCUSAGE);
        out.printf(Locale.ROOT, "  every run          %6.2f s  peak RSS %,6d MB%n", ccRun.seconds(), ccRun.peakKb() / 1024);
        out.printf(Locale.ROOT, "Codex cold import / ccusage: time %.2fx; re-import / ccusage %.2fx (target <= 0.25)%n",
                cold.seconds() / ccRun.seconds(), again.seconds() / ccRun.seconds());
        compare(JSON.readTree(daily.out()), JSON.readTree(ccRun.out()), out);
    }

    /** Per day and model: uncached input, cache read and output must agree; cost is shown beside. */
    static void compare(JsonNode ours, JsonNode theirs, PrintWriter out) {
        Map<String, long[]> rows = new TreeMap<>();
        BigDecimal[] cost = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (JsonNode d : ours.get("daily")) {
            for (JsonNode m : d.get("model_breakdowns")) {
                long[] v = rows.computeIfAbsent(d.get("date").asString() + " "
                        + ModelNames.normalise(m.get("model_name").asString()), x -> new long[6]);
                v[0] += m.get("input_tokens").asLong();
                v[1] += m.get("cache_read_tokens").asLong();
                v[2] += m.get("output_tokens").asLong();
                if (!m.get("cost_usd").isNull()) {
                    cost[0] = cost[0].add(m.get("cost_usd").decimalValue());
                }
            }
        }
        for (JsonNode d : theirs.get("daily")) {
            for (var e : d.get("models").properties()) {
                JsonNode m = e.getValue();
                long[] v = rows.computeIfAbsent(d.get("date").asString() + " " + ModelNames.normalise(e.getKey()),
                        x -> new long[6]);
                v[3] += m.get("inputTokens").asLong();
                v[4] += m.get("cacheReadTokens").asLong();
                v[5] += m.get("outputTokens").asLong();
            }
            cost[1] = cost[1].add(d.get("costUSD").decimalValue());
        }
        int same = 0;
        List<String> differ = new ArrayList<>();
        long[] sums = new long[6];
        for (var e : rows.entrySet()) {
            long[] v = e.getValue();
            for (int i = 0; i < 6; i++) {
                sums[i] += v[i];
            }
            if (v[0] == v[3] && v[1] == v[4] && v[2] == v[5]) {
                same++;
            } else if (differ.size() < 5) {
                differ.add(String.format(Locale.ROOT, "%s: ours in %,d read %,d out %,d; ccusage in %,d read %,d out %,d",
                        e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5]));
            }
        }
        out.printf(Locale.ROOT, "Codex day x model rows with equal token buckets: %d of %d%n", same, rows.size());
        out.printf(Locale.ROOT, "  tokens ours    in %,d cache read %,d out %,d%n", sums[0], sums[1], sums[2]);
        out.printf(Locale.ROOT, "  tokens ccusage in %,d cache read %,d out %,d%n", sums[3], sums[4], sums[5]);
        differ.forEach(d -> out.println("  differs: " + d));
        out.printf(Locale.ROOT, "  cost ours $%s, ccusage $%s%n", cost[0].setScale(2, RoundingMode.HALF_EVEN),
                cost[1].setScale(2, RoundingMode.HALF_EVEN));
    }
}
