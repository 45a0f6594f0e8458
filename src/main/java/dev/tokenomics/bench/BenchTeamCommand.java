package dev.tokenomics.bench;

import dev.tokenomics.cli.Exit;
import dev.tokenomics.cli.Launcher;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench team}: issue 13's figures, through {@code ./tokenomics} as a user runs it,
 * on a scratch PostgreSQL cluster this command starts and removes: machines' ledgers synced at once
 * to one hub, a sync killed mid-way and run again, batch ingest beside {@code psql \copy} of the same
 * rows into a bare table, and the report over a large ledger on PostgreSQL beside SQLite's.
 */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = {"The team ledger on PostgreSQL: N machines' ledgers synced at once to one hub (then again), "
                + "a sync killed with SIGKILL mid-way and re-run, `record --batch` into PostgreSQL beside psql \\copy "
                + "of the same rows into a table with the same columns and primary key only, and the report over a "
                + "generated ledger on PostgreSQL beside SQLite. Starts a scratch cluster with the machine's "
                + "initdb/pg_ctl (Debian's postgresql package) in the temp folder and removes it after.",
                "Example: tokenomics bench team --machines 8 --events 5000"})
final class BenchTeamCommand implements Callable<Integer> {
    private static final String TOKEN = "bench-team-token";
    private static final Pattern PUSHED = Pattern.compile("([\\d,]+) events pushed");
    private static final Pattern MCP_LINE = Pattern.compile("^  Streamable HTTP: http://127\\.0\\.0\\.1:(\\d+)/mcp.*$");
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5", "no-such-model"};

    @Spec
    CommandSpec spec;

    @Option(names = "--machines", paramLabel = "N", defaultValue = "8", description = "Machines syncing at once (default 8).")
    int machines;

    @Option(names = "--events", paramLabel = "N", defaultValue = "5000", description = "Events per machine (default 5,000).")
    int events;

    @Option(names = "--ingest", paramLabel = "N", defaultValue = "10000",
            description = "Rows of the batch ingest beside psql \\copy (default 10,000, the batch limit).")
    int ingest;

    @Option(names = "--report-events", paramLabel = "N", defaultValue = "1000000",
            description = "Events of the report ledger, generated on both backends (default 1,000,000; 0 skips it).")
    int reportEvents;

