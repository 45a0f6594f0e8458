package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.ModelNames;
import dev.tokenomics.pricing.PriceTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tokenomics bench import}: a generated transcript tree, imported cold and again, then the
 * daily usage view, each timed as a process beside ccusage doing the same in the same run.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Time transcript import and `usage daily` against ccusage on a generated tree: Claude Code, "
                + "then Codex, Gemini CLI and OpenCode (`ccusage codex|gemini|opencode daily`).",
                "Needs /usr/bin/time (peak RSS) and, for the baseline, npm or a ccusage install "
                        + "(installs ccusage@" + BenchImportCommand.CCUSAGE + " into the scratch dir when missing).",
                "Example: tokenomics bench import --files 500 --responses 200000 --mb 600"})
final class BenchImportCommand implements Callable<Integer> {
    static final String CCUSAGE = "20.0.24";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Option(names = "--files", description = "Transcript files (default 500).")
    int files = 500;

    @Option(names = "--responses", description = "API responses in all (default 200,000).")
    int responses = 200_000;

    @Option(names = "--mb", description = "About this many MB in all (default 600).")
    int megabytes = 600;

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Work here (tree, ledger, ccusage); kept and reused. Default: a temp folder, removed afterwards.")
    Path scratch;

    @Option(names = "--keep", description = "Keep the temp scratch folder and say where it is.")
    boolean keep;

    @Option(names = "--ccusage", paramLabel = "PATH", description = "A ccusage executable to compare with.")
    Path ccusage;

    @Option(names = "--codex-sessions", description = "Codex rollouts in the generated Codex home (default 600; 0: no Codex part).")
    int codexSessions = 600;

    @Option(names = "--codex-turns", description = "Turns per Codex rollout (default 40).")
    int codexTurns = 40;

    @Option(names = "--codex-mb", description = "About this many MB of Codex rollouts (default 200).")
    int codexMegabytes = 200;

    @Option(names = "--gemini-sessions", description = "Gemini CLI sessions in the generated tmp folder (default 400; 0: no Gemini part).")
    int geminiSessions = 400;

    @Option(names = "--gemini-turns", description = "Turns per Gemini session (default 30).")
    int geminiTurns = 30;

    @Option(names = "--gemini-mb", description = "About this many MB of Gemini chats (default 300).")
    int geminiMegabytes = 300;

    @Option(names = "--opencode-sessions", description = "OpenCode sessions in the generated data folder (default 400; 0: no OpenCode part).")
    int opencodeSessions = 400;

    @Option(names = "--opencode-turns", description = "Turns per OpenCode session (default 30).")
    int opencodeTurns = 30;

    @Option(names = "--opencode-mb", description = "About this many MB of OpenCode data (default 300).")
    int opencodeMegabytes = 300;

    @Option(names = "--only", paramLabel = "SOURCE",
            description = "Run one part: claude-code, codex, gemini-cli or opencode (default all).")
    String only;

    /** The Claude Code cold import's rate in this run (MB/s), the yardstick of the other sources; null until run. */
    private Double claudeMbPerS;

