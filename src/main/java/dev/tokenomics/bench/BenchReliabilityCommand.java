package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.ledger.ForeignWriteLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tokenomics bench reliability}: the server under the conditions it exists for, each
 * checked against its target in one run, through the launcher as a user runs it.
 */
@Command(name = "reliability", mixinStandardHelpOptions = true,
        description = {"Check the server under load and bad input, each against its target: N stdio servers on one "
                + "ledger driven by the official TypeScript MCP client (installed with npm into the scratch dir), "
                + "36 malformed stdin lines each followed by a ping, a record --batch while another process holds "
                + "the write lock (and kill -9 in that window), and a burst of HTTP clients on loopback.",
                "Exit 1 when a target is missed. The scratch dir is removed afterwards unless --keep."})
final class BenchReliabilityCommand implements Callable<Integer> {
    static final String MCP_SDK = "1.32.2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PORT = Pattern.compile("Streamable HTTP: http://[^:]+:(\\d+)/mcp");

    @Spec
    CommandSpec spec;

    @Option(names = "--servers", description = "stdio servers on one ledger (default ${DEFAULT-VALUE}).")
    int servers = 8;

    @Option(names = "--calls", description = "record_token_event calls per server (default ${DEFAULT-VALUE}).")
    int calls = 5_000;

    @Option(names = "--concurrency", description = "calls each client keeps under way at once (default ${DEFAULT-VALUE}).")
    int concurrency = 1;

    @Option(names = "--lock-seconds", description = "how long the foreign write lock is held (default ${DEFAULT-VALUE}).")
    int lockSeconds = 12;

    @Option(names = "--http-clients", description = "clients in the HTTP burst (default ${DEFAULT-VALUE}).")
    int httpClients = 200;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Work here (ledgers, the npm client) and keep it; default a temp dir, removed afterwards.")
    Path scratch;

    @Option(names = "--keep", description = "Keep the scratch dir and say where it is.")
    boolean keep;

