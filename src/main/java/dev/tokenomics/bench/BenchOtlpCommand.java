package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench otlp}: OTLP/HTTP intake through a real server, started through the launcher
 * as a user starts it ({@code serve --http 0}), pinned to one core with taskset when the machine has it.
 * One client posts exports one after another, as an OpenTelemetry SDK's exporter does; the baseline,
 * in the same run and on the same server, is the same number of points of a metric the ledger does not
 * store (claude_code.session.count): decoding and HTTP without the ledger's writes.
 */
@Command(name = "otlp", mixinStandardHelpOptions = true,
        description = "OTLP/HTTP intake data points/s into a fresh ledger through `serve --http` on one core: "
                + "claude_code.token.usage points (protobuf and JSON) and claude_code.api_request log records, "
                + "beside the same server taking points it does not store.")
final class BenchOtlpCommand implements Callable<Integer> {
    private static final Pattern PORT = Pattern.compile("Streamable HTTP: http://[^:]+:(\\d+)/mcp");
    private static final String TOKEN = "bench-otlp-token";
    private static final long T0 = 1_795_000_000_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--points", defaultValue = "100000", description = "Data points per phase (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--per-export", defaultValue = "500",
            description = "Points per export request (default ${DEFAULT-VALUE}; the SDKs batch up to 512 log records).")
    int perExport;

    @Option(names = "--dir", paramLabel = "DIR", description = "Scratch folder, kept (default: a new temp folder, removed afterwards).")
    Path dir;

    @Option(names = "--keep", description = "Keep the temp scratch folder and say where it is.")
    boolean keep;

    private PrintWriter out;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        try (Scratch work = Scratch.open(dir, "tokenomics-bench-otlp", keep, out)) {
            return run(work.dir());
        }
    }

    private int run(Path scratch) throws Exception {
        List<String> cmd = new ArrayList<>();
        boolean pinned = Files.isExecutable(Path.of("/usr/bin/taskset"));
        if (pinned) {
            cmd.addAll(List.of("/usr/bin/taskset", "-c", "0"));
        }
        List<String> launcher = Launcher.command();
        cmd.addAll(launcher);
        Path db = scratch.resolve("otlp.db");
        cmd.addAll(List.of("serve", "--http", "0", "--auth-token", TOKEN, "--db", db.toString()));
        out.printf(Locale.ROOT, "tokenomics bench otlp: %s%n  server %s; %,d points per phase, %d per export, "
                + "one client posting in sequence%n", String.join(" ", cmd), pinned ? "pinned to core 0 (taskset)"
                : "NOT pinned (no taskset)", points, perExport);
        out.flush();
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
                out.println("serve --http did not start");
                return Exit.FAILED;
            }
            Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            String base = "http://127.0.0.1:" + port;
            int exports = (points + perExport - 1) / perExport;
            // Warm the server's paths (JIT) on points that are not counted in any phase.
            post(base + "/v1/metrics", false, metrics("claude_code.session.count", -1));
            post(base + "/v1/metrics", false, metrics("claude_code.token.usage", -1));
            post(base + "/v1/logs", false, logs(-1));
            double baseline = rate(exports, i -> metrics("claude_code.session.count", i), base + "/v1/metrics", false);
            double proto = rate(exports, i -> metrics("claude_code.token.usage", i), base + "/v1/metrics", false);
            double json = rate(exports, i -> metrics("claude_code.token.usage", exports + i), base + "/v1/metrics",
                    true);
            double logs = rate(exports, this::logs, base + "/v1/logs", false);
            out.printf(Locale.ROOT, "baseline, points not stored (session.count, protobuf): %,9.0f points/s%n", baseline);
            out.printf(Locale.ROOT, "token.usage points, protobuf:                        %,9.0f points/s  (%.2fx "
                    + "baseline)   target >= 2,000%n", proto, proto / baseline);
            out.printf(Locale.ROOT, "token.usage points, JSON:                            %,9.0f points/s  (%.2fx "
                    + "baseline)   target >= 2,000%n", json, json / baseline);
            out.printf(Locale.ROOT, "api_request log records, protobuf:                   %,9.0f records/s (%.2fx "
                    + "baseline)   target >= 2,000%n", logs, logs / baseline);
            long expected = 3L * exports * perExport + 2L * perExport; // the warm-up stored its points too
            long events = Launcher.eventCount(launcher, db);
            out.printf(Locale.ROOT, "ledger events after the run: %,d (expected %,d)%n", events, expected);
            out.flush();
            return events == expected ? Exit.OK : Exit.FAILED;
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private double rate(int exports, IntFunction<Message> export, String url, boolean json) throws Exception {
        List<Message> bodies = new ArrayList<>(exports);
        for (int i = 0; i < exports; i++) {
            bodies.add(export.apply(i)); // built before the clock starts: the client's cost is not the server's
        }
        List<byte[]> encoded = new ArrayList<>(exports);
        for (Message m : bodies) {
            encoded.add(json ? JsonFormat.printer().print(m).getBytes(StandardCharsets.UTF_8) : m.toByteArray());
        }
        long t0 = System.nanoTime();
        for (byte[] body : encoded) {
            send(url, json, body);
        }
        return (double) exports * perExport / ((System.nanoTime() - t0) / 1e9);
    }

    private void post(String url, boolean json, Message m) throws Exception {
        send(url, json, json ? JsonFormat.printer().print(m).getBytes(StandardCharsets.UTF_8) : m.toByteArray());
    }

    private void send(String url, boolean json, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", json ? "application/json" : "application/x-protobuf")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": "
                    + new String(res.body(), StandardCharsets.UTF_8));
        }
    }

    private static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    private static Resource resource() {
        return Resource.newBuilder().addAttributes(kv("service.name", "claude-code"))
                .addAttributes(kv("host.name", "bench-host")).build();
    }

    /** Export {@code n}: perExport points of one interval, 4 types x sessions, a delta sum as Claude Code sends. */
    private Message metrics(String name, int n) {
        String[] types = {"input", "output", "cacheRead", "cacheCreation"};
        long start = T0 + (n + 1) * 60_000_000_000L;
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        for (int i = 0; i < perExport; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start)
                    .setTimeUnixNano(start + 60_000_000_000L).setAsDouble(100 + i)
                    .addAttributes(kv("session.id", "bench-session-" + n + "-" + i / 4))
                    .addAttributes(kv("type", types[i % 4]))
                    .addAttributes(kv("model", i % 3 == 0 ? "claude-opus-4-5-20251101" : "claude-sonnet-4-5-20250929")));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource()).addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName(name).setUnit("tokens").setSum(sum)))).build();
    }

    /** Export {@code n}: perExport api_request events of sessions no metric phase used. */
    private Message logs(int n) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < perExport; i++) {
            long seq = (long) n * perExport + i;
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0 + seq * 1_000_000L)
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                    .addAttributes(kv("event.name", "api_request")).addAttributes(kv("event.sequence", "" + seq))
                    .addAttributes(kv("session.id", "bench-log-session-" + n))
                    .addAttributes(kv("model", "claude-sonnet-4-5-20250929"))
                    .addAttributes(kv("input_tokens", "" + (10 + i))).addAttributes(kv("output_tokens", "250"))
                    .addAttributes(kv("cache_read_tokens", "30000")).addAttributes(kv("cache_creation_tokens", "1200"))
                    .addAttributes(kv("cost_usd", "0.0213")).addAttributes(kv("duration_ms", "2100")));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(resource())
                .addScopeLogs(scope)).build();
    }
}
