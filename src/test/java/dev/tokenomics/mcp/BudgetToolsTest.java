package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget tools and the mid-session feedback, through a real MCP client over Streamable HTTP. */
class BudgetToolsTest {
    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;
    McpSyncClient client;
    final List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ledger = LedgerTestSupport.open(dir); // clock fixed at 2026-11-22T10:00:00Z
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null));
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp").build();
        client = Clients.connect(transport, logs::add);
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
        server.close();
        ledger.close();
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> tool + " failed: " + ToolContractTests.text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    String error(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> tool + " should have failed: " + ToolContractTests.text(r));
        return ToolContractTests.text(r);
    }

    /** haiku-4-5 input is $1 per million tokens: {@code dollars} of spend on task T1. */
    Map<String, Object> record(long dollars) {
        return ok("record_token_event", Map.of("input_tokens", dollars * 1_000_000, "model", "claude-haiku-4-5",
                "task_id", "T1", "session_id", "s1"));
    }

    List<LoggingMessageNotification> awaitLogs(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (logs.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return List.copyOf(logs);
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordingThatCrosses75PercentCarriesTheBudgetAndNotifiesTheClient() throws Exception {
        ok("set_budget", Map.of("name", "task-cap", "scope", "task", "scope_id", "T1", "period", "total",
                "limit_usd", 10));
        Map<String, Object> first = record(4);
        assertNull(first.get("budget"), "40%: no budget field");
        Map<String, Object> second = record(4);
        Map<String, Object> budget = (Map<String, Object>) second.get("budget");
        assertEquals("warning", budget.get("worst_level"));
        assertEquals(List.of("task-cap"), budget.get("crossed"));
        Map<String, Object> b = ((List<Map<String, Object>>) budget.get("budgets")).get(0);
        assertEquals(0, new BigDecimal("80").compareTo(new BigDecimal(b.get("percent_used").toString())));
        List<LoggingMessageNotification> seen = awaitLogs(1);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(LoggingLevel.WARNING, seen.get(0).level());
        assertEquals("tokenomics.budget", seen.get(0).logger());
        assertTrue(seen.get(0).data().startsWith("Budget 'task-cap' crossed 75% (warning): 80% used."),
                seen.get(0).data());
        // Still at warning: the field stays, but no second notification.
        Map<String, Object> third = record(0);
        assertTrue(third.containsKey("budget"));
        assertEquals(List.of(), ((Map<String, Object>) third.get("budget")).get("crossed"));
        // Past 100%: hard_stop, at error level.
        record(3);
        seen = awaitLogs(2);
        assertEquals(2, seen.size(), seen.toString());
        assertEquals(LoggingLevel.ERROR, seen.get(1).level());
        assertTrue(seen.get(1).data().contains("crossed 100% (hard_stop)"), seen.get(1).data());
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchesAndTaskUpdatesCarryTheBudgetField() {
        ok("set_budget", Map.of("name", "day", "scope", "global", "period", "day", "limit_tokens", 1000));
        Map<String, Object> batch = ok("record_token_events", Map.of("events", List.of(
                Map.of("input_tokens", 500, "task_id", "T2"), Map.of("input_tokens", 450, "task_id", "T2"))));
        assertEquals("critical", ((Map<String, Object>) batch.get("budget")).get("worst_level"));
        Map<String, Object> status = ok("update_task_status", Map.of("task_id", "T2", "status", "in_progress"));
        assertEquals("critical", ((Map<String, Object>) status.get("budget")).get("worst_level"),
                "a status change without tokens still says where the task's budgets stand");
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkBudgetReportsSpendLevelProjectionAndAdvice() {
        ok("set_budget", Map.of("name", "month", "scope", "global", "period", "month", "limit_usd", 100));
        record(40);
        Map<String, Object> r = ok("check_budget", Map.of("name", "month"));
        assertEquals(1, ((Number) r.get("checked")).intValue());
        Map<String, Object> c = ((List<Map<String, Object>>) r.get("budgets")).get(0);
        assertEquals("ok", c.get("level"));
        assertEquals(0, new BigDecimal("40").compareTo(new BigDecimal(c.get("spent_usd").toString())));
        assertEquals("2026-11-01T00:00:00.000Z", c.get("period_start"));
        assertEquals("2026-12-01T00:00:00.000Z", c.get("period_end"));
        // $40 over 7 days = $5.714285714/day; 8 d 14 h left: 40 + 40 * 741.6 / 604.8 = $89.047619048.
        assertEquals(0, new BigDecimal("89.047619048").compareTo(
                new BigDecimal(c.get("projected_usd_at_period_end").toString())));
        assertEquals("not at this rate", c.get("exhaustion"));
        assertTrue(c.get("advice").toString().startsWith("On track"), c.get("advice").toString());
        assertEquals("ok", ok("check_budget", Map.of()).get("worst_level"));
        assertEquals(0, ((Number) ok("check_budget", Map.of("scope", "repo", "scope_id", "none")).get("checked"))
                .intValue());
    }

    @Test
    void badInputGetsAClearMessageAndChangesNothing() {
        assertEquals("limit_usd must be > 0, got -5", error("set_budget", Map.of("name", "x", "scope", "global",
                "period", "day", "limit_usd", -5)));
        assertEquals("limit_tokens must be > 0, got 0", error("set_budget", Map.of("name", "x", "scope", "global",
                "period", "day", "limit_tokens", 0)));
        assertTrue(error("set_budget", Map.of("name", "x", "scope", "planet", "period", "day", "limit_usd", 1))
                .startsWith("scope must be one of global, repo"));
        assertTrue(error("set_budget", Map.of("name", "x", "scope", "global", "period", "year", "limit_usd", 1))
                .startsWith("period must be one of day, week, month, total"));
        assertEquals("thresholds must be strictly increasing, got [50, 90, 75, 100]", error("set_budget",
                Map.of("name", "x", "scope", "global", "period", "day", "limit_usd", 1,
                        "thresholds", List.of(50, 90, 75, 100))));
        assertEquals("thresholds must each be between 1 and 1000 percent, got 2000 in [50, 75, 90, 2000]",
                error("set_budget", Map.of("name", "x", "scope", "global", "period", "day", "limit_usd", 1,
                        "thresholds", List.of(50, 75, 90, 2000))));
        assertEquals("no budget named 'ghost'; there are no budgets yet (set_budget creates one)",
                error("delete_budget", Map.of("name", "ghost")));
        assertEquals(List.of(), ok("list_budgets", Map.of()).get("budgets"), "nothing was written");
        assertEquals("Created budget 'x'.", ok("set_budget", Map.of("name", "x", "scope", "global", "period", "day",
                "limit_usd", 1)).get("message"));
        Map<String, Object> again = ok("set_budget", Map.of("name", "x", "scope", "global", "period", "day",
                "limit_usd", 2));
        assertEquals(Boolean.TRUE, again.get("updated"));
        assertTrue(again.get("message").toString().startsWith("Updated budget 'x' (it existed"));
        assertEquals("Deleted budget 'x'.", ok("delete_budget", Map.of("name", "x")).get("message"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkAndInsightsProjectTheBurnRate7To365DaysAhead() {
        ok("set_budget", Map.of("name", "month", "scope", "global", "period", "month", "limit_usd", 1000));
        record(14); // $14 within the last 7 days: $2 a day
        Map<String, Object> check = (Map<String, Object>) ((List<Object>) ok("check_budget",
                Map.of("window", "7d")).get("budgets")).get(0);
        Map<String, Object> projection = (Map<String, Object>) check.get("projection");
        Map<String, Object> usd = (Map<String, Object>) projection.get("usd");
        assertEquals(0, new java.math.BigDecimal("14").compareTo(new java.math.BigDecimal(usd.get("7d").toString())), usd.toString());
        assertEquals(0, new java.math.BigDecimal("60").compareTo(new java.math.BigDecimal(usd.get("30d").toString())), usd.toString());
        assertEquals(0, new java.math.BigDecimal("730").compareTo(new java.math.BigDecimal(usd.get("365d").toString())), usd.toString());
        assertTrue(projection.get("basis").toString().startsWith("estimate: $2.00/day, the burn over the last 7 days to now (spend on 1 of the 8 days it touches)"),
                projection.toString());
        assertEquals("7d", projection.get("window"));
        assertEquals(1, ((Number) projection.get("days_with_data")).intValue(), projection.toString());
        assertEquals(0, new java.math.BigDecimal("2").compareTo(new java.math.BigDecimal(projection.get("usd_per_day")
                .toString())), projection.toString());
        Map<String, Object> day = (Map<String, Object>) ((List<Object>) ok("check_budget",
                Map.of("window", "24h")).get("budgets")).get(0);
        assertEquals("1d", ((Map<String, Object>) day.get("projection")).get("window"));
        assertTrue(ToolContractTests.text(call("check_budget", Map.of("window", "7x"))).contains(
                "window must be a length such as 7d, 30d or 24h (days, or hours with h), got '7x'"));
        assertEquals(Boolean.TRUE, call("check_budget", Map.of("window", 7)).isError(), "a number is not a window");
        assertTrue(ToolContractTests.text(call("check_budget", Map.of())).contains("next 365d"));

        // The same 7d back from now: $14 over 7 days.
        Map<String, Object> insights = ok("cost_insights", Map.of("window", "7d"));
        Map<String, Object> basis = (Map<String, Object>) insights.get("projection");
        Map<String, Object> ahead = (Map<String, Object>) basis.get("usd");
        assertEquals(0, new java.math.BigDecimal("14").compareTo(new java.math.BigDecimal(ahead.get("7d").toString())),
                ahead.toString());
        assertEquals(0, new java.math.BigDecimal("730").compareTo(new java.math.BigDecimal(ahead.get("365d").toString())),
                ahead.toString());
        assertEquals(1, ((Number) basis.get("days_with_data")).intValue(), basis.toString());
        assertEquals(8, ((Number) basis.get("calendar_days")).intValue(), basis.toString());
        assertTrue(basis.get("basis").toString().startsWith("estimate: $2.00/day, the window's spend over its 7 days "
                + "(spend on 1 of the 8 days it touches)"), basis.toString());
        // A whole past week is whole days; this week so far is cut at now, not at midnight tonight.
        Map<String, Object> soFar = ok("cost_insights", Map.of("since", "2026-11-16", "until", "2026-11-22"));
        assertEquals(0, new java.math.BigDecimal("6.42").compareTo(new java.math.BigDecimal(
                ((Map<String, Object>) soFar.get("window")).get("days").toString())), soFar.get("window").toString());
        assertTrue(ToolContractTests.text(call("cost_insights", Map.of("threshold", -1))).contains(
                "threshold must be a positive number (the |modified z| cut, default 3.5), got -1"));
        assertTrue(ToolContractTests.text(call("cost_insights", Map.of("window", "fortnight"))).contains(
                "window must be a length such as 7d, 30d or 24h (days, or hours with h), got 'fortnight'"));
        Map<String, Object> cut = (Map<String, Object>) ok("cost_insights", Map.of("window", "7d", "threshold", 2.5))
                .get("anomalies");
        assertEquals(0, new java.math.BigDecimal("2.5").compareTo(new java.math.BigDecimal(cut.get("threshold")
                .toString())), cut.toString());
    }
}
