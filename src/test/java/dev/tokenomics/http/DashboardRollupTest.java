package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard reads the rollups; get_token_summary adds up the events themselves. Over events with
 * every awkward case (no repo, no model, an unpriced model, incomplete usage, three days, a delete),
 * each of the dashboard's figures must equal the tool's answer for the same slice.
 */
class DashboardRollupTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] REPOS = {"alpha", "beta", null};
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "acme-coder-9", null};
    private static final String[] AGENTS = {"claude-code", "codex"};

    @TempDir
    Path dir;

    private static List<EventInput> events() {
        List<EventInput> out = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            Instant ts = Instant.parse("2026-11-19T00:30:00Z").plusSeconds(i * 5_400L);
            out.add(new EventInput("k" + i, ts, null, null, null, "s" + (i % 5), i % 3 == 0 ? null : "T" + (i % 7),
                    i % 4 == 0 ? null : "ws" + (i % 2), REPOS[i % 3], AGENTS[i % 2], MODELS[i % 4], null, null, null,
                    null, null, null, new Usage(1_000 + i * 37L, 200 + i, i * 11L, i % 2 == 0 ? 0 : 500, i * 101L),
                    null, i % 9 != 4, null, null, null, null));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tool(TokenLedger ledger, Map<String, Object> args) {
        Object sc = TokenomicsServer.call(ledger, "get_token_summary", args).structuredContent();
        return JSON.readValue(JSON.writeValueAsString(sc), Map.class);
    }

    private static Map<String, Object> summary(TokenLedger ledger, String scope, String id, String since, String until) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("scope", scope);
        if (id != null) {
            a.put("id", id);
        }
        a.put("since", since);
        a.put("until", until);
        return tool(ledger, a);
    }

    /** A dashboard row against a summary: same events, tokens and cost (null when nothing was priced). */
    private static void same(String what, Map<?, ?> summary, Map<?, ?> row) {
        assertEquals(((Number) summary.get("event_count")).longValue(), ((Number) row.get("events")).longValue(), what);
        assertEquals(((Number) summary.get("tokens_total")).longValue(), ((Number) row.get("tokens_total")).longValue(),
                what);
        assertEquals(((Number) summary.get("cache_read_tokens")).longValue(),
                ((Number) row.get("cache_read_tokens")).longValue(), what);
        Object a = summary.get("cost_usd");
        Object b = row.get("cost_usd");
        if (a == null) {
            assertNull(b, what + ": no price is no cost");
        } else {
            assertEquals(0, new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())), what + " cost");
        }
    }

    private static BigDecimal cost(Map<?, ?> row) {
        return row.get("cost_usd") == null ? BigDecimal.ZERO : new BigDecimal(row.get("cost_usd").toString());
    }

    private static Map<String, Object> dashboard(TokenLedger ledger) {
        return JSON.readValue(JSON.writeValueAsString(DashboardData.all(ledger,
                DashboardData.Window.parse("2026-11-18", "2026-11-22", ledger.clock()))), Map.class);
    }

    @Test
    void everyFigureEqualsTheToolsSumOverTheEvents() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ledger.events().recordAll(events());
            check(ledger);
            // A delete through the one writer must leave the rollups, and so the page, in step.
            assertTrue(dev.tokenomics.ledger.TestLedgers.deleteEvent(ledger, "k7"));
            assertTrue(dev.tokenomics.ledger.TestLedgers.deleteEvent(ledger, "k22"));
            check(ledger);
        }
    }

    private void check(TokenLedger ledger) {
        Map<String, Object> all = dashboard(ledger);
        Map<String, Object> s = summary(ledger, "all", null, "2026-11-18", "2026-11-22");
        same("totals", s, (Map<?, ?>) all.get("totals"));
        Map<?, ?> b = (Map<?, ?>) all.get("breakdown");
        Map<?, ?> byModel = (Map<?, ?>) s.get("by_model");
        List<?> models = (List<?>) b.get("by_model");
        assertEquals(byModel.size(), models.size(), "one row per model, (none) included: " + models);
        for (Object o : models) {
            Map<?, ?> row = (Map<?, ?>) o;
            same("model " + row.get("key"), (Map<?, ?>) byModel.get(row.get("key")), row);
        }
        Map<?, ?> byAgent = (Map<?, ?>) s.get("by_agent");
        for (Object o : (List<?>) b.get("by_agent")) {
            Map<?, ?> row = (Map<?, ?>) o;
            assertTrue(byAgent.containsKey(row.get("key")), row.get("key") + " not in " + byAgent.keySet());
            same("agent " + row.get("key"), (Map<?, ?>) byAgent.get(row.get("key")), row);
        }
        long noRepo = ((Number) s.get("event_count")).longValue();
        for (Object o : (List<?>) b.get("by_repo")) {
            Map<?, ?> row = (Map<?, ?>) o;
            if ("(none)".equals(row.get("key"))) {
                assertEquals(noRepo, ((Number) row.get("events")).longValue(), "(none) is what no repo holds");
                continue;
            }
            same("repo " + row.get("key"), summary(ledger, "repo", (String) row.get("key"), "2026-11-18", "2026-11-22"),
                    row);
            noRepo -= ((Number) row.get("events")).longValue();
        }
        for (Object o : (List<?>) all.get("by_day")) {
            Map<?, ?> day = (Map<?, ?>) o;
            String date = (String) day.get("date");
            same("day " + date, summary(ledger, "all", null, date, date), day);
        }
        // Each workstream's dominant model: the costliest (then the largest) of the tool's by_model for it.
        Map<String, String> dominant = ledger.reports().dominantModels(Instant.parse("2026-11-18T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"));
        for (Object o : (List<?>) b.get("by_workstream")) {
            String ws = (String) ((Map<?, ?>) o).get("key");
            if ("(none)".equals(ws)) {
                continue;
            }
            Map<?, ?> wsModels = (Map<?, ?>) summary(ledger, "workstream", ws, "2026-11-18", "2026-11-22")
                    .get("by_model");
            String costliest = wsModels.entrySet().stream().max(java.util.Comparator
                    .comparing((Map.Entry<?, ?> e) -> cost((Map<?, ?>) e.getValue()))
                    .thenComparing(e -> ((Number) ((Map<?, ?>) e.getValue()).get("tokens_total")).longValue()))
                    .map(e -> (String) e.getKey()).orElseThrow();
            assertEquals(costliest, dominant.get(ws), "dominant model of " + ws + " among " + wsModels.keySet());
        }
        Map<?, ?> coverage = (Map<?, ?>) all.get("coverage");
        assertEquals(List.of("acme-coder-9"), coverage.get("unpriced_models"));
        assertEquals(((Number) s.get("lower_bound_event_count")).longValue(),
                ((Number) coverage.get("lower_bound_records")).longValue());
    }
}
