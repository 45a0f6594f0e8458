package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.pricing.ModelNames;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Gemini CLI and OpenCode parts of {@code bench import}: a generated data folder imported cold and
 * again, then {@code usage daily --source NAME}, beside {@code ccusage NAME daily --json --offline} in the
 * same run, and the daily token buckets compared day by day and model by model.
 */
final class BenchAgentImport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One agent's part: its source name, the --x-dir option, its data folder, the ccusage subcommand and
     * environment, and what ccusage is known to count twice ("day model" -> {in, read, out, reasoning}).
     */
    record Agent(String source, String label, String dirOption, Path data, String ccCommand, Map<String, String> ccEnv,
            Map<String, long[]> ccCountsTwice) {}

    private BenchAgentImport() {}

    /** {@code claudeMbPerS}: the Claude Code cold import's rate in this run, or null when that part did not run. */
    static void run(Agent a, Path dir, List<String> tk, Path cc, Double claudeMbPerS, PrintWriter out) throws Exception {
        Path db = dir.resolve(a.source() + ".db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve(a.source() + ".db" + suffix));
        }
        List<String> importCmd = ProcessTimer.concat(tk, "import", "--source", a.source(), a.dirOption(),
                a.data().toString(), "--db", db.toString(), "--json");
        BenchImportCommand.Run cold = BenchImportCommand.timed(importCmd, Map.of());
        JsonNode coldSummary = JSON.readTree(cold.out());
        BenchImportCommand.Run again = BenchImportCommand.timed(importCmd, Map.of());
        JsonNode againSummary = JSON.readTree(again.out());
        BenchImportCommand.Run daily = BenchImportCommand.timed(ProcessTimer.concat(tk, "usage", "daily",
                "--source", a.source(), "--json", "--db", db.toString()), Map.of());
        long bytes = coldSummary.get("bytes_read").asLong();
        double rate = bytes / 1e6 / cold.seconds();
        out.println("tokenomics, " + a.label());
        out.printf(Locale.ROOT, "  cold import        %6.2f s  peak RSS %,6d MB  %,.0f MB/s (%,d records, %,d replaced, "
                + "%,d duplicates, %,d malformed; importer %,d ms)%n", cold.seconds(), cold.peakKb() / 1024, rate,
                coldSummary.get("added").asLong(), coldSummary.get("replaced").asLong(),
                coldSummary.get("duplicates_skipped").asLong(), coldSummary.get("malformed").asLong(),
                coldSummary.get("elapsed_ms").asLong());
        if (claudeMbPerS != null) {
            out.printf(Locale.ROOT, "  %s cold import rate / Claude Code's in this run: %.2fx (target >= 1)%n", a.label(),
                    rate / claudeMbPerS);
        }
        out.printf(Locale.ROOT, "  re-import, same    %6.2f s  (importer %,d ms; %,d files unchanged)%n",
                again.seconds(), againSummary.get("elapsed_ms").asLong(), againSummary.get("files_unchanged").asLong());
        out.printf(Locale.ROOT, "  usage daily        %6.2f s  (a process: JVM start included)%n", daily.seconds());
        out.flush();
        if (cc == null) {
            out.println("ccusage not available (no npm?): no " + a.label() + " baseline.");
            return;
        }
        Map<String, String> env = new java.util.HashMap<>(a.ccEnv());
        env.put("TZ", "UTC");
        BenchImportCommand.Run ccRun = BenchImportCommand.timed(List.of(cc.toString(), a.ccCommand(), "daily", "--json",
                "--offline"), env);
        out.printf(Locale.ROOT, "ccusage %s %s daily --json --offline%n", BenchImportCommand.CCUSAGE, a.ccCommand());
        out.printf(Locale.ROOT, "  every run          %6.2f s  peak RSS %,6d MB%n", ccRun.seconds(), ccRun.peakKb() / 1024);
        out.printf(Locale.ROOT, "%s cold import / ccusage: time %.2fx; re-import / ccusage %.2fx (target <= 0.25)%n",
                a.label(), cold.seconds() / ccRun.seconds(), again.seconds() / ccRun.seconds());
        compare(a, JSON.readTree(daily.out()), JSON.readTree(ccRun.out()), out);
    }

    /**
     * Per day and model: uncached input, cache read and cache write must agree once what ccusage counts
     * twice is taken off its side. Output: ccusage keeps reasoning (Gemini's thoughts, OpenCode's
     * reasoning) out of outputTokens but in totalTokens and its cost; tokenomics bills it as output. So
     * output is compared per day: ours against ccusage's totalTokens less its input and cache buckets.
     */
    static void compare(Agent a, JsonNode ours, JsonNode theirs, PrintWriter out) {
        Map<String, long[]> rows = new TreeMap<>(); // ours in, read, write, out; theirs in, read, write, out
        Map<String, long[]> days = new TreeMap<>(); // ours out; theirs out + reasoning
        BigDecimal[] cost = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (JsonNode d : ours.get("daily")) {
            String day = d.get("date").asString();
            for (JsonNode m : d.get("model_breakdowns")) {
                long[] v = rows.computeIfAbsent(day + " " + ModelNames.normalise(m.get("model_name").asString()),
                        x -> new long[8]);
                v[0] += m.get("input_tokens").asLong();
                v[1] += m.get("cache_read_tokens").asLong();
                v[2] += m.get("cache_creation_tokens").asLong();
                v[3] += m.get("output_tokens").asLong();
                days.computeIfAbsent(day, x -> new long[2])[0] += m.get("output_tokens").asLong();
                if (!m.get("cost_usd").isNull()) {
                    cost[0] = cost[0].add(m.get("cost_usd").decimalValue());
                }
            }
        }
        long[] twice = new long[4];
        for (JsonNode d : theirs.get("daily")) {
            String day = d.get("date").asString();
            long reasoning = d.get("totalTokens").asLong() - d.get("inputTokens").asLong()
                    - d.get("cacheReadTokens").asLong() - d.get("cacheCreationTokens").asLong();
            long[] dv = days.computeIfAbsent(day, x -> new long[2]);
            dv[1] += reasoning;
            for (JsonNode m : d.get("modelBreakdowns")) {
                String key = day + " " + ModelNames.normalise(m.get("modelName").asString());
                long[] v = rows.computeIfAbsent(key, x -> new long[8]);
                long[] extra = a.ccCountsTwice().getOrDefault(day + " " + m.get("modelName").asString(), new long[4]);
                v[4] += m.get("inputTokens").asLong() - extra[0];
                v[5] += m.get("cacheReadTokens").asLong() - extra[1];
                v[6] += m.get("cacheCreationTokens").asLong();
                v[7] += m.get("outputTokens").asLong() - extra[2];
                dv[1] -= extra[2] + extra[3];
                for (int i = 0; i < 4; i++) {
                    twice[i] += extra[i];
                }
            }
            cost[1] = cost[1].add(d.get("totalCost").decimalValue());
        }
        int same = 0;
        List<String> differ = new ArrayList<>();
        long[] sums = new long[8];
        for (var e : rows.entrySet()) {
            long[] v = e.getValue();
            for (int i = 0; i < 8; i++) {
                sums[i] += v[i];
            }
            if (v[0] == v[4] && v[1] == v[5] && v[2] == v[6]) {
                same++;
            } else if (differ.size() < 5) {
                differ.add(String.format(Locale.ROOT, "%s: ours in %,d read %,d write %,d; ccusage in %,d read %,d "
                        + "write %,d", e.getKey(), v[0], v[1], v[2], v[4], v[5], v[6]));
            }
        }
        int sameDays = 0;
        for (long[] dv : days.values()) {
            if (dv[0] == dv[1]) {
                sameDays++;
            }
        }
        if (twice[0] + twice[1] + twice[2] > 0) {
            out.printf(Locale.ROOT, "  taken off ccusage's side, counted twice there (resumed legacy sessions): in %,d "
                    + "cache read %,d out %,d thoughts %,d%n", twice[0], twice[1], twice[2], twice[3]);
        }
        out.printf(Locale.ROOT, "%s day x model rows with equal input, cache read, cache write: %d of %d%n", a.label(),
                same, rows.size());
        out.printf(Locale.ROOT, "%s days with equal output (ours, reasoning included = ccusage's output + reasoning): "
                + "%d of %d%n", a.label(), sameDays, days.size());
        out.printf(Locale.ROOT, "  tokens ours    in %,d cache read %,d write %,d out %,d%n", sums[0], sums[1], sums[2],
                sums[3]);
        out.printf(Locale.ROOT, "  tokens ccusage in %,d cache read %,d write %,d out %,d (reasoning not in out)%n",
                sums[4], sums[5], sums[6], sums[7]);
        differ.forEach(d -> out.println("  differs: " + d));
        out.printf(Locale.ROOT, "  cost ours $%s, ccusage $%s (ccusage's includes what it counts twice)%n",
                cost[0].setScale(2, RoundingMode.HALF_EVEN), cost[1].setScale(2, RoundingMode.HALF_EVEN));
    }
}
