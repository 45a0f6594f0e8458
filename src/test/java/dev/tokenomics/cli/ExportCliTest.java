package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export} and {@code /metrics}: the Prometheus text is read back by the Prometheus project's
 * own Python parser (Debian's python3-prometheus-client, which .ci/run installs), not by a regex.
 */
class ExportCliTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    private void record(String agent, String model, long input) {
        CliRun r = run("record", "--agent", agent, "--model", model, "--tokens-in", Long.toString(input));
        assertEquals(0, r.code(), r.err());
    }

    /** Every sample, as "name{labels} value" lines, parsed by prometheus_client. */
    private List<String> parsed(Path file) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client.parser").start();
        Assumptions.assumeTrue(check.waitFor() == 0, "python3-prometheus-client is not installed");
        String script = "import sys, json\n"
                + "from prometheus_client.parser import text_string_to_metric_families\n"
                + "out = []\n"
                + "for f in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
                + "    for s in f.samples:\n"
                + "        out.append({'family': f.name, 'type': f.type, 'name': s.name, 'labels': s.labels, 'value': s.value})\n"
                + "print(json.dumps(out))\n";
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the Prometheus parser refused the file: " + out);
        List<String> lines = new ArrayList<>();
        for (JsonNode s : JsonMapper.builder().build().readTree(out)) {
            lines.add(s.get("type").asString() + " " + s.get("name").asString() + s.get("labels") + " " + s.get("value").asDouble());
        }
        return lines;
    }

    @Test
    void thePrometheusFileParsesWithBoundedLabelsAndNoCostForUnpricedWork() throws Exception {
        for (int i = 0; i < 25; i++) {
            record("agent-" + i, "claude-haiku-4-5", 1_000_000L * (i + 1)); // haiku input: $1 per million
        }
        record("local", "no-such-model", 5000);
        record("local", "no-such-model", 7000);
        Path prom = dir.resolve("textfile/tokenomics.prom");
        Files.createDirectories(prom.getParent());
        CliRun r = run("export", "--prometheus", prom.toString());
        assertEquals(0, r.code(), r.err());
        List<String> samples = parsed(prom);
        String all = String.join("\n", samples);
        assertTrue(samples.contains("counter tokenomics_cost_usd_total{\"model\":\"claude-haiku-4-5\"} 325.0"), all);
        assertFalse(all.contains("tokenomics_cost_usd_total{\"model\":\"no-such-model\"}"), "unpriced has no cost: " + all);
        assertTrue(samples.contains("counter tokenomics_unpriced_events_total{\"model\":\"no-such-model\"} 2.0"), all);
        assertTrue(samples.contains("counter tokenomics_tokens_total{\"model\":\"no-such-model\",\"type\":\"input\"} 12000.0"), all);
        long agentSeries = samples.stream().filter(s -> s.contains("tokenomics_agent_cost_usd_total")).count();
        assertEquals(21, agentSeries, "20 agents by name and 'other' for the rest: " + all);
        // agents 1..5 ($1..$5) fall outside the 20 costliest: "other" holds their $15 ("local" is unpriced).
        assertTrue(samples.contains("counter tokenomics_agent_cost_usd_total{\"agent\":\"other\"} 15.0"), all);
        assertFalse(Files.exists(prom.resolveSibling(".tokenomics.prom.tmp")), "no temp file left");
        try (var left = Files.list(prom.getParent())) {
            assertEquals(List.of(prom), left.toList(), "only the metrics file, no temp file beside it");
        }
    }

    @Test
    void workstreamsGetTheirOwnBoundedFamilyThatSurvivesPrune() throws Exception {
        for (int i = 0; i < 22; i++) { // haiku input at $1 per million: workstream ws-i costs $(i+1)
            CliRun r = run("record", "--agent", "a", "--model", "claude-haiku-4-5", "--workstream", "ws-" + i,
                    "--tokens-in", Long.toString(1_000_000L * (i + 1)), "--ts", "2026-11-0" + (1 + i % 5) + "T10:00:00Z");
            assertEquals(0, r.code(), r.err());
        }
        record("a", "claude-haiku-4-5", 1000); // no workstream: not in the family
        Path prom = dir.resolve("ws.prom");
        assertEquals(0, run("export", "--prometheus", prom.toString()).code());
        List<String> samples = parsed(prom);
        String all = String.join("\n", samples);
        assertTrue(samples.contains("counter tokenomics_workstream_cost_usd_total{\"workstream\":\"ws-21\"} 22.0"), all);
        assertTrue(samples.contains("counter tokenomics_workstream_tokens_total{\"workstream\":\"ws-21\"} 2.2E7"), all);
        // 20 by name, ws-0 and ws-1 ($1 + $2) under "other"
        assertEquals(21, samples.stream().filter(x -> x.contains("tokenomics_workstream_cost_usd_total")).count(), all);
        assertTrue(samples.contains("counter tokenomics_workstream_cost_usd_total{\"workstream\":\"other\"} 3.0"), all);
        // counters never go down: prune drops the raw events, the workstream family keeps them
        assertEquals(0, run("prune", "--before", "2026-11-04").code());
        assertEquals(0, run("export", "--prometheus", prom.toString()).code());
        assertTrue(parsed(prom).contains("counter tokenomics_workstream_cost_usd_total{\"workstream\":\"ws-21\"} 22.0"),
                String.join("\n", parsed(prom)));
    }

    @Test
    void metricsIsServedBehindTheBearerToken() throws Exception {
        record("a", "claude-haiku-4-5", 1000);
        try (TokenLedger ledger = TokenLedger.open(dir.resolve("ledger.db"), PriceTable.bundled(), EventDefaults.NONE);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, "s3cret", null, null))) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            Path scraped = dir.resolve("scraped.prom");
            Files.writeString(scraped, ok.body());
            assertTrue(parsed(scraped).contains(
                    "counter tokenomics_tokens_total{\"model\":\"claude-haiku-4-5\",\"type\":\"input\"} 1000.0"), ok.body());
        }
    }

    @Test
    void theWebhookGetsTheSummaryAfterRetriesAndADeadOneFailsWithAReason() throws Exception {
        record("a", "claude-haiku-4-5", 1000);
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new ArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        hook.start();
        try {
            String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
            CliRun r = run("export", "--webhook", url, "--retries", "2");
            assertEquals(0, r.code(), r.err());
            assertEquals(2, calls.get(), "one 503, then accepted");
            JsonNode body = JsonMapper.builder().build().readTree(bodies.get(1));
            assertEquals(1, body.get("event_count").asLong());
            assertTrue(r.err().contains("HTTP 503"), r.err());
        } finally {
            hook.stop(0);
        }
        CliRun dead = run("export", "--webhook", "http://127.0.0.1:9/nothing", "--retries", "1", "--timeout", "2");
        assertEquals(1, dead.code());
        assertTrue(dead.err().contains("failed after 2 attempts"), dead.err());
        CliRun bad = run("export", "--webhook", "ftp://x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'ftp://x'"), bad.err());
        assertEquals(2, run("export").code());
    }
}
