package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.tokenomics.bench.ScratchPostgres;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 5: two `serve --http --stateless` processes of the shaded jar on one PostgreSQL
 * ledger, behind a load balancer that sends each request to the other process in turn, answer one
 * MCP client (the SDK's own) as one server: initialize on one, calls on both, one set of books.
 */
class StatelessHubIT {
    private static final Pattern MCP_LINE = Pattern.compile("^  Streamable HTTP: http://127\\.0\\.0\\.1:(\\d+)/mcp.*$");
    private static final String TOKEN = "hub-token-1";
    /** Request headers a balancer passes on (the JDK's client refuses to set Host and the like itself). */
    private static final Set<String> PASSED = Set.of("content-type", "accept", "authorization", "mcp-protocol-version",
            "mcp-session-id", "last-event-id");

    @TempDir
    Path dir;

    @Test
    void twoStatelessProcessesBehindARoundRobinAnswerOneClient() throws Exception {
        if (ScratchPostgres.findBinaries() == null) {
            String why = "the stateless hub test needs PostgreSQL's initdb/pg_ctl (Debian's postgresql package)";
            if (System.getenv("CI") != null || System.getenv("TOKENOMICS_REQUIRE_POSTGRES") != null) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        try (ScratchPostgres pg = ScratchPostgres.start()) {
            String db = pg.newDatabase("hub");
            List<Process> hubs = new ArrayList<>();
            com.sun.net.httpserver.HttpServer balancer = null;
            try {
                int[] ports = new int[2];
                for (int i = 0; i < 2; i++) {
                    Process p = new ProcessBuilder(java(), "-jar", jar(), "serve", "--http", "0", "--stateless",
                            "--auth-token", TOKEN, "--db", db, "--machine", "hub").redirectOutput(
                                    ProcessBuilder.Redirect.DISCARD).start();
                    hubs.add(p);
                    ports[i] = mcpPort(p);
                }
                AtomicInteger turn = new AtomicInteger();
                int[] served = new int[2];
                HttpClient http = HttpClient.newHttpClient();
                balancer = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                balancer.createContext("/", exchange -> {
                    int which = Math.floorMod(turn.getAndIncrement(), 2);
                    synchronized (served) {
                        served[which]++;
                    }
                    forward(http, exchange, ports[which]);
                });
                balancer.start();

                McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                                .builder("http://127.0.0.1:" + balancer.getAddress().getPort()).endpoint("/mcp")
                                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN)).build())
                        .requestTimeout(Duration.ofSeconds(60)).build();
                try {
                    client.initialize();
                    assertEquals(17, client.listTools().tools().size(), "either process lists every tool (as ToolContractTests counts them)");
                    for (int i = 0; i < 12; i++) {
                        CallToolResult r = client.callTool(new CallToolRequest("record_token_event", Map.of(
                                "record_key", "k" + i, "task_id", "T1", "model", "claude-sonnet-4-5",
                                "input_tokens", 1_000, "output_tokens", 100)));
                        assertFalse(Boolean.TRUE.equals(r.isError()), String.valueOf(r.content()));
                    }
                    // A retry of a key on the other process adds nothing: one ledger, one key.
                    client.callTool(new CallToolRequest("record_token_event", Map.of("record_key", "k0",
                            "task_id", "T1", "model", "claude-sonnet-4-5", "input_tokens", 1_000, "output_tokens", 100)));
                    for (int i = 0; i < 2; i++) { // asked of each process in turn: the same books
                        CallToolResult summary = client.callTool(new CallToolRequest("get_token_summary",
                                Map.of("scope", "task", "id", "T1")));
                        @SuppressWarnings("unchecked")
                        Map<String, Object> totals = (Map<String, Object>) summary.structuredContent();
                        assertEquals(12, ((Number) totals.get("event_count")).intValue(), String.valueOf(totals));
                        assertEquals(12_000, ((Number) totals.get("tokens_in")).intValue(), String.valueOf(totals));
                    }
                } finally {
                    client.closeGracefully();
                }
                synchronized (served) {
                    assertTrue(served[0] >= 8 && served[1] >= 8, "both processes answered: " + served[0] + " and "
                            + served[1] + " requests");
                }
            } finally {
                if (balancer != null) {
                    balancer.stop(0);
                }
                for (Process p : hubs) {
                    p.destroy();
                    p.waitFor(15, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void forward(HttpClient http, HttpExchange exchange, int port) throws IOException {
        try (exchange) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + exchange.getRequestURI()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (PASSED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            byte[] body = exchange.getRequestBody().readAllBytes();
            b.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("content-type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            r.headers().firstValue("mcp-session-id").ifPresent(v -> exchange.getResponseHeaders().add("Mcp-Session-Id", v));
            exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int mcpPort(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = MCP_LINE.matcher(line);
            if (m.matches()) {
                assertTrue(line.contains("stateless"), line);
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        assertNotNull(null, "no Streamable HTTP line in the banner:\n" + seen);
        return -1;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("tokenomics.jar", "target/tokenomics.jar");
    }
}
