package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's JSON endpoints over real HTTP: the tools' own values, under /mcp's access rules. */
class DashboardApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> get(int port, String path, String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointsAnswerWhatTheToolsAnswer() throws Exception {
        try (TokenLedger ledger = DashboardFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            String window = "?since=2026-11-01&until=2026-11-22";
            Map<?, ?> summary = JSON.readValue(get(server.port(), "/api/summary" + window, null, null).body(), Map.class);
            Object tool = TokenomicsServer.call(ledger, "get_token_summary",
                    Map.of("scope", "all", "since", "2026-11-01", "until", "2026-11-22")).structuredContent();
            assertEquals(JSON.readValue(JSON.writeValueAsString(tool), Map.class), summary);
            assertEquals(3_600_000, ((Number) summary.get("tokens_total")).intValue());

            Map<?, ?> report = JSON.readValue(get(server.port(), "/api/report" + window, null, null).body(), Map.class);
            Object reportTool = TokenomicsServer.call(ledger, "tokenomics_report", Map.of("since", "2026-11-01",
                    "until", "2026-11-22", "sections", List.of("trend-day", "coverage"))).structuredContent();
            assertEquals(JSON.readValue(JSON.writeValueAsString(reportTool), Map.class), report);

            Map<?, ?> all = JSON.readValue(get(server.port(), "/api/dashboard" + window, null, null).body(), Map.class);
            List<?> repos = (List<?>) ((Map<?, ?>) all.get("breakdown")).get("by_repo");
            assertEquals("big-repo", ((Map<?, ?>) repos.get(0)).get("key"));
            List<?> tasks = (List<?>) ((Map<?, ?>) all.get("breakdown")).get("top_tasks");
            assertEquals("T-EXPENSIVE", ((Map<?, ?>) tasks.get(0)).get("key"));
            assertEquals("in_progress", ((Map<?, ?>) tasks.get(0)).get("status"));
            Map<?, ?> prices = (Map<?, ?>) all.get("prices");
            assertEquals(ledger.prices().fingerprint(), prices.get("fingerprint"), "names the table its costs came from");
            assertEquals(prices, ((Map<?, ?>) all.get("summary")).get("prices"));

            HttpResponse<String> bad = get(server.port(), "/api/summary?since=2026-11-30&until=2026-11-01", null, null);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("since"), bad.body());
            assertEquals(400, get(server.port(), "/api/report?until=yesterday", null, null).statusCode());
            assertEquals(404, get(server.port(), "/api/nope", null, null).statusCode());
        }
    }

    @Test
    void theTokenGuardsTheDataNotThePageAndForeignOriginsAreRefused() throws Exception {
        try (TokenLedger ledger = DashboardFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, "s3cret", null))) {
            assertEquals(200, get(server.port(), "/", null, null).statusCode(), "the page holds no data");
            assertEquals(200, get(server.port(), "/dashboard.js", null, null).statusCode());
            assertEquals(401, get(server.port(), "/api/dashboard", null, null).statusCode());
            assertEquals(401, get(server.port(), "/api/summary", "wrong", null).statusCode());
            assertEquals(200, get(server.port(), "/api/summary", "s3cret", null).statusCode());
            assertEquals(403, get(server.port(), "/api/summary", "s3cret", "https://evil.example").statusCode());
            assertEquals(403, get(server.port(), "/", null, "https://evil.example").statusCode());
        }
    }

    @Test
    void theStandaloneFileCarriesItsDataAndFetchesNothing() throws Exception {
        try (TokenLedger ledger = DashboardFixture.build(dir)) {
            String html = DashboardPage.standalone(DashboardData.all(ledger,
                    DashboardData.Window.parse("2026-11-01", "2026-11-22", ledger.clock())));
            Path file = dir.resolve("dash.html");
            Files.writeString(file, html);
            assertTrue(html.contains("window.TOKENOMICS_DATA = {"), "data embedded");
            assertTrue(html.contains("T-EXPENSIVE"));
            // the SVG namespace is a name, not a fetch; the empty data: icon stops the browser asking for one
            String refs = html.replace("http://www.w3.org/2000/svg", "").replace("href=\"data:,\"", "");
            assertTrue(!refs.contains("src=\"") && !refs.contains("href=\"") && !refs.contains("http://")
                    && !refs.contains("https://"), "no asset or remote reference left");
        }
    }
}
