package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.Clients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Origin and bearer-token rules, on a real Jetty server. */
class HttpAccessTest {
    static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;

    HttpServer start(String token, List<String> origins) throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, token, origins));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INIT));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void foreignOriginIsRefusedWith403OnEveryPath() throws Exception {
        start(null, null);
        for (String path : List.of("/mcp", "/message", "/sse")) {
            HttpResponse<String> r = post(path, Map.of("Origin", "http://evil.example"));
            assertEquals(403, r.statusCode(), path);
            assertTrue(r.body().contains("origin http://evil.example is not allowed"), r.body());
        }
    }

    @Test
    void localhostOriginAndNoOriginAreAccepted() throws Exception {
        start(null, null);
        assertEquals(200, post("/mcp", Map.of("Origin", "http://localhost:5173")).statusCode());
        assertEquals(200, post("/mcp", Map.of()).statusCode());
        assertEquals(403, post("/mcp", Map.of("Origin", "http://localhost.evil.example")).statusCode());
    }

    @Test
    void namedOriginIsAccepted() throws Exception {
        start(null, List.of("https://dash.example"));
        assertEquals(200, post("/mcp", Map.of("Origin", "https://dash.example")).statusCode());
    }

    @Test
    void authTokenIsRequiredWhenSet() throws Exception {
        start("s3cret", null);
        HttpResponse<String> none = post("/mcp", Map.of());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, post("/mcp", Map.of("Authorization", "Bearer wrong")).statusCode());
        assertEquals(401, post("/sse", Map.of()).statusCode());
        assertEquals(200, post("/mcp", Map.of("Authorization", "Bearer s3cret")).statusCode());
    }

    @Test
    void sdkClientsWorkWithTheTokenAndFailWithoutIt() throws Exception {
        start("s3cret", null);
        McpSyncClient streamable = Clients.streamable(server.port(), "s3cret");
        McpSyncClient sse = Clients.sse(server.port(), "s3cret");
        try {
            streamable.callTool(new CallToolRequest("record_token_event", Map.of("input_tokens", 5)));
            var s = (Map<?, ?>) sse.callTool(new CallToolRequest("get_token_summary", Map.of("scope", "all")))
                    .structuredContent();
            assertEquals(1, ((Number) s.get("event_count")).intValue(), "both transports share one ledger");
        } finally {
            streamable.closeGracefully();
            sse.closeGracefully();
        }
        assertThrows(RuntimeException.class, () -> Clients.streamable(server.port(), null));
    }
}