    @Option(names = "--keep", description = "Keep the temp folder (ledgers, files) and print where it is.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (machines < 1 || events < 1 || ingest < 1 || ingest > TokenLedger.MAX_BATCH || reportEvents < 0) {
            throw new IllegalArgumentException("--machines and --events must be >= 1, --ingest 1 to "
                    + TokenLedger.MAX_BATCH + ", --report-events >= 0");
        }
        if (ScratchPostgres.findBinaries() == null) {
            spec.commandLine().getErr().println("error: bench team needs PostgreSQL's initdb, pg_ctl and postgres "
                    + "(Debian's postgresql package); none found under /usr/lib/postgresql/*/bin or on PATH");
            return Exit.BAD_INPUT;
        }
        Path dir = Files.createTempDirectory("tokenomics-bench-team");
        List<String> launcher = Launcher.command();
        Process hub = null;
        try (ScratchPostgres pg = ScratchPostgres.start()) {
            out.printf(Locale.ROOT, "PostgreSQL scratch cluster on port %d (%s)%n", pg.port(), pg.binaries());
            String hubDb = pg.newDatabase("hub");
            hub = start(launcher, "serve", "--http", "0", "--auth-token", TOKEN, "--db", hubDb, "--machine", "hub");
            String url = "http://127.0.0.1:" + hubPort(hub);
            try (TokenLedger hubLedger = open(hubDb)) {
                syncs(out, launcher, dir, url, hubLedger);
                killed(out, launcher, dir, url, hubLedger);
            }
            ingest(out, launcher, dir, pg);
            if (reportEvents > 0) {
                report(out, launcher, dir, pg);
            }
        } finally {
            if (hub != null) {
                hub.destroy();
                hub.waitFor(15, TimeUnit.SECONDS);
            }
            if (keep) {
                out.println("kept " + dir);
            } else {
                Launcher.deleteTree(dir);
            }
            out.flush();
        }
        return Exit.OK;
    }

    /** N machines' ledgers pushed at once, each machine's totals checked on the hub, then a second sync. */
    private void syncs(PrintWriter out, List<String> launcher, Path dir, String url, TokenLedger hub) throws Exception {
        List<Path> ledgers = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            ledgers.add(machineLedger(dir, "bench-m" + m, events, m));
        }
        out.printf(Locale.ROOT, "%n%d machines x %,d events, synced to one hub at once (tokenomics sync):%n", machines,
                events);
        long t0 = System.nanoTime();
        long[] pushed = runAll(launcher, ledgers, url);
        double wall = (System.nanoTime() - t0) / 1e9;
        long expected = (long) machines * events;
        long onHub = hub.events().summarize(Scope.ALL, null, null, null).totals().events();
        int equal = 0;
        for (int m = 0; m < machines; m++) {
            try (TokenLedger local = open(ledgers.get(m).toString())) {
                Summary mine = local.events().summarize(Scope.ALL, null, null, null);
                Summary there = hub.events().summarize(Scope.MACHINE, "bench-m" + m, null, null);
                equal += mine.totals().equals(there.totals()) ? 1 : 0;
            }
        }
        out.printf(Locale.ROOT, "  pushed %,d events in %.1f s wall (%,.0f events/s); on the hub %,d of %,d%s%n",
                Arrays.stream(pushed).sum(), wall, Arrays.stream(pushed).sum() / wall, onHub, expected,
                onHub == expected ? " (exact)" : " (MISMATCH)");
        out.printf(Locale.ROOT, "  machines whose totals (events, tokens, cost) equal their local ledger's: %d of %d%n",
                equal, machines);
        long[] again = runAll(launcher, ledgers, url);
        out.printf(Locale.ROOT, "  a second sync of all %d pushed %,d events; the hub holds %,d%n", machines,
                Arrays.stream(again).sum(), hub.events().summarize(Scope.ALL, null, null, null).totals().events());
        out.flush();
    }

    /** One sync killed with SIGKILL once the hub has a third of it, then run again: exact totals, no duplicate. */
    private void killed(PrintWriter out, List<String> launcher, Path dir, String url, TokenLedger hub) throws Exception {
        int n = Math.max(events * 4, 4_000);
        Path ledger = machineLedger(dir, "bench-killed", n, 99);
        out.printf(Locale.ROOT, "%nkill -9 of a sync of %,d events mid-way, then a re-run:%n", n);
        Process p = start(launcher, "sync", "--to", url, "--auth-token", TOKEN, "--batch", "250", "--db", ledger.toString());
        long seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            seen = hub.events().summarize(Scope.MACHINE, "bench-killed", null, null).totals().events();
            if (seen >= n / 3) {
                break; // a third on the hub: the cursor has moved, the rest is still to go
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        p.waitFor(15, TimeUnit.SECONDS);
        long atKill = hub.events().summarize(Scope.MACHINE, "bench-killed", null, null).totals().events();
        long[] rerun = runAll(launcher, List.of(ledger), url);
        Summary there = hub.events().summarize(Scope.MACHINE, "bench-killed", null, null);
        try (TokenLedger local = open(ledger.toString())) {
            boolean same = local.events().summarize(Scope.ALL, null, null, null).totals().equals(there.totals());
            out.printf(Locale.ROOT, "  killed with %,d of %,d on the hub; the re-run pushed %,d; the hub holds %,d%s%n",
                    atKill, n, rerun[0], there.totals().events(),
                    there.totals().events() == n && same ? " with exact totals" : " (MISMATCH)");
        }
        out.flush();
    }

    /** record --batch of the same rows into an empty PostgreSQL ledger, beside psql \copy into a bare table. */
    private void ingest(PrintWriter out, List<String> launcher, Path dir, ScratchPostgres pg) throws Exception {
        Path jsonl = dir.resolve("ingest.jsonl");
        Path csv = dir.resolve("ingest.csv");
        Path shipped = dir.resolve("ingest-ledger.csv");
        Random r = new Random(7);
        StringBuilder j = new StringBuilder();
        StringBuilder c = new StringBuilder();
        StringBuilder l = new StringBuilder();
        Instant base = Instant.now().minusSeconds(86_400L * 7);
        for (int i = 0; i < ingest; i++) {
            String key = "ingest-" + i;
            String ts = base.plusSeconds(i * 37L).toString();
            String model = MODELS[i % 3];
            long in = 100 + r.nextInt(50_000);
            long outTokens = 10 + r.nextInt(5_000);
            j.append("{\"record_key\":\"").append(key).append("\",\"ts\":\"").append(ts).append("\",\"task_id\":\"T")
                    .append(i % 50).append("\",\"model\":\"").append(model).append("\",\"input_tokens\":").append(in)
                    .append(",\"output_tokens\":").append(outTokens).append("}\n");
            c.append(key).append(',').append(ts).append(",T").append(i % 50).append(',').append(model).append(',')
                    .append(in).append(',').append(outTokens).append('\n');
            l.append(key).append(',').append(ts).append(",T").append(i % 50).append(',').append(model).append(',')
                    .append(in).append(',').append(outTokens).append(',').append(ts).append('\n');
        }
        Files.writeString(jsonl, j);
        Files.writeString(csv, c);
        Files.writeString(shipped, l);
        Path one = dir.resolve("ingest-one.jsonl");
        Files.writeString(one, "{\"record_key\":\"ingest-one\",\"ts\":\"" + base + "\",\"model\":\"" + MODELS[0]
                + "\",\"input_tokens\":1}\n");
        out.printf(Locale.ROOT, "%nBatch ingest of %,d rows into PostgreSQL (median of 3, each into a new database):%n",
                ingest);
        double[] ours = new double[3];
        double[] fixed = new double[3];
        double[] floor = new double[3];
        double[] schema = new double[3];
        for (int run = 0; run < 3; run++) {
            String db = pg.newDatabase("ingest");
            // The ledger's schema is made first, untimed, as the floor's table is.
            if (run(launcher, "summary", "all", "--db", db) != 0) {
                throw new IllegalStateException("summary all on a new PostgreSQL ledger failed");
            }
            long t0 = System.nanoTime();
            int code = run(launcher, "record", "--batch", jsonl.toString(), "--db", db);
            ours[run] = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("record --batch exited " + code);
            }
            // What any process pays before its first row: JVM start, the pool, the price table.
            t0 = System.nanoTime();
            if (run(launcher, "record", "--batch", one.toString(), "--db", db) != 0) {
                throw new IllegalStateException("record --batch of one event failed");
            }
            fixed[run] = (System.nanoTime() - t0) / 1e9;
            String bare = pg.newDatabase("bare");
            String psql = pg.binaries().resolve("psql").toString();
            String url = pg.url(bare.substring(bare.lastIndexOf('/') + 1, bare.indexOf('?')));
            runCommand(List.of(psql, "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "CREATE TABLE bare (record_key TEXT "
                    + "PRIMARY KEY, ts TEXT NOT NULL, task_id TEXT, model TEXT, input_tokens BIGINT, output_tokens BIGINT)"));
            t0 = System.nanoTime();
            if (runCommand(List.of(psql, "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "\\copy bare FROM '" + csv + "' CSV")) != 0) {
                throw new IllegalStateException("psql \\copy into the bare table failed");
            }
            floor[run] = (System.nanoTime() - t0) / 1e9;
            // Not a floor: the same rows into the ledger's own token_events (its indexes, no rollups),
            // which says how much of the gap is the schema and how much our process.
            String ledger = pg.newDatabase("schema");
            if (run(launcher, "summary", "all", "--db", ledger) != 0) {
                throw new IllegalStateException("summary all on a new PostgreSQL ledger failed");
            }
            String ledgerUrl = pg.url(ledger.substring(ledger.lastIndexOf('/') + 1, ledger.indexOf('?')));
            t0 = System.nanoTime();
            if (runCommand(List.of(psql, "-q", "-v", "ON_ERROR_STOP=1", ledgerUrl, "-c", "\\copy token_events ("
                    + "record_key, ts, task_id, model, input_tokens, output_tokens, created_at) FROM '" + shipped
                    + "' CSV")) != 0) {
                throw new IllegalStateException("psql \\copy into the ledger's token_events failed");
            }
            schema[run] = (System.nanoTime() - t0) / 1e9;
        }
        double o = BenchReportCommand.median(ours);
        double f = BenchReportCommand.median(floor);
        out.printf(Locale.ROOT, "  tokenomics record --batch (whole process)   %6.2f s  %,10.0f rows/s%n", o, ingest / o);
        double one1 = BenchReportCommand.median(fixed);
        out.printf(Locale.ROOT, "    of which the process itself (record --batch of one event) %.2f s; the rows beyond it "
                + "%,.0f rows/s%n", one1, ingest / Math.max(1e-3, o - one1));
        out.printf(Locale.ROOT, "  psql \\copy into a bare table (the floor)    %6.2f s  %,10.0f rows/s  -> ours/floor = %.1f%%"
                + " (target >= 50%%)%n", f, ingest / f, 100 * f / o);
        double sch = BenchReportCommand.median(schema);
        out.printf(Locale.ROOT, "  psql \\copy into the ledger's token_events  %6.2f s  %,10.0f rows/s  (not a floor: our "
                + "indexes; ours/that = %.1f%%)%n", sch, ingest / sch, 100 * sch / o);
        out.flush();
    }

    /** The same generated ledger on both backends, the report timed through the launcher on each. */
    private void report(PrintWriter out, List<String> launcher, Path dir, ScratchPostgres pg) throws Exception {
        LocalDate last = LocalDate.now(ZoneOffset.UTC);
        String pgDb = pg.newDatabase("report");
        Path sqlite = dir.resolve("report.db");
        out.printf(Locale.ROOT, "%nThe tokenomics report over %,d generated events (whole process, median of 3):%n",
                reportEvents);
        BenchLedger gen = new BenchLedger(reportEvents, 90, last);
        for (String db : List.of(pgDb, sqlite.toString())) {
            long t0 = System.nanoTime();
            try (TokenLedger l = open(db)) {
                l.events().importAll(gen.events());
                l.tasks().recordRefs(gen.refs());
            }
            out.printf(Locale.ROOT, "  generated on %-10s in %6.1f s%n", db.startsWith("jdbc:") ? "PostgreSQL" : "SQLite",
                    (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
        double[] times = new double[2];
        int i = 0;
        for (String db : List.of(pgDb, sqlite.toString())) {
            double[] runs = new double[3];
            for (int k = 0; k < 3; k++) {
                long t0 = System.nanoTime();
                int code = run(launcher, "report", "--since", gen.first.toString(), "--until", last.toString(), "--db", db);
                runs[k] = (System.nanoTime() - t0) / 1e9;
                if (code != 0) {
                    throw new IllegalStateException("report exited " + code + " on " + db);
                }
            }
            times[i++] = BenchReportCommand.median(runs);
        }
        out.printf(Locale.ROOT, "  PostgreSQL %6.2f s (target <= 1.5 s)   SQLite %6.2f s   -> PostgreSQL/SQLite = %.2fx%n",
                times[0], times[1], times[0] / times[1]);
        out.flush();
    }

    private static Path machineLedger(Path dir, String machine, int n, long seed) {
        Path file = dir.resolve(machine + ".db");
        Random r = new Random(seed);
        Instant end = Instant.now();
        try (TokenLedger l = TokenLedger.open(LedgerLocation.sqlite(file), PriceTable.bundled(), Clock.systemUTC(),
                new EventDefaults(null, null, machine))) {
            List<EventInput> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(new EventInput("k" + i, end.minusSeconds(r.nextInt(30 * 86_400)), null, null, null,
                        "s-" + machine + "-" + (i % 40), "T" + (i % 200), "ws" + (i % 7), "repo" + (i % 5), null,
                        MODELS[r.nextInt(MODELS.length)], null, null, null, null, null, null,
                        new Usage(100 + r.nextInt(20_000), 10 + r.nextInt(2_000), 0, 0, r.nextInt(40_000)), null, true,
                        null, null, null));
                if (batch.size() == TokenLedger.MAX_BATCH) {
                    l.events().recordAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                l.events().recordAll(batch);
            }
        }
        return file;
    }

    private static TokenLedger open(String db) {
        return TokenLedger.open(LedgerLocation.parse(db), PriceTable.bundled(), Clock.systemUTC(),
                EventDefaults.NONE);
    }

    /** Runs one sync per ledger at once; each one's count of pushed events, as it printed it. */
    private static long[] runAll(List<String> launcher, List<Path> ledgers, String url) throws Exception {
        List<Process> procs = new ArrayList<>();
        for (Path l : ledgers) {
            List<String> cmd = new ArrayList<>(launcher);
            cmd.addAll(List.of("sync", "--to", url, "--auth-token", TOKEN, "--db", l.toString()));
            procs.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        long[] pushed = new long[procs.size()];
        for (int i = 0; i < procs.size(); i++) {
            Process p = procs.get(i);
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("sync of " + ledgers.get(i) + " exited " + p.exitValue() + ": " + text);
            }
            Matcher m = PUSHED.matcher(text);
            pushed[i] = m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
        }
        return pushed;
    }

    private static Process start(List<String> launcher, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int run(List<String> launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(args));
        return runCommand(cmd);
    }

    private static int runCommand(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 10 minutes");
        }
        return p.exitValue();
    }

    /** The hub's port, read from its banner; its stderr is then drained so it never blocks on a full pipe. */
    private static int hubPort(Process hub) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(hub.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = MCP_LINE.matcher(line);
            if (m.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the hub ended
                    }
                }, "bench-team-hub-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the hub did not start:\n" + seen);
    }
}
