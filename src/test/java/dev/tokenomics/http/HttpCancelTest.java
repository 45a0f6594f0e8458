package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.TokenLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over Streamable HTTP too, notifications/cancelled stops a running import_transcripts at its next
 * commit: the call answers saying so, what was committed stays, and the next import finishes exactly.
 * Raw HTTP, as a client sends it: the SDK's Java client has no way to cancel a call.
 */
class HttpCancelTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FILES = 1_500;
    private static final int LINES = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aCancelledImportStopsAndKeepsWhatItCommitted() throws Exception {
        dev.tokenomics.mcp.CancelTree.write(dir.resolve("claude"), FILES, LINES);
        Files.createDirectories(dir.resolve("ledger"));
        try (TokenLedger ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir.resolve("ledger"),
                dev.tokenomics.pricing.PriceTable.bundled(), java.time.Clock.systemUTC(),
                dev.tokenomics.ledger.EventDefaults.NONE);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            URI mcp = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> init = http.send(post(mcp, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                    + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("mcp-session-id").orElse(null);
            assertNotNull(session, init.toString());
            http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());
            String claude = dir.resolve("claude").toString().replace("\\", "\\\\");
            HttpResponse<Stream<String>> call = http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":\"imp\","
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"import_transcripts\",\"arguments\":{\"dirs\":[\""
                    + claude + "\"]},\"_meta\":{\"progressToken\":\"t\"}}}"), HttpResponse.BodyHandlers.ofLines());
            JsonNode answer = null;
            boolean cancelSent = false;
            for (Iterator<String> lines = call.body().iterator(); lines.hasNext(); ) {
                String line = lines.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode m = JSON.readTree(line.substring(5).strip());
                if (!cancelSent && "notifications/progress".equals(m.path("method").asString(""))) {
                    HttpResponse<String> c = http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":"
                            + "\"notifications/cancelled\",\"params\":{\"requestId\":\"imp\",\"reason\":\"Esc\"}}"),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, c.statusCode(), c.body());
                    cancelSent = true;
                }
                if ("imp".equals(m.path("id").asString(""))) {
                    answer = m;
                    break;
                }
            }
            assertTrue(cancelSent, "a progress notification came before the answer");
            assertNotNull(answer);
            assertTrue(answer.path("result").path("isError").asBoolean(false), answer.toString());
            assertTrue(answer.toString().contains("import cancelled by the client"), answer.toString());
            long kept = ledger.events().summarize(Scope.ALL, null, null, null).totals().events();
            assertTrue(kept < (long) FILES * LINES, "stopped before the end: " + kept);

            HttpResponse<String> again = http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":\"imp-2\","
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"import_transcripts\",\"arguments\":{\"dirs\":[\""
                    + claude + "\"]}}}"), HttpResponse.BodyHandlers.ofString());
            assertTrue(!again.body().contains("\"isError\":true"), again.body());
            assertEquals((long) FILES * LINES, ledger.events().summarize(Scope.ALL, null, null, null).totals().events(),
                    "the next import finishes exactly");
        }
    }

    private static HttpRequest post(URI mcp, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }
}
