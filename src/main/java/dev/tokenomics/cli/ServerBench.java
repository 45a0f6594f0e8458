package dev.tokenomics.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code tokenomics bench server}: the server as Claude Code runs it (this jar, a child process on
 * stdio, a fresh ledger), driven by raw JSON-RPC lines so the client costs next to nothing.
 * Measures launch to the initialize answer, sequential record_token_event calls against a no-op
 * tool on the same server, and batch ingest over record_token_events against the sqlite3 CLI
 * inserting the same rows into the same schema.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start-up time, sequential tool calls/s (record_token_event vs a no-op tool) and batch "
                + "ingest rows/s (record_token_events vs the sqlite3 CLI), on stdio against a fresh ledger.")
final class ServerBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--calls", defaultValue = "5000", description = "Sequential calls per tool (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows for batch ingest (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--starts", defaultValue = "5", description = "Launches to time (default ${DEFAULT-VALUE}; median reported).")
    int starts;

    @Option(names = "--java-opts",
            description = "JVM options for the server (default: as ./tokenomics launches it, with its class-data "
                    + "sharing archive target/tokenomics.jsa when present).")
    String javaOpts;

    @Option(names = "--dir", paramLabel = "DIR", description = "Scratch folder, kept (default: a new temp folder, removed afterwards).")
    Path dir;

    @Option(names = "--keep", description = "Keep the temp scratch folder and say where it is.")
    boolean keep;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(dir, "tokenomics-bench-server", keep, out)) {
            return run(work.dir());
        }
    }

    private int run(Path scratch) throws Exception {
        Path jar = jarPath();
        if (javaOpts == null) {
            Path cds = jar.resolveSibling("tokenomics.jsa");
            javaOpts = "-XX:+UseSerialGC -Xshare:auto"
                    + (Files.isRegularFile(cds) ? " -XX:SharedArchiveFile=" + cds + " -Xlog:cds=off -Xlog:cds+dynamic=off" : "");
        }
        out.printf("tokenomics bench server: jar %s, scratch %s, %d cores%n  server JVM options: %s%n", jar, scratch,
                Runtime.getRuntime().availableProcessors(), javaOpts);

        // 1. Launch to the initialize answer.
        long[] startMs = new long[starts];
        for (int i = 0; i < starts; i++) {
            try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, scratch.resolve("start-" + i + ".db"))) {
                startMs[i] = peer.initializeMillis;
            }
        }
        Arrays.sort(startMs);
        out.printf("launch -> initialize answer: median %d ms (min %d, max %d, n=%d)   target 600 ms%n",
                startMs[starts / 2], startMs[0], startMs[starts - 1], starts);
        out.flush();

        // 2. Sequential calls: a no-op tool, then record_token_event, on one server.
        try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, scratch.resolve("calls.db"))) {
            warmUp(peer);
            double noopUs = timeCalls(peer, "noop", i -> Map.of());
            double recordUs = timeCalls(peer, "record_token_event", i -> event(i, "bench-seq-"));
            out.printf("sequential no-op tool:            %,8.0f calls/s (%.0f us/call)%n", 1e6 / noopUs, noopUs);
            out.printf("sequential record_token_event:    %,8.0f calls/s (%.0f us/call)   target >= 2,000 calls/s%n",
                    1e6 / recordUs, recordUs);
            out.printf("record_token_event / no-op time:  %.2fx                            target <= 1.5x%n",
                    recordUs / noopUs);
            Double sqliteTxUs = sqlite3MicrosPerTransaction(scratch, Math.min(calls, 3_000));
            if (sqliteTxUs != null) {
                out.printf("floor: sqlite3 CLI, one row per transaction, same schema: %.0f us/row "
                        + "(the durable commit every record_token_event pays)%n", sqliteTxUs);
            }
            out.flush();
        }

        // 3. Batch ingest: record_token_events over stdio vs the sqlite3 CLI, same rows, same schema.
        List<Map<String, Object>> all = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            all.add(event(i, "bench-batch-"));
        }
        double oursRowsPerSec;
        try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, scratch.resolve("batch.db"))) {
            // Warm the batch path on a small batch first, as a long-running server would be.
            peer.call("record_token_events", Map.of("events", List.of(event(-1, "warm-"))));
            long t0 = System.nanoTime();
            for (int from = 0; from < rows; from += 10_000) {
                JsonNode r = peer.call("record_token_events", Map.of("events", all.subList(from, Math.min(rows, from + 10_000))));
                if (r.path("isError").asBoolean(false)) {
                    throw new IllegalStateException("batch failed: " + r);
                }
            }
            oursRowsPerSec = rows / ((System.nanoTime() - t0) / 1e9);
        }
        out.printf("batch ingest via record_token_events: %,10.0f rows/s%n", oursRowsPerSec);
        Double sqliteRowsPerSec = sqlite3RowsPerSec(scratch, all);
        if (sqliteRowsPerSec == null) {
            out.println("sqlite3 CLI not found: install it (apt-get install sqlite3) for the baseline");
        } else {
            out.printf("batch ingest via sqlite3 CLI:          %,10.0f rows/s%n", sqliteRowsPerSec);
            out.printf("tokenomics / sqlite3:                  %.0f%%   target >= 50%%%n", 100 * oursRowsPerSec / sqliteRowsPerSec);
        }
        out.flush();
        return Exit.OK;
    }

    private void warmUp(StdioPeer peer) throws IOException {
        for (int i = 0; i < 2_000; i++) {
            peer.call("noop", Map.of());
            peer.call("record_token_event", event(i, "warm-"));
        }
    }

    private double timeCalls(StdioPeer peer, String tool, java.util.function.IntFunction<Map<String, Object>> args)
            throws IOException {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            JsonNode r = peer.call(tool, args.apply(i));
            if (r.path("isError").asBoolean(false)) {
                throw new IllegalStateException(tool + " failed: " + r);
            }
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }

    /** A realistic self-report: a task of a workstream, a priced model, all five buckets. */
    static Map<String, Object> event(int i, String keyPrefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record_key", keyPrefix + i);
        m.put("ts", String.format("2026-11-%02dT%02d:%02d:%02dZ", 1 + (Math.abs(i) / 86_400) % 28,
                (Math.abs(i) / 3600) % 24, (Math.abs(i) / 60) % 60, Math.abs(i) % 60));
        m.put("task_id", "T-" + (Math.abs(i) / 8));
        m.put("workstream", "WS-" + (Math.abs(i) % 7));
        m.put("repo", "repo-" + (Math.abs(i) % 3));
        m.put("model", i % 3 == 0 ? "claude-opus-4-5-20251101" : "claude-sonnet-4-5-20250929");
        m.put("agent", "bench");
        m.put("stage", i % 2 == 0 ? "execute" : "plan");
        m.put("input_tokens", 1_000 + i % 500);
        m.put("output_tokens", 300 + i % 100);
        m.put("cache_creation_tokens", 2_000);
        m.put("cache_creation_1h_tokens", 0);
        m.put("cache_read_tokens", 20_000 + i % 1_000);
        return m;
    }

    /** The same rows as plain INSERTs in one transaction, into a fresh ledger made from the same schema. */
    private Double sqlite3RowsPerSec(Path scratch, List<Map<String, Object>> all) throws Exception {
        if (!commandExists("sqlite3")) {
            return null;
        }
        Path db = freshSqliteLedger(scratch, "sqlite3.db");
        Path sql = scratch.resolve("insert.sql");
        try (BufferedWriter w = Files.newBufferedWriter(sql)) {
            w.write("PRAGMA synchronous=NORMAL;\nBEGIN;\n");
            for (Map<String, Object> e : all) {
                w.write(insertSql(e));
            }
            w.write("COMMIT;\n");
        }
        long t0 = System.nanoTime();
        run(List.of("sqlite3", db.toString()), sql);
        return all.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** The sqlite3 CLI inserting rows one transaction each: what one durable commit costs here. */
    private Double sqlite3MicrosPerTransaction(Path scratch, int n) throws Exception {
        if (!commandExists("sqlite3")) {
            return null;
        }
        Path db = freshSqliteLedger(scratch, "sqlite3-tx.db");
        Path sql = scratch.resolve("insert-tx.sql");
        try (BufferedWriter w = Files.newBufferedWriter(sql)) {
            w.write("PRAGMA synchronous=NORMAL;\n");
            for (int i = 0; i < n; i++) {
                w.write("BEGIN IMMEDIATE;\n" + insertSql(event(i, "tx-")) + "COMMIT;\n");
            }
        }
        long t0 = System.nanoTime();
        run(List.of("sqlite3", db.toString()), sql);
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private Path freshSqliteLedger(Path scratch, String name) throws Exception {
        Path db = scratch.resolve(name);
        Path schema = scratch.resolve("schema.sql");
        try (var in = ServerBench.class.getResourceAsStream("/db/schema.sql")) {
            Files.write(schema, in.readAllBytes());
        }
        run(List.of("sqlite3", db.toString(), ".read " + schema), null);
        run(List.of("sqlite3", db.toString(), "PRAGMA journal_mode=WAL;"), null);
        return db;
    }

    private static String insertSql(Map<String, Object> e) {
        return "INSERT INTO token_events (record_key, ts, task_id, workstream, repo, model, agent, stage, "
                + "input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, "
                + "cost_nanos, price_version, created_at) VALUES ('" + e.get("record_key") + "','"
                + e.get("ts") + "','" + e.get("task_id") + "','" + e.get("workstream") + "','" + e.get("repo")
                + "','" + e.get("model") + "','bench','" + e.get("stage") + "'," + e.get("input_tokens") + ","
                + e.get("output_tokens") + "," + e.get("cache_creation_tokens") + ",0," + e.get("cache_read_tokens")
                + ",123,'v','2026-11-22T00:00:00.000Z');\n";
    }

    private static boolean commandExists(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command, Path stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    static Path jarPath() throws Exception {
        Path self = Path.of(ServerBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
            return self;
        }
        Path built = Path.of("target", "tokenomics.jar");
        if (Files.isRegularFile(built)) {
            return built.toAbsolutePath();
        }
        throw new IllegalStateException("run the benchmark from the shaded jar (./tokenomics bench server)");
    }

    /** The server as a child process, spoken to in newline-delimited JSON-RPC (the stdio transport). */
    static final class StdioPeer implements AutoCloseable {
        private final Process process;
        private final BufferedWriter in;
        private final BufferedReader outReader;
        private long nextId = 1;
        final long initializeMillis;

        private StdioPeer(Process process, long initializeMillis, BufferedWriter in, BufferedReader outReader) {
            this.process = process;
            this.initializeMillis = initializeMillis;
            this.in = in;
            this.outReader = outReader;
        }

        static StdioPeer launch(Path jar, String javaOpts, Path db) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (!javaOpts.isBlank()) {
                cmd.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "serve", "--bench-tools", "--db", db.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            w.write("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n");
            w.flush();
            String answer = r.readLine();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (answer == null || !answer.contains("\"result\"")) {
                p.destroyForcibly();
                throw new IllegalStateException("server did not answer initialize: " + answer);
            }
            w.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
            w.flush();
            return new StdioPeer(p, ms, w, r);
        }

        /** Calls a tool and returns its result object; notifications in between are skipped. */
        JsonNode call(String tool, Map<String, Object> args) throws IOException {
            long id = nextId++;
            Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                    "params", Map.of("name", tool, "arguments", args));
            in.write(ToolRunner.JSON_COMPACT.writeValueAsString(request));
            in.write('\n');
            in.flush();
            while (true) {
                String line = outReader.readLine();
                if (line == null) {
                    throw new IOException("server closed stdout");
                }
                JsonNode msg = ToolRunner.JSON_COMPACT.readTree(line);
                if (msg.has("id") && msg.get("id").asLong() == id) {
                    if (msg.has("error")) {
                        throw new IllegalStateException(tool + ": " + msg.get("error"));
                    }
                    return msg.get("result");
                }
            }
        }

        @Override
        public void close() {
            try {
                in.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
