package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
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
 * inserting the same rows in one transaction, into a bare table with token_events' columns and
 * primary key only (issue 11's floor) and into the shipped schema; then the bytes per event of
 * the ledgers the run built. Every baseline is measured in the same run.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start-up time (beside a hello-world JVM), the tokens of tools/list, sequential tool calls/s (record_token_event vs a no-op tool) and batch "
                + "ingest rows/s (record_token_events vs the sqlite3 CLI into a bare table and into the shipped schema), "
                + "and the ledger's bytes per event, on stdio against a fresh ledger.")
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

    /** Events per record_token_events call, and the full batches sent before the timed ones. */
    private static final int BATCH = 10_000;
    private static final int WARM_BATCHES = 3;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(dir, "tokenomics-bench-server", keep, out)) {
            return run(work.dir());
        }
    }

    private int run(Path scratch) throws Exception {
        Path jar = Launcher.jarPath();
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
        out.printf("launch -> initialize answer: median %d ms (min %d, max %d, n=%d)   target <= 300 ms%n",
                startMs[starts / 2], startMs[0], startMs[starts - 1], starts);
        Double helloMs = BenchStatuslineCommand.helloWorldMillis(scratch, starts);
        if (helloMs != null) {
            out.printf("  beside a hello-world JVM, launch to exit: median %.0f ms (%.2fx)%n", helloMs,
                    startMs[starts / 2] / helloMs);
        }
        try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, scratch.resolve("list.db"))) {
            ToolListTokens.print(peer, scratch, scratch, out);
        }
        out.flush();

        // 2. Sequential calls: a no-op tool, then record_token_event, on one server.
        try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, scratch.resolve("calls.db"))) {
            warmUp(peer);
            double[] us = timeCalls(peer, "noop", i -> Map.of(), "record_token_event", i -> event(i, "bench-seq-"));
            double noopUs = us[0];
            double recordUs = us[1];
            out.printf("sequential calls, the median of %d alternating rounds of %,d calls each:%n", ROUNDS,
                    Math.max(1, calls / ROUNDS));
            out.printf("sequential no-op tool:            %,8.0f calls/s (%.0f us/call)%n", 1e6 / noopUs, noopUs);
            out.printf("sequential record_token_event:    %,8.0f calls/s (%.0f us/call)   target >= 2,000 calls/s%n",
                    1e6 / recordUs, recordUs);
            out.printf("record_token_event / no-op time:  %.2fx                            target <= 1.5x%n",
                    recordUs / noopUs);
            Double sqliteTxUs = sqlite3MicrosPerTransaction(scratch, Math.min(calls, 3_000));
            if (sqliteTxUs != null) {
                out.printf("sqlite3 CLI, one row per transaction, shipped schema: %.0f us/row "
                        + "(the durable commit every record_token_event pays)%n", sqliteTxUs);
            }
            out.flush();
        }

        // 3. Batch ingest: record_token_events over stdio vs the sqlite3 CLI, same rows, one transaction.
        List<Map<String, Object>> all = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            all.add(event(i, "bench-batch-"));
        }
        double oursRowsPerSec;
        Path batchDb = scratch.resolve("batch.db");
        try (StdioPeer peer = StdioPeer.launch(jar, javaOpts, batchDb)) {
            // Warm the batch path first, as a long-running server would be: its JIT compiles the
            // batch code only after a few full batches.
            for (int w = 0; w < WARM_BATCHES; w++) {
                List<Map<String, Object>> warm = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    warm.add(event(w * BATCH + i, "warm-batch-"));
                }
                peer.call("record_token_events", Map.of("events", warm));
            }
            List<StdioPeer.Encoded> batches = new ArrayList<>();
            for (int from = 0; from < rows; from += BATCH) {
                batches.add(peer.encode("record_token_events", Map.of("events", all.subList(from, Math.min(rows, from + BATCH)))));
            }
            long t0 = System.nanoTime();
            for (StdioPeer.Encoded batch : batches) {
                JsonNode r = peer.send(batch);
                if (r.path("isError").asBoolean(false)) {
                    throw new IllegalStateException("batch failed: " + r);
                }
            }
            oursRowsPerSec = rows / ((System.nanoTime() - t0) / 1e9);
        }
        out.printf("batch ingest via record_token_events (10,000 per call, rollups kept): %,10.0f rows/s%n",
                oursRowsPerSec);
        if (!commandExists("sqlite3")) {
            out.println("sqlite3 CLI not found: install it (apt-get install sqlite3) for the baselines and the ledger size");
            out.flush();
            return Exit.OK;
        }
        double bareRowsPerSec = sqlite3RowsPerSec(bareTable(scratch), scratch, all);
        double shippedRowsPerSec = sqlite3RowsPerSec(freshSqliteLedger(scratch, "sqlite3.db"), scratch, all);
        out.printf("floor: sqlite3 CLI copying the same rows in one transaction (INSERT ... SELECT from a temp table,"
                + " timed by .timer):%n");
        out.printf("  into a bare table (token_events' columns + primary key only): %,10.0f rows/s%n", bareRowsPerSec);
        out.printf("  into the shipped schema (its indexes; no rollups):            %,10.0f rows/s%n", shippedRowsPerSec);
        out.printf("tokenomics / floor:           %5.1f%%   target >= 25%%%n", 100 * oursRowsPerSec / bareRowsPerSec);
        out.printf("tokenomics / shipped schema:  %5.1f%%%n", 100 * oursRowsPerSec / shippedRowsPerSec);

        // 4. What the ledgers this run built take on disk, all tables and indexes included.
        out.printf("ledger size, page_count * page_size / token_events rows, read with the sqlite3 CLI after the "
                + "server exited:%n");
        out.printf("  batch ledger (%,d events):      %5.0f bytes/event   target <= 350%n", rows + WARM_BATCHES * BATCH,
                bytesPerEvent(batchDb));
        out.printf("  sequential ledger (%,d events): %5.0f bytes/event (one transaction per event)%n",
                2_000L + (long) ROUNDS * Math.max(1, calls / ROUNDS), bytesPerEvent(scratch.resolve("calls.db")));
        out.flush();
        return Exit.OK;
    }

    private void warmUp(StdioPeer peer) throws IOException {
        for (int i = 0; i < 2_000; i++) {
            peer.call("noop", Map.of());
            peer.call("record_token_event", event(i, "warm-"));
        }
    }

    /** Rounds the sequential calls are split into, alternating the two tools so drift hits both alike. */
    private static final int ROUNDS = 5;

    /**
     * Microseconds per call of {@code tool} and {@code other}, each the median of {@link #ROUNDS}
     * rounds of calls / ROUNDS calls, the rounds of the two alternating: a loaded 2-core machine
     * moves a single long run by 20% from one run to the next.
     */
    private double[] timeCalls(StdioPeer peer, String tool, IntFunction<Map<String, Object>> args, String other,
            IntFunction<Map<String, Object>> otherArgs) throws IOException {
        int perRound = Math.max(1, calls / ROUNDS);
        double[] a = new double[ROUNDS];
        double[] b = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            a[round] = timeRound(peer, tool, args, round * perRound, perRound);
            b[round] = timeRound(peer, other, otherArgs, round * perRound, perRound);
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return new double[] {a[ROUNDS / 2], b[ROUNDS / 2]};
    }

    private static double timeRound(StdioPeer peer, String tool, IntFunction<Map<String, Object>> args, int from,
            int n) throws IOException {
        List<StdioPeer.Encoded> requests = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            requests.add(peer.encode(tool, args.apply(i)));
        }
        long t0 = System.nanoTime();
        for (StdioPeer.Encoded request : requests) {
            JsonNode r = peer.send(request);
            if (r.path("isError").asBoolean(false)) {
                throw new IllegalStateException(tool + " failed: " + r);
            }
        }
        return (System.nanoTime() - t0) / 1e3 / n;
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

    /**
     * The sqlite3 CLI copying the same rows into {@code db} in one transaction: the rows are first
     * loaded into a temp table (untimed), then one INSERT ... SELECT between BEGIN and COMMIT is
     * timed by the CLI itself (.timer), so the figure is SQLite's insert, not the parsing of 100,000
     * INSERT statements nor the CLI's start.
     */
    private double sqlite3RowsPerSec(Path db, Path scratch, List<Map<String, Object>> all) throws Exception {
        Path csv = scratch.resolve("rows.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (Map<String, Object> e : all) {
                w.write(String.join(",", e.get("record_key").toString(), e.get("ts").toString(),
                        e.get("task_id").toString(), e.get("workstream").toString(), e.get("repo").toString(),
                        e.get("model").toString(), "bench", e.get("stage").toString(), e.get("input_tokens").toString(),
                        e.get("output_tokens").toString(), e.get("cache_creation_tokens").toString(), "0",
                        e.get("cache_read_tokens").toString(), "123", "v", "2026-11-22T00:00:00.000Z"));
                w.write('\n');
            }
        }
        Path script = scratch.resolve("copy.sql");
        Files.writeString(script, "PRAGMA synchronous=NORMAL;\n"
                + "CREATE TEMP TABLE staging (record_key TEXT, ts TEXT, task_id TEXT, workstream TEXT, repo TEXT, "
                + "model TEXT, agent TEXT, stage TEXT, input_tokens INTEGER, output_tokens INTEGER, "
                + "cache_creation_tokens INTEGER, cache_creation_1h_tokens INTEGER, cache_read_tokens INTEGER, "
                + "cost_nanos INTEGER, price_version TEXT, created_at TEXT);\n"
                + ".import --csv --schema temp " + csv + " staging\n"
                + ".timer on\nBEGIN;\n"
                + "INSERT INTO main.token_events (" + COPIED + ") SELECT " + COPIED + " FROM staging;\n"
                + "COMMIT;\n.timer off\nSELECT 'rows=' || COUNT(*) FROM main.token_events;\n");
        String output = runForOutput(List.of("sqlite3", db.toString()), script);
        if (!output.contains("rows=" + all.size())) {
            throw new IllegalStateException("sqlite3 did not copy " + all.size() + " rows: " + output);
        }
        double seconds = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Run Time: real ([0-9.]+)").matcher(output);
        int timed = 0;
        while (m.find()) {
            seconds += Double.parseDouble(m.group(1));
            timed++;
        }
        if (timed != 3) {
            throw new IllegalStateException("expected 3 timings from sqlite3 (BEGIN, INSERT, COMMIT): " + output);
        }
        return all.size() / seconds;
    }

    /**
     * The floor: a table with token_events' columns (types, NOT NULL, CHECKs) and its
     * integer primary key only: no UNIQUE record_key, no secondary index, no rollup. Cut from the
     * shipped schema.sql, so the columns cannot drift.
     */
    private Path bareTable(Path scratch) throws Exception {
        String schema;
        try (var in = ServerBench.class.getResourceAsStream("/db/schema.sql")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int from = schema.indexOf("CREATE TABLE IF NOT EXISTS token_events (");
        String table = schema.substring(from, schema.indexOf(");", from) + 2)
                .replaceAll("(?m)--.*$", "").replace(" UNIQUE", "");
        if (table.contains("UNIQUE") || table.contains("REFERENCES")) {
            throw new IllegalStateException("token_events gained a constraint the floor must not have: " + table);
        }
        Path db = scratch.resolve("sqlite3-bare.db");
        Path ddl = scratch.resolve("bare.sql");
        Files.writeString(ddl, table + "\n");
        run(List.of("sqlite3", db.toString(), ".read " + ddl), null);
        run(List.of("sqlite3", db.toString(), "PRAGMA journal_mode=WAL;"), null);
        return db;
    }

    /** page_count * page_size over the rows of token_events: every table and index, free pages included. */
    private static double bytesPerEvent(Path db) throws Exception {
        String[] v = runForOutput(List.of("sqlite3", "-readonly", db.toString(),
                "SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()),"
                        + " (SELECT COUNT(*) FROM token_events);")).strip().split("\\|");
        return Double.parseDouble(v[0]) / Long.parseLong(v[1]);
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

    private static final String COPIED = "record_key, ts, task_id, workstream, repo, model, agent, stage, input_tokens, "
            + "output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, price_version, "
            + "created_at";

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
        runForOutput(command, stdin);
    }

    private static String runForOutput(List<String> command) throws Exception {
        return runForOutput(command, null);
    }

    private static String runForOutput(List<String> command, Path stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

}