    private PrintWriter out;
    private final List<String> missed = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(scratch, "tokenomics-bench-reliability", keep, out)) {
            Path dir = work.dir();
            List<String> launcher = Launcher.command();
            out.println("tokenomics bench reliability: " + String.join(" ", launcher));
            stdioLoad(dir, launcher);
            malformedLines(dir, launcher);
            foreignLock(dir, launcher);
            httpBurst(dir, launcher);
            out.println(missed.isEmpty() ? "all targets met" : "targets missed: " + String.join("; ", missed));
            return missed.isEmpty() ? Exit.OK : Exit.FAILED;
        }
    }

    private void check(boolean met, String target) {
        out.println("    " + (met ? "met" : "MISSED") + ": " + target);
        if (!met) {
            missed.add(target);
        }
        out.flush();
    }

    private void stdioLoad(Path dir, List<String> launcher) throws Exception {
        out.printf(Locale.ROOT, "1. %d stdio servers x %,d record_token_event calls on one ledger (TypeScript client "
                + "%s, %d at a time per client)%n", servers, calls, MCP_SDK, concurrency);
        out.flush();
        Path node = dir.resolve("node");
        if (!Launcher.npmInstall(node, "@modelcontextprotocol/sdk@" + MCP_SDK)) {
            check(false, "npm install @modelcontextprotocol/sdk@" + MCP_SDK + " (no npm or no registry)");
            return;
        }
        Path script = node.resolve("stdio-load.mjs");
        Launcher.copyResource("/bench/stdio-load.mjs", script);
        Path db = dir.resolve("load.db");
        List<String> serve = new ArrayList<>(launcher.subList(1, launcher.size()));
        serve.addAll(List.of("serve", "--db", db.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("node", script.toString(), launcher.get(0), JSON.writeValueAsString(serve),
                String.valueOf(servers), String.valueOf(calls), String.valueOf(concurrency))
                .directory(node.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long answered = 0;
        long errors = 0;
        int lastAnswered = 0;
        int exitedAlone = 0;
        double slowestExitMs = 0;
        for (String line : lines.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode r = JSON.readTree(line);
            answered += r.get("answered").asLong();
            errors += r.get("errors").asLong();
            lastAnswered += r.get("lastAnswered").asBoolean() ? 1 : 0;
            boolean alone = !r.get("exitMs").isNull() && r.get("exitedBySignal").isNull();
            exitedAlone += alone ? 1 : 0;
            slowestExitMs = Math.max(slowestExitMs, r.get("exitMs").asDouble(Double.NaN));
            if (r.get("errors").asLong() > 0) {
                out.println("    server " + r.get("server") + " errors, e.g. " + r.get("samples"));
            }
        }
        long rows = Launcher.eventCount(launcher, db);
        long expected = (long) servers * calls;
        out.printf(Locale.ROOT, "    %,d answered, %,d errors, %,d rows in the ledger (expected %,d); %.1f s in all, "
                + "%,.0f calls/s together%n", answered, errors, rows, expected, seconds, answered / seconds);
        out.printf(Locale.ROOT, "    %d of %d servers answered their last call; %d of %d exited by themselves when "
                + "their client closed stdin (slowest %.0f ms)%n", lastAnswered, servers, exitedAlone, servers,
                slowestExitMs);
        check(rows == expected && errors == 0 && answered == expected, "exactly " + expected + " rows, 0 errors");
        check(lastAnswered == servers && exitedAlone == servers,
                "every server answers its last call and exits when its client closes");
    }

    private void malformedLines(Path dir, List<String> launcher) throws Exception {
        List<byte[]> bad = MalformedLines.all();
        out.printf(Locale.ROOT, "2. %d malformed stdin lines, each followed by a ping%n", bad.size());
        out.flush();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("serve", "--db", dir.resolve("bad.db").toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<JsonNode> replies = new ArrayList<>();
        Thread reader = new Thread(() -> readReplies(p, replies));
        reader.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < bad.size(); i++) {
                in.write(bad.get(i));
                in.write(("\n{\"jsonrpc\":\"2.0\",\"id\":\"ping-" + i + "\",\"method\":\"ping\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        long t0 = System.nanoTime();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        double exitMs = (System.nanoTime() - t0) / 1e6;
        if (!exited) {
            p.destroyForcibly();
        }
        reader.join(5_000);
        long pings;
        long errors;
        synchronized (replies) {
            pings = replies.stream().filter(r -> r.path("id").asString("").startsWith("ping-") && r.has("result")).count();
            errors = replies.stream().filter(r -> r.has("error")).count();
        }
        out.printf(Locale.ROOT, "    %d pings answered, %d error replies; %s%n", pings, errors,
                exited ? String.format(Locale.ROOT, "exited %.0f ms after stdin closed", exitMs) : "still running 30 s after stdin closed");
        check(pings == bad.size() && errors == bad.size() && exited,
                bad.size() + " answered pings, " + bad.size() + " error replies, exit at end of input");
    }

    private static void readReplies(Process p, List<JsonNode> replies) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (replies) {
                    replies.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void foreignLock(Path dir, List<String> launcher) throws Exception {
        out.printf(Locale.ROOT, "3. record --batch of 1,000 events while another process holds the write lock for %d s%n",
                lockSeconds);
        out.flush();
        Path batch = dir.resolve("batch.json");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 1_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"input_tokens\":10,\"model\":\"claude-haiku-4-5\",\"record_key\":\"b")
                    .append(i).append("\"}");
        }
        Files.writeString(batch, json.append(']'));
        Path db = dir.resolve("lock.db");
        int exit;
        long t0;
        try (ForeignWriteLock lock = ForeignWriteLock.take(db)) {
            Process p = record(launcher, batch, db);
            t0 = System.nanoTime();
            Thread.sleep(lockSeconds * 1000L);
            lock.close();
            exit = p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rows = Launcher.eventCount(launcher, db);
        out.printf(Locale.ROOT, "    exit %d after %.1f s, %,d rows%n", exit, seconds, rows);
        check((rows == 1_000 && exit == 0) || (rows == 0 && exit != 0), "1,000 rows and exit 0, or 0 rows and a non-zero exit");
        List<Long> killed = new ArrayList<>();
        for (long afterReleaseMs : new long[] {-1, 0, 100, 250, 500, 800}) {
            Path kdb = dir.resolve("kill" + killed.size() + ".db");
            try (ForeignWriteLock lock = ForeignWriteLock.take(kdb)) {
                Process p = record(launcher, batch, kdb);
                Thread.sleep(2_000);
                if (afterReleaseMs < 0) {
                    p.destroyForcibly().waitFor();
                } else {
                    lock.close();
                    Thread.sleep(afterReleaseMs);
                    p.destroyForcibly().waitFor();
                }
            }
            killed.add(Launcher.eventCount(launcher, kdb));
        }
        out.println("    kill -9 while waiting, then 0/100/250/500/800 ms after the lock is released: rows " + killed);
        check(killed.stream().allMatch(n -> n == 0 || n == 1_000), "kill -9 in that window leaves 0 or 1,000 rows");
    }

    private static Process record(List<String> launcher, Path batch, Path db) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("record", "--batch", batch.toString(), "--db", db.toString()));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void httpBurst(Path dir, List<String> launcher) throws Exception {
        out.printf(Locale.ROOT, "4. %d MCP clients at once over Streamable HTTP on loopback%n", httpClients);
        out.flush();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("serve", "--http", "0", "--db", dir.resolve("http.db").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Integer port = null;
            for (String line; port == null && (line = err.readLine()) != null; ) {
                Matcher m = PORT.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            if (port == null) {
                check(false, "serve --http started");
                return;
            }
            Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            HttpBurst.Result r = HttpBurst.run("http://127.0.0.1:" + port + "/mcp", httpClients, null);
            out.println("    " + HttpBurst.describe(r));
            r.errorSamples().forEach(e -> out.println("    e.g. " + e));
            check(r.errors() == 0, "0 errors in a burst of " + httpClients + " clients (p95 reported)");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
