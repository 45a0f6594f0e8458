package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.TokenLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 clients at once on loopback, each opening a Streamable HTTP session and recording two events
 * with raw JSON-RPC POSTs: every request must succeed and every event must be in the ledger.
 * The p95 latency of the tools/call requests goes to the test log (a number to watch, not a gate).
 */
class HttpBurstTest {
    static final int CLIENTS = Integer.getInteger("tokenomics.burst.clients", 200);
    static final int CALLS = 2;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoHundredConcurrentClientsGetNoErrors() throws Exception {
        try (TokenLedger ledger = LedgerTestSupport.open(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            URI mcp = URI.create("http://127.0.0.1:" + server.port() + HttpServer.MCP_PATH);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newFixedThreadPool(4)).build();
            List<Long> callNanos = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            long started;
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        go.await();
                        runClient(http, mcp, client, callNanos, errors);
                        return null;
                    }));
                }
                started = System.nanoTime();
                go.countDown();
                for (Future<?> f : done) {
                    f.get(170, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            List<Long> sorted = new ArrayList<>(callNanos);
            Collections.sort(sorted);
            long p50 = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2) / 1_000_000;
            long p95 = sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1_000_000;
            System.out.printf("HTTP burst: %d clients x %d tools/call in %d ms, tools/call p50 %d ms, p95 %d ms, "
                    + "errors %s%n", CLIENTS, CALLS, wallMs, p50, p95, errors);
            assertEquals(Map.of(), Map.copyOf(errors), "errors by kind");
            assertEquals(CLIENTS * CALLS, sorted.size());
            assertEquals(CLIENTS * CALLS, ledger.events().summarize(Scope.ALL, null, null, null).totals().events(),
                    "every call recorded");
        }
    }

    private static void runClient(HttpClient http, URI mcp, int client, List<Long> callNanos,
            Map<String, AtomicInteger> errors) {
        try {
            HttpResponse<String> init = post(http, mcp, null, HttpAccessTest.INIT);
            String session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
            if (init.statusCode() != 200 || session == null) {
                count(errors, "initialize " + init.statusCode());
                return;
            }
            HttpResponse<String> ack = post(http, mcp, session,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            if (ack.statusCode() != 202) {
                count(errors, "initialized " + ack.statusCode());
            }
            for (int i = 0; i < CALLS; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = post(http, mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i)
                        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"record_token_event\",\"arguments\":"
                        + "{\"task_id\":\"T" + client + "\",\"input_tokens\":100,\"output_tokens\":10}}}");
                callNanos.add(System.nanoTime() - t0);
                if (r.statusCode() != 200) {
                    count(errors, "tools/call " + r.statusCode());
                } else if (!r.body().contains("\"result\"") || r.body().contains("\"isError\":true")) {
                    count(errors, "tools/call answer " + r.body().substring(0, Math.min(200, r.body().length())));
                }
            }
            HttpResponse<String> end = http.send(HttpRequest.newBuilder(mcp).header("Mcp-Session-Id", session)
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (end.statusCode() != 200) {
                count(errors, "delete " + end.statusCode());
            }
        } catch (Exception e) {
            count(errors, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI mcp, String session, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void count(Map<String, AtomicInteger> errors, String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
}
