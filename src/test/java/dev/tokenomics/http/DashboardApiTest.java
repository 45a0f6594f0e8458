package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
            Map<?, ?> totals = (Map<?, ?>) all.get("totals");
            assertEquals(summary.get("tokens_total"), totals.get("tokens_total"));
            assertEquals(summary.get("event_count"), totals.get("events"));
            assertEquals(0, new BigDecimal(summary.get("cost_usd").toString()).compareTo(
                    new BigDecimal(totals.get("cost_usd").toString())));
            assertEquals(Map.of("basis", "requested", "note", "as requested"), all.get("window"));
            List<?> repos = (List<?>) ((Map<?, ?>) all.get("breakdown")).get("by_repo");
            assertEquals("big-repo", ((Map<?, ?>) repos.get(0)).get("key"));
            // By source, from the report's hourly cells: every token of the window, as the summary's by_source.
            long sourceTokens = 0;
            for (Object g : (List<?>) ((Map<?, ?>) all.get("breakdown")).get("by_source")) {
                Map<?, ?> group = (Map<?, ?>) g;
                sourceTokens += ((Number) group.get("tokens_total")).longValue();
                Map<?, ?> same = (Map<?, ?>) ((Map<?, ?>) summary.get("by_source")).get(group.get("key"));
                assertEquals(same.get("tokens_total"), group.get("tokens_total"), "source " + group.get("key"));
            }
            assertEquals(3_600_000, sourceTokens);
            List<?> tasks = (List<?>) ((Map<?, ?>) all.get("breakdown")).get("top_tasks");
            assertEquals("T-EXPENSIVE", ((Map<?, ?>) tasks.get(0)).get("key"));
            assertEquals("in_progress", ((Map<?, ?>) tasks.get(0)).get("status"));
            Map<?, ?> prices = (Map<?, ?>) all.get("prices");
            assertEquals(ledger.prices().fingerprint(), prices.get("fingerprint"), "names the table its costs came from");
            assertEquals(prices, summary.get("prices"));
            List<?> days = (List<?>) all.get("by_day");
            assertEquals(22, days.size(), "every day of 2026-11-01..22, empty days included");

            // The by-machine view: the summary's by_machine over the same window, every token of it.
            Map<?, ?> machines = JSON.readValue(get(server.port(), "/api/machines" + window, null, null).body(), Map.class);
            assertEquals(summary.get("by_machine"), machines.get("by_machine"));
            long machineTokens = 0;
            for (Object v : ((Map<?, ?>) machines.get("by_machine")).values()) {
                machineTokens += ((Number) ((Map<?, ?>) v).get("tokens_total")).longValue();
            }
            assertEquals(3_600_000, machineTokens);

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
            assertTrue(html.contains("window.TOKENOMICS_DATA = {"), "data embedded");
            assertTrue(html.contains("T-EXPENSIVE"));
            assertTrue(html.contains(DashboardServlet.asset("vendor/uPlot.iife.min.js")), "the chart library inlined");
            assertTrue(html.contains(DashboardServlet.asset("charts.js")) && html.contains(DashboardServlet.asset(
                    "vendor/uPlot.min.css")), "every script and stylesheet inlined");
            assertTrue(html.indexOf("TOKENOMICS_DATA") < html.indexOf("var uPlot="), "data before the scripts");
            // Left to look for: an asset reference or a URL. The SVG namespace is a name, not a fetch; the empty
            // data: icon stops the browser asking for one; uPlot's banner comment names its home page.
            String refs = html.replace("http://www.w3.org/2000/svg", "").replace("href=\"data:,\"", "")
                    .replace("/*! https://github.com/leeoniya/uPlot", "");
            assertTrue(!refs.contains("src=\"") && !refs.contains("href=\"") && !refs.contains("http://")
                    && !refs.contains("https://"), "no asset or remote reference left");
        }
    }

    @Test
    void aDefaultWindowWithNothingInItShowsTheThirtyDaysToTheLatestEventAndSaysSo() throws Exception {
        try (TokenLedger ledger = DashboardFixture.build(dir)) {
            // The fixture's events are on 2026-11-20 and 21; three months later the last 30 days are empty.
            TokenLedger later = ledger.withClock(
                    Clock.fixed(Instant.parse("2027-02-20T09:00:00Z"), ZoneOffset.UTC));
            try (HttpServer server = HttpServer.start(later, new HttpOptions("127.0.0.1", 0, null, null))) {
                Map<?, ?> all = JSON.readValue(get(server.port(), "/api/dashboard", null, null).body(), Map.class);
                assertEquals("2026-10-23", all.get("since"));
                assertEquals("2026-11-21", all.get("until"));
                Map<?, ?> w = (Map<?, ?>) all.get("window");
                assertEquals("latest data", w.get("basis"));
                assertTrue(w.get("note").toString().contains("latest event (2026-11-21)"), w.toString());
                assertEquals(3_600_000, ((Number) ((Map<?, ?>) all.get("totals")).get("tokens_total")).intValue());

                Map<?, ?> asked = JSON.readValue(get(server.port(), "/api/dashboard?until=2027-02-20", null, null)
                        .body(), Map.class);
                assertEquals("2027-01-22", asked.get("since"), "a window asked for is kept, empty or not");
                assertEquals(0, ((Number) ((Map<?, ?>) asked.get("totals")).get("events")).intValue());
            }
            Map<?, ?> today = JSON.readValue(JSON.writeValueAsString(DashboardData.all(ledger,
                    DashboardData.Window.resolve(null, null, ledger))), Map.class);
            assertEquals("default", ((Map<?, ?>) today.get("window")).get("basis"), "events in the last 30 days");
            assertEquals("2026-11-22", today.get("until"));
        }
    }
}
