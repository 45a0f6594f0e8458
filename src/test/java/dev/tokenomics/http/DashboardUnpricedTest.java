package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * /api/dashboard over real HTTP with an unpriced task (acme-coder-9 has no price), a partly priced
 * workstream and a lower-bound event: no $0 for what has no price, and caveats that say what the
 * cards count.
 */
class DashboardUnpricedTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static EventInput event(String key, String task, String model, long in, boolean complete) {
        return new EventInput(key, Instant.parse("2026-11-20T12:00:00Z"), null, null, null, null, task, "ws-a",
                "repo-a", null, model, null, null, null, null, null, null, new Usage(in, 0, 0, 0, 0), null, complete,
                null, null, null);
    }

    private static Map<?, ?> row(List<?> rows, String key) {
        return rows.stream().map(r -> (Map<?, ?>) r).filter(r -> key.equals(r.get("key"))).findFirst().orElseThrow();
    }

    @Test
    void anUnpricedTaskHasNoCostAndThePageSaysWhatItCounts() throws Exception {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ledger.tasks().updateTaskStatus(new TaskUpdate("T-ACME", "in_progress", null, "acme work", "ws-a", "repo-a", null,
                    null));
            ledger.events().recordAll(List.of(event("u1", "T-ACME", "acme-coder-9", 4_000, true),
                    event("p1", "T-HAIKU", "claude-haiku-4-5", 1_000_000, true),
                    event("p2", "T-HAIKU", "claude-haiku-4-5", 500_000, false)));
            try (HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
                HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/dashboard?since=2026-11-20&until=2026-11-20"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, res.statusCode(), res.body());
                Map<?, ?> all = JSON.readValue(res.body(), Map.class);
                Map<?, ?> b = (Map<?, ?>) all.get("breakdown");

                Map<?, ?> acme = row((List<?>) b.get("top_tasks"), "T-ACME");
                assertTrue(acme.containsKey("cost_usd"));
                assertNull(acme.get("cost_usd"), "an unpriced task read as $0.00 on the page");
                // The task table counts complete records only: p2 (incomplete usage) is left out of T-HAIKU.
                Map<?, ?> haiku = row((List<?>) b.get("top_tasks"), "T-HAIKU");
                assertEquals(0, new BigDecimal("1.0").compareTo(new BigDecimal(haiku.get("cost_usd").toString())));
                assertEquals(Boolean.TRUE, haiku.get("cost_complete"));
                Map<?, ?> ws = row((List<?>) b.get("by_workstream"), "ws-a");
                assertEquals(Boolean.FALSE, ws.get("cost_complete"), "ws-a holds unpriced work: a lower bound");
                Map<?, ?> acmeModel = row((List<?>) b.get("by_model"), "acme-coder-9");
                assertNull(acmeModel.get("cost_usd"));
                assertEquals(4_000L, ((Number) acmeModel.get("unpriced_tokens")).longValue());
                Map<?, ?> haikuModel = row((List<?>) b.get("by_model"), "claude-haiku-4-5");
                assertEquals(Boolean.FALSE, haikuModel.get("cost_complete"), "p2 makes haiku's cost a floor");

                // The workstream card counts the lower-bound event ($1.50 = 1.5M haiku input), so the
                // caveat must say which figures are floors and which leave it out.
                assertEquals(0, new BigDecimal("1.5").compareTo(new BigDecimal(ws.get("cost_usd").toString())));
                List<?> caveats = (List<?>) all.get("caveats");
                String text = String.join("\n", caveats.stream().map(String::valueOf).toList());
                assertTrue(text.contains("1 of 3 events reported incomplete usage"), text);
                assertTrue(text.contains("counted in the spend, day, repo, workstream, agent and model figures"), text);
                assertTrue(text.contains("the task table counts complete records only"), text);
                assertFalse(text.contains("left out of the cost tables"), text);
                assertTrue(text.contains("acme-coder-9") && text.contains("4,000 tokens"), text);
            }
        }
    }

    @Test
    void thePageShowsDashesForANullCostAndMarksLowerBounds() throws Exception {
        try (TokenLedger ledger = LedgerTestSupport.open(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            String js = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/dashboard.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // Every cost cell goes through cost(row): null is "--", cost_complete false gets the marker.
            assertTrue(js.contains("if (row.cost_usd === null || row.cost_usd === undefined) return \"--\";"), js);
            assertTrue(js.contains("row.cost_complete === false ? \"\\u2265 \" : \"\""), js);
            assertFalse(js.contains("usd(t.cost_usd)") || js.contains("usd(w.cost_usd)") || js.contains("usd(s.cost_usd)"),
                    "a cost cell bypasses the null rule");
            assertTrue(js.contains("data.caveats"), "the page shows the caveats written for its cards");
        }
    }
}
