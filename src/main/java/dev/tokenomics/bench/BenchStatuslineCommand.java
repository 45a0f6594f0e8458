package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench statusline}: Claude Code's statusLine command on one session of a generated
 * tree whose ledger is already imported, through {@code ./tokenomics} as Claude Code would run it,
 * beside {@code ccusage statusline} on the same stdin and tree, and {@code --version} beside a
 * hello-world JVM: whole processes, medians, in one run.
 */
@Command(name = "statusline", mixinStandardHelpOptions = true,
        description = {"Time `statusline` (and `--version`) as whole processes against ccusage statusline "
                + "(and a hello-world JVM) on the same input. Targets: statusline <= 1.5x ccusage, --version <= 2.5x "
                + "hello-world.",
                "The tree is the one `bench import` generates, dated to end now, imported once before timing; before "
                        + "each pair of runs one new response is appended to the session, as during a session."})
final class BenchStatuslineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--files", description = "Transcript files (default 500).")
    int files = 500;

    @Option(names = "--responses", description = "API responses in all (default 200,000).")
    int responses = 200_000;

    @Option(names = "--mb", description = "About this many MB in all (default 600).")
    int megabytes = 600;

    @Option(names = "--runs", description = "Timed runs of each (default 9); the median is reported.")
    int runs = 9;

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Work here (tree, ledger, ccusage); kept and reused. Default: a temp folder, removed afterwards.")
    Path scratch;

    @Option(names = "--keep", description = "Keep the temp scratch folder and say where it is.")
    boolean keep;

    @Option(names = "--ccusage", paramLabel = "PATH", description = "A ccusage executable to compare with.")
    Path ccusage;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1; got " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(scratch, "tokenomics-bench-statusline", keep, out)) {
            return run(work.dir(), out);
        }
    }

    private int run(Path dir, PrintWriter out) throws Exception {
        Path tree = dir.resolve("tree-now");
        Instant now = Instant.now();
        if (!Files.isDirectory(tree.resolve("projects"))) {
            out.printf(Locale.ROOT, "Writing %,d files, %,d responses, ~%,d MB into %s ...%n", files, responses,
                    megabytes, tree);
            out.flush();
            BenchTranscripts.write(tree, files, responses, megabytes, now.minus(30, ChronoUnit.DAYS), 30);
        }
        List<String> tk = Launcher.command();
        Path db = dir.resolve("statusline.db");
        Path home = Files.createDirectories(dir.resolve("home"));
        // ccusage leaves a ccusage-semaphore folder in the temp dir: its temp dir is the scratch folder's.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> env = Map.of("HOME", home.toString(), "CLAUDE_CONFIG_DIR", tree.toString(), "NO_COLOR", "1",
                "TMPDIR", tmp.toString());
        long t0 = System.nanoTime();
        exec(concat(tk, "import", "--claude-dir", tree.toString(), "--db", db.toString()), env, null);
        out.printf(Locale.ROOT, "Imported the tree into %s in %.1f s%n", db, (System.nanoTime() - t0) / 1e9);

        Path session = newestSession(tree.resolve("projects"));
        String sessionId = session.getFileName().toString().replace(".jsonl", "");
        String stdin = "{\"session_id\":\"" + sessionId + "\",\"transcript_path\":\"" + session + "\",\"cwd\":\"/home/dev/src/"
                + "project\",\"model\":{\"id\":\"claude-sonnet-4-5-20250929\",\"display_name\":\"Sonnet 4.5\"},"
                + "\"workspace\":{\"current_dir\":\"/home/dev/src/project\",\"project_dir\":\"/home/dev/src/project\"},"
                + "\"version\":\"2.1.170\",\"cost\":{\"total_cost_usd\":1.23,\"total_duration_ms\":1000,"
                + "\"total_api_duration_ms\":900,\"total_lines_added\":1,\"total_lines_removed\":0},\"context_window\":"
                + "{\"total_input_tokens\":21000,\"total_output_tokens\":1500,\"context_window_size\":200000,"
                + "\"used_percentage\":12.4,\"remaining_percentage\":87.6}}";
        out.printf(Locale.ROOT, "Session %s (%,d bytes)%n", session, Files.size(session));

        Path cc = ccusage != null ? ccusage : BenchImportCommand.installCcusage(dir, out);
        List<String> ours = concat(tk, "statusline", "--db", db.toString());
        List<String> theirs = cc == null ? null : List.of(cc.toString(), "statusline", "--offline");
        double[] a = new double[runs];
        double[] b = new double[runs];
        String ourLine = exec(ours, env, stdin); // warm-up: both see the tree once before timing
        String theirLine = theirs == null ? null : exec(theirs, env, stdin);
        for (int i = 0; i < runs; i++) {
            appendResponse(session, sessionId, i);
            long s = System.nanoTime();
            ourLine = exec(ours, env, stdin);
            a[i] = (System.nanoTime() - s) / 1e9;
            if (theirs != null) {
                s = System.nanoTime();
                theirLine = exec(theirs, env, stdin);
                b[i] = (System.nanoTime() - s) / 1e9;
            }
        }
        double oursMedian = BenchReportCommand.median(a);
        out.printf(Locale.ROOT, "tokenomics statusline   %6.3f s  median of %d (%s)%n", oursMedian, runs, ourLine.strip());
        if (theirs != null) {
            double theirsMedian = BenchReportCommand.median(b);
            out.printf(Locale.ROOT, "ccusage statusline      %6.3f s  median of %d (%s)%n", theirsMedian, runs,
                    theirLine.strip());
            out.printf(Locale.ROOT, "statusline / ccusage: %.2fx (target <= 1.5)%n", oursMedian / theirsMedian);
        } else {
            out.println("ccusage not available (no npm?): no baseline.");
        }

        Path hello = helloWorld(dir);
        double[] v = new double[runs];
        double[] h = new double[runs];
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            exec(concat(tk, "--version"), env, null);
            v[i] = (System.nanoTime() - s) / 1e9;
            if (hello != null) {
                s = System.nanoTime();
                exec(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", hello.toString(), "Hello"), env, null);
                h[i] = (System.nanoTime() - s) / 1e9;
            }
        }
        out.printf(Locale.ROOT, "tokenomics --version    %6.3f s  median of %d%n", BenchReportCommand.median(v), runs);
        if (hello != null) {
            out.printf(Locale.ROOT, "hello-world JVM         %6.3f s  median of %d (java -cp Hello)%n",
                    BenchReportCommand.median(h), runs);
            out.printf(Locale.ROOT, "--version / hello-world: %.2fx (target <= 2.5)%n",
                    BenchReportCommand.median(v) / BenchReportCommand.median(h));
        }
        return Exit.OK;
    }

    /** The session file whose last line is newest: the one a user would be in now. */
    private static Path newestSession(Path projects) throws IOException {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        try (DirectoryStream<Path> ps = Files.newDirectoryStream(projects)) {
            for (Path project : ps) {
                try (DirectoryStream<Path> fs = Files.newDirectoryStream(project, "*.jsonl")) {
                    for (Path f : fs) {
                        long t = Files.getLastModifiedTime(f).toMillis();
                        String last = lastLine(f);
                        int at = last.lastIndexOf("\"timestamp\":\"");
                        if (at >= 0) {
                            t = Instant.parse(last.substring(at + 13, last.indexOf('"', at + 13))).toEpochMilli();
                        }
                        if (t > bestTime) {
                            bestTime = t;
                            best = f;
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no session file under " + projects);
        }
        return best.toAbsolutePath();
    }

    private static String lastLine(Path f) throws IOException {
        try (var ch = Files.newByteChannel(f)) {
            long size = ch.size();
            int n = (int) Math.min(size, 64 * 1024);
            ch.position(size - n);
            var buf = java.nio.ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the tail
            }
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).stripTrailing();
            return tail.substring(tail.lastIndexOf('\n') + 1);
        }
    }

    private static void appendResponse(Path session, String sessionId, int i) throws IOException {
        String line = "{\"type\":\"assistant\",\"sessionId\":\"" + sessionId + "\",\"cwd\":\"/home/dev/src/project\","
                + "\"timestamp\":\"" + Instant.now() + "\",\"requestId\":\"req_bench_" + System.nanoTime() + "\","
                + "\"message\":{\"id\":\"msg_bench_" + System.nanoTime() + "_" + i + "\",\"model\":\"claude-sonnet-4-5-20250929\","
                + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":400,\"cache_read_input_tokens\":30000,"
                + "\"cache_creation_input_tokens\":500}}}\n";
        Files.writeString(session, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A compiled hello-world class: the floor of any JVM start. Null when this runtime has no javac. */
    /** Median milliseconds of {@code runs} hello-world JVM launches; null without javac. */
    static Double helloWorldMillis(Path dir, int runs) throws IOException, InterruptedException {
        Path hello = helloWorld(dir);
        if (hello == null) {
            return null;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] h = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            exec(List.of(java, "-Xshare:auto", "-XX:+UseSerialGC", "-cp", hello.toString(), "Hello"), Map.of(), null);
            h[i] = (System.nanoTime() - s) / 1e6;
        }
        return BenchReportCommand.median(h);
    }

    private static Path helloWorld(Path dir) throws IOException, InterruptedException {
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        if (!Files.isExecutable(javac)) {
            return null;
        }
        Path src = Files.createDirectories(dir.resolve("hello"));
        Files.writeString(src.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }\n");
        Process p = new ProcessBuilder(javac.toString(), "-d", src.toString(), src.resolve("Hello.java").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0 ? src : null;
    }

    /** Runs a command to its end with {@code stdin} (or none); its stdout, or an error naming the command. */
    private static String exec(List<String> command, Map<String, String> env, String stdin)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
        }
        return stdout;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(Arrays.asList(tail));
        return out;
    }
}
