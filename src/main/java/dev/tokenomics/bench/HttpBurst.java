package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many MCP clients at once against one Streamable HTTP endpoint on loopback: each initializes its
 * own session and records one event, all released together. Counts what failed and times the calls.
 */
final class HttpBurst {
    record Result(int clients, int errors, List<String> errorSamples, double p50Ms, double p95Ms, double maxMs,
            double wallMs) {}

    private HttpBurst() {}

    static Result run(String mcpUrl, int clients, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Double>> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int n = i;
            calls.add(pool.submit(() -> oneClient(http, mcpUrl, token, n, ready, go)));
        }
        ready.await(60, TimeUnit.SECONDS);
        long start = System.nanoTime();
        go.countDown();
        List<Double> latencies = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Future<Double> f : calls) {
            try {
                latencies.add(f.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                errors.add(cause.getMessage());
            }
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        pool.shutdownNow();
        Collections.sort(latencies);
        return new Result(clients, errors.size(), errors.subList(0, Math.min(3, errors.size())),
                percentile(latencies, 50), percentile(latencies, 95), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                wallMs);
    }

    /** One session: initialize and the initialized notification, then (after the gate) the timed call. */
    private static double oneClient(HttpClient http, String url, String token, int n, CountDownLatch ready,
            CountDownLatch go) throws Exception {
        String session;
        try {
            HttpResponse<String> init = post(http, url, token, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"burst\","
                    + "\"version\":\"1\"}}}");
            session = init.headers().firstValue("mcp-session-id").orElse(null);
            expect(init, "initialize");
            HttpResponse<String> note = post(http, url, token, session,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            if (note.statusCode() / 100 != 2) {
                throw new IllegalStateException("notifications/initialized: HTTP " + note.statusCode() + " " + note.body());
            }
        } finally {
            ready.countDown();
        }
        go.await();
        long t0 = System.nanoTime();
        HttpResponse<String> call = post(http, url, token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"record_token_event\",\"arguments\":{\"input_tokens\":100,\"output_tokens\":20,"
                + "\"model\":\"claude-haiku-4-5\",\"record_key\":\"burst-" + n + "\",\"session_id\":\"burst-" + n + "\"}}}");
        double ms = (System.nanoTime() - t0) / 1e6;
        expect(call, "tools/call");
        if (call.body().contains("\"isError\":true")) {
            throw new IllegalStateException("tools/call refused: " + call.body());
        }
        return ms;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String session, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200 || !r.body().contains("\"result\"")) {
            String body = r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + body);
        }
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%d clients, %d errors; tools/call p50 %.0f ms, p95 %.0f ms, max %.0f ms; "
                + "all answered in %.0f ms", r.clients(), r.errors(), r.p50Ms(), r.p95Ms(), r.maxMs(), r.wallMs());
    }
}