    record Run(double seconds, long peakKb, String out) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(scratch, "tokenomics-bench-import", keep, out)) {
            return run(work.dir(), out);
        }
    }

    private int run(Path dir, PrintWriter out) throws Exception {
        if (only != null && !List.of("claude-code", "codex", "gemini-cli", "opencode").contains(only)) {
            spec.commandLine().getErr().println("error: --only must be claude-code, codex, gemini-cli or opencode, got '"
                    + only + "'");
            return Exit.BAD_INPUT;
        }
        if (only == null || only.equals("claude-code")) {
            int code = runClaude(dir, out);
            if (code != Exit.OK) {
                return code;
            }
        }
        // As a user runs them, through the launcher (its JVM options and JIT choice per command).
        List<String> tk = tokenomics(Launcher.jarPath());
        if ((only == null || only.equals("codex")) && codexSessions > 0) {
            Path cc = ccusage != null ? ccusage : installCcusage(dir, out);
            BenchCodexImport.run(dir, codexSessions, codexTurns, codexMegabytes, tk, tk, cc, out);
        }
        if ((only == null || only.equals("gemini-cli")) && geminiSessions > 0) {
            Path cc = ccusage != null ? ccusage : installCcusage(dir, out);
            Path root = dir.resolve("gemini-tmp");
            Map<String, long[]> twice = Map.of();
            if (!Files.isDirectory(root)) {
                out.printf(Locale.ROOT, "Writing a Gemini CLI tmp folder: %,d sessions of %,d turns, ~%,d MB into %s ...%n",
                        geminiSessions, geminiTurns, geminiMegabytes, root);
                out.flush();
                var s = BenchGeminiTree.write(root, geminiSessions, geminiTurns, geminiMegabytes,
                        Instant.parse("2026-10-20T00:00:00Z"), 30);
                out.printf(Locale.ROOT, "  %,d files, %,.0f MB, %,d lines, %,d messages with usage%n", s.files(),
                        s.bytes() / 1e6, s.lines(), s.messages());
                twice = s.resumedCopies();
                Files.writeString(dir.resolve("gemini-twice.json"), JSON.writeValueAsString(twice));
            } else {
                out.println("Reusing the Gemini tmp folder in " + root);
                Path saved = dir.resolve("gemini-twice.json");
                if (Files.isRegularFile(saved)) {
                    twice = JSON.readValue(Files.readString(saved),
                            new tools.jackson.core.type.TypeReference<Map<String, long[]>>() {});
                }
            }
            BenchAgentImport.run(new BenchAgentImport.Agent("gemini-cli", "Gemini CLI", "--gemini-dir", root, "gemini",
                    Map.of("GEMINI_DATA_DIR", root.toString()), twice), dir, tk, cc, claudeMbPerS, out);
        }
        if ((only == null || only.equals("opencode")) && opencodeSessions > 0) {
            Path cc = ccusage != null ? ccusage : installCcusage(dir, out);
            Path data = dir.resolve("opencode-data");
            if (!Files.isRegularFile(data.resolve("opencode.db"))) {
                out.printf(Locale.ROOT, "Writing an OpenCode data folder: %,d sessions of %,d turns, ~%,d MB into %s ...%n",
                        opencodeSessions, opencodeTurns, opencodeMegabytes, data);
                out.flush();
                var s = dev.tokenomics.opencode.OpenCodeBenchData.write(data, opencodeSessions, opencodeTurns,
                        opencodeMegabytes, Instant.parse("2026-10-20T00:00:00Z"), 30);
                out.printf(Locale.ROOT, "  opencode.db %,.0f MB, %,d JSON files (%,.1f MB), %,d messages with usage%n",
                        s.dbBytes() / 1e6, s.jsonFiles(), s.jsonBytes() / 1e6, s.messages());
            } else {
                out.println("Reusing the OpenCode data folder in " + data);
            }
            BenchAgentImport.run(new BenchAgentImport.Agent("opencode", "OpenCode", "--opencode-dir", data, "opencode",
                    Map.of("OPENCODE_DATA_DIR", data.toString()), Map.of()), dir, tk, cc, claudeMbPerS, out);
        }
        return Exit.OK;
    }

    private int runClaude(Path dir, PrintWriter out) throws Exception {
        Path tree = dir.resolve("tree");
        if (!Files.isDirectory(tree.resolve("projects"))) {
            out.printf(Locale.ROOT, "Writing %,d files, %,d responses, ~%,d MB into %s ...%n", files, responses,
                    megabytes, tree);
            out.flush();
            var s = BenchTranscripts.write(tree, files, responses, megabytes, Instant.parse("2026-10-20T00:00:00Z"), 30);
            out.printf(Locale.ROOT, "  %,d files, %,.0f MB, %,d lines, %,d responses%n", s.files(), s.bytes() / 1e6,
                    s.lines(), s.responses());
        } else {
            out.println("Reusing the tree in " + tree);
        }
        Path jar = Launcher.jarPath();
        Path db = dir.resolve("bench.db");
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir.resolve("bench.db-wal"));
        Files.deleteIfExists(dir.resolve("bench.db-shm"));
        // As a user runs them: through the ./tokenomics launcher beside the jar's target/ folder (its JVM
        // options, CDS archive and JIT choice per command), else the jar as the launcher would start it.
        List<String> tk = tokenomics(jar);
        Run cold = timed(ProcessTimer.concat(tk, "import", "--source", "claude-code", "--claude-dir", tree.toString(), "--db",
                db.toString(), "--json"), Map.of());
        JsonNode coldSummary = JSON.readTree(cold.out());
        Run again = timed(ProcessTimer.concat(tk, "import", "--source", "claude-code", "--claude-dir", tree.toString(), "--db", db.toString(), "--json"), Map.of());
        JsonNode againSummary = JSON.readTree(again.out());
        Run daily = timed(ProcessTimer.concat(tk, "usage", "daily", "--source", "claude-code", "--json", "--db", db.toString()),
                Map.of());
        Run summary = timed(ProcessTimer.concat(tk, "summary", "all", "--json", "--db", db.toString()), Map.of());
        claudeMbPerS = coldSummary.get("bytes_read").asLong() / 1e6 / cold.seconds();
        out.printf(Locale.ROOT, "tokenomics (%s)%n", String.join(" ", tk));
        out.printf(Locale.ROOT, "  cold import        %6.2f s  peak RSS %,6d MB  %,.0f MB/s (%,d records, %,d duplicates, "
                + "%,d malformed; importer %,d ms)%n", cold.seconds(), cold.peakKb() / 1024,
                coldSummary.get("bytes_read").asLong() / 1e6 / cold.seconds(), coldSummary.get("added").asLong(),
                coldSummary.get("duplicates_skipped").asLong(), coldSummary.get("malformed").asLong(),
                coldSummary.get("elapsed_ms").asLong());
        out.printf(Locale.ROOT, "  re-import, same    %6.2f s  peak RSS %,6d MB  (importer %,d ms; %,d files unchanged)%n",
                again.seconds(), again.peakKb() / 1024, againSummary.get("elapsed_ms").asLong(),
                againSummary.get("files_unchanged").asLong());
        out.printf(Locale.ROOT, "  usage daily        %6.2f s  peak RSS %,6d MB  (a process: JVM start included)%n",
                daily.seconds(), daily.peakKb() / 1024);
        out.printf(Locale.ROOT, "  summary all        %6.2f s  peak RSS %,6d MB  (a process: JVM start included)%n",
                summary.seconds(), summary.peakKb() / 1024);
        double inProcess = inProcessDaily(db);
        out.printf(Locale.ROOT, "  usage daily        %6.3f s  in a running process (the server's case), median of 5%n",
                inProcess);
        out.flush();

        Path cc = ccusage != null ? ccusage : installCcusage(dir, out);
        if (cc == null) {
            out.println("ccusage not available (no npm?): no baseline.");
            return Exit.OK;
        }
        Run ccRun = timed(List.of(cc.toString(), "claude", "daily", "--json", "--offline"),
                Map.of("CLAUDE_CONFIG_DIR", tree.toString(), "TZ", "UTC"));
        out.printf(Locale.ROOT, "ccusage %s claude daily --json --offline%n", CCUSAGE);
        out.printf(Locale.ROOT, "  every run          %6.2f s  peak RSS %,6d MB%n", ccRun.seconds(), ccRun.peakKb() / 1024);
        out.printf(Locale.ROOT, "cold import / ccusage: time %.2fx, RSS %.2fx (target <= 1)%n",
                cold.seconds() / ccRun.seconds(), (double) cold.peakKb() / ccRun.peakKb());
        out.printf(Locale.ROOT, "after the import, as a process / ccusage (target <= 0.25): re-import %.2fx, usage daily "
                + "%.2fx, summary all %.2fx; usage daily in a running server %.3fx%n", again.seconds() / ccRun.seconds(),
                daily.seconds() / ccRun.seconds(), summary.seconds() / ccRun.seconds(), inProcess / ccRun.seconds());
        compare(JSON.readTree(daily.out()), JSON.readTree(ccRun.out()), out);
        return Exit.OK;
    }

    /** The launcher beside target/ when there is one, else java with the launcher's options for a one-shot command. */
    private static List<String> tokenomics(Path jar) {
        Path launcher = jar.toAbsolutePath().getParent().resolveSibling("tokenomics");
        if (Files.isExecutable(launcher)) {
            return List.of(launcher.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        Path cds = jar.resolveSibling("tokenomics.jsa");
        if (Files.isRegularFile(cds)) {
            cmd.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + cds, "-Xlog:cds=off"));
        }
        return ProcessTimer.concat(cmd, "-jar", jar.toString());
    }

    /** The same daily view through the tool in this process: what an MCP client of a running server waits. */
    private static double inProcessDaily(Path db) {
        try (TokenLedger l = TokenLedger.open(db, PriceTable.bundled(), EventDefaults.NONE)) {
            double[] t = new double[6];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                TokenomicsServer.call(l, "get_usage", Map.of("view", "daily"));
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
            return BenchReportCommand.median(Arrays.copyOfRange(t, 1, t.length)); // the first warms up
        }
    }

    /** Per day and model: the four token buckets must agree; cost differences are explained. */
    private static void compare(JsonNode ours, JsonNode theirs, PrintWriter out) {
        Map<String, long[]> a = new TreeMap<>();
        Map<String, BigDecimal[]> cost = new TreeMap<>();
        for (JsonNode d : ours.get("daily")) {
            for (JsonNode m : d.get("model_breakdowns")) {
                String k = d.get("date").asString() + " " + ModelNames.normalise(m.get("model_name").asString());
                long[] v = a.computeIfAbsent(k, x -> new long[8]);
                v[0] += m.get("input_tokens").asLong();
                v[1] += m.get("output_tokens").asLong();
                v[2] += m.get("cache_creation_tokens").asLong();
                v[3] += m.get("cache_read_tokens").asLong();
                cost.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0] =
                        cost.get(k)[0].add(m.get("cost_usd").decimalValue());
            }
        }
        JsonNode days = theirs.has("daily") ? theirs.get("daily") : theirs;
        for (JsonNode d : days) {
            for (JsonNode m : d.get("modelBreakdowns")) {
                String k = d.get("date").asString() + " " + ModelNames.normalise(m.get("modelName").asString());
                long[] v = a.computeIfAbsent(k, x -> new long[8]);
                v[4] += m.get("inputTokens").asLong();
                v[5] += m.get("outputTokens").asLong();
                v[6] += m.get("cacheCreationTokens").asLong();
                v[7] += m.get("cacheReadTokens").asLong();
                cost.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[1] =
                        cost.get(k)[1].add(m.get("cost").decimalValue());
            }
        }
        int same = 0;
        List<String> differ = new ArrayList<>();
        long[] sums = new long[8];
        for (var e : a.entrySet()) {
            long[] v = e.getValue();
            for (int i = 0; i < 8; i++) {
                sums[i] += v[i];
            }
            if (v[0] == v[4] && v[1] == v[5] && v[2] == v[6] && v[3] == v[7]) {
                same++;
            } else if (differ.size() < 5) {
                differ.add(String.format(Locale.ROOT, "%s: ours in %,d out %,d write %,d read %,d; ccusage in %,d out %,d "
                        + "write %,d read %,d", e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
            }
        }
        BigDecimal ourCost = cost.values().stream().map(c -> c[0]).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal theirCost = cost.values().stream().map(c -> c[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
        out.printf(Locale.ROOT, "day x model rows with equal token buckets: %d of %d%n", same, a.size());
        out.printf(Locale.ROOT, "  tokens ours    in %,d out %,d cache write %,d cache read %,d%n", sums[0], sums[1],
                sums[2], sums[3]);
        out.printf(Locale.ROOT, "  tokens ccusage in %,d out %,d cache write %,d cache read %,d%n", sums[4], sums[5],
                sums[6], sums[7]);
        differ.forEach(d -> out.println("  differs: " + d));
        out.printf(Locale.ROOT, "  cost ours $%s, ccusage $%s (difference $%s)%n", ourCost.setScale(2,
                java.math.RoundingMode.HALF_EVEN), theirCost.setScale(2, java.math.RoundingMode.HALF_EVEN),
                ourCost.subtract(theirCost).setScale(2, java.math.RoundingMode.HALF_EVEN));
    }

    static Path installCcusage(Path dir, PrintWriter out) throws IOException, InterruptedException {
        Path bin = dir.resolve("ccusage").resolve("node_modules").resolve(".bin").resolve("ccusage");
        if (!Files.isExecutable(bin)) {
            out.println("Installing ccusage@" + CCUSAGE + " with npm ...");
            out.flush();
            Launcher.npmInstall(dir.resolve("ccusage"), "ccusage@" + CCUSAGE);
        }
        return Files.isExecutable(bin) ? bin : null;
    }

    /** Runs under /usr/bin/time for wall time and peak RSS; stdout returned, stderr's last line parsed. */
    static Run timed(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "@@%e %M"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("bench-import", ".err");
        // ccusage leaves a ccusage-semaphore folder in its temp dir: it gets one of its own, removed after.
        Path tmp = Files.createTempDirectory("bench-import-tmp");
        pb.environment().putIfAbsent("TMPDIR", tmp.toString());
        String stdout;
        String stderr;
        int code;
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            code = p.waitFor();
            stderr = Files.readString(err);
        } finally {
            Files.deleteIfExists(err);
            Launcher.deleteTree(tmp);
        }
        int at = stderr.lastIndexOf("@@");
        if (code != 0 || at < 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + code + "): " + stderr);
        }
        String[] f = stderr.substring(at + 2).strip().split(" ");
        return new Run(Double.parseDouble(f[0]), Long.parseLong(f[1]), stdout);
    }

}
