package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: the range of times, the longest windows, and strict numbers and enums, through the tools. */
class BoundsTest {
    @TempDir
    Path dir;

    SettableClock clock = new SettableClock(Instant.parse("2026-11-22T10:00:00Z"));
    TokenLedger ledger;

    @BeforeEach
    void open() {
        ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(), clock,
                EventDefaults.NONE);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        return TokenomicsServer.call(ledger, tool, args);
    }

    static String text(CallToolResult r) {
        return ((TextContent) r.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> tool + " failed: " + text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    String error(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> tool + " should have failed: " + text(r));
        return text(r);
    }

    void expectError(String tool, Map<String, Object> args, String expected) {
        String message = error(tool, args);
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
    }

    long events() {
        return ((Number) ok("get_token_summary", Map.of("scope", "all")).get("event_count")).longValue();
    }

    @Test
    void timesOutsideTwoThousandToTwentyOneHundredAreRefusedNamingArgumentRangeAndValue() {
        String range = "must be between 2000-01-01T00:00:00Z and 2100-12-31T23:59:59.999Z, got ";
        expectError("record_token_event", Map.of("input_tokens", 1, "ts", "+10000-01-01T00:00:00Z"),
                "ts " + range + "'+10000-01-01T00:00:00Z'");
        expectError("record_token_event", Map.of("input_tokens", 1, "ts_start", "1999-12-31T23:59:59Z"),
                "ts_start " + range + "'1999-12-31T23:59:59Z'");
        expectError("record_token_event", Map.of("input_tokens", 1, "ts_end", "2101-01-01T00:00:00Z"),
                "ts_end " + range);
        expectError("record_token_events", Map.of("events", List.of(Map.of("input_tokens", 1),
                Map.of("input_tokens", 1, "ts", "9999-12-31T00:00:00Z"))), "events[1].ts " + range);
        expectError("update_task_status", Map.of("task_id", "T", "status", "done", "tokens_in", 1,
                "ts", "1970-01-01T00:00:00Z"), "ts " + range);
        String days = "must be between 2000-01-01 and 2100-12-31, got ";
        expectError("get_token_summary", Map.of("scope", "all", "until", "9999-12-31"), "until " + days + "9999-12-31");
        expectError("list_token_events", Map.of("since", "0001-01-01"), "since " + days + "0001-01-01");
        expectError("tokenomics_report", Map.of("since", "0001-01-01", "until", "9999-12-31"),
                "since " + days + "0001-01-01");
        expectError("get_usage", Map.of("until", "9999-12-31"), "until " + days + "9999-12-31");
        expectError("cost_insights", Map.of("since", "1999-01-01"), "since " + days + "1999-01-01");
        expectError("record_ref", Map.of("ref_type", "pr", "ref_id", "1", "merged_at", "2200-01-01"),
                "merged_at " + days + "2200-01-01");
        // the edges themselves are in range
        ok("record_token_event", Map.of("input_tokens", 1, "ts", "2000-01-01T00:00:00Z"));
        ok("record_token_event", Map.of("input_tokens", 1, "ts", "2100-12-31T23:59:59.999Z"));
        assertEquals(2, events(), "nothing refused was written");
    }

    @Test
    void aWindowLongerThanTenYearsIsRefusedNamingTheLimit() {
        String limit = "must be at most 3660 days, got ";
        expectError("get_token_summary", Map.of("scope", "all", "since", "2000-01-01", "until", "2100-12-31"),
                limit + "36890 days");
        expectError("list_token_events", Map.of("since", "2000-01-01", "until", "2020-01-01"), limit);
        expectError("tokenomics_report", Map.of("since", "2000-01-01", "until", "2100-12-31"), limit);
        expectError("tokenomics_report", Map.of("since", "2000-01-01", "until", "2100-12-31", "mode", "history"), limit);
        expectError("get_usage", Map.of("since", "2000-01-01", "until", "2100-12-31"), limit);
        expectError("cost_insights", Map.of("since", "2020-01-01", "until", "2026-01-01"), "at most 366 days");
        // a default window (first event's day to today) is held to the same limit, and says so
        ok("record_token_event", Map.of("input_tokens", 1, "ts", "2005-01-01T00:00:00Z"));
        expectError("tokenomics_report", Map.of(), "the window 2005-01-01..2026-11-22 is 7996 days; a report covers "
                + "at most 3660 days: give since and until");
        // exactly the limit is accepted
        ok("get_token_summary", Map.of("scope", "all", "since", "2017-01-01", "until", "2027-01-08"));
    }

    @Test
    void theDashboardWindowUsesTheSameParserAndLimits() {
        IllegalArgumentException year = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.tokenomics.http.DashboardData.Window.parse("0001-01-01", "2026-11-22", clock));
        assertEquals("since must be between 2000-01-01 and 2100-12-31, got 0001-01-01", year.getMessage());
        var wide = dev.tokenomics.http.DashboardData.Window.parse("2000-01-01", "2026-11-22", clock);
        IllegalArgumentException window = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> dev.tokenomics.http.DashboardData.all(ledger, wide));
        assertTrue(window.getMessage().contains("must be at most 3660 days"), window.getMessage());
    }

    @Test
    void theLongestReportWindowAnswersQuicklyOnASmallLedger() {
        for (int i = 0; i < 20; i++) {
            ok("record_token_event", Map.of("input_tokens", 1000, "output_tokens", 10, "model", "claude-haiku-4-5",
                    "ts", "2026-11-" + (10 + i) + "T10:00:00Z", "task_id", "T" + i % 3));
        }
        // 3,660 days, every one a row of trend-day: bounded, unlike 0001..9999 (3.65 million days)
        Map<String, Object> args = Map.of("since", "2017-01-01", "until", "2027-01-08");
        CallToolResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> call("tokenomics_report", args));
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
        assertTrue(text(r).length() < 2_000_000, "the text stays well under a client's 10 MB: " + text(r).length());
        Map<String, Object> dayJson = new HashMap<>(args);
        dayJson.put("mode", "day_json");
        CallToolResult d = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> call("tokenomics_report", dayJson));
        assertFalse(Boolean.TRUE.equals(d.isError()), () -> text(d));
    }

    @Test
    void perDayCoversAtMostNinetyTwoDays() {
        expectError("tokenomics_report", Map.of("mode", "per_day", "since", "2026-01-01", "until", "2026-04-03"),
                "per_day covers at most 92 days, got 93 (2026-01-01..2026-04-03); narrow since/until, or use day_json");
        expectError("tokenomics_report", Map.of("mode", "per_day", "since", "2000-01-01", "until", "2005-01-01"),
                "per_day covers at most 92 days");
        ok("tokenomics_report", Map.of("mode", "per_day", "since", "2026-11-20", "until", "2026-11-22"));
    }

    @Test
    void numbersThatAreNotWholeAreRefusedNamingTheArgument() {
        expectError("record_token_event", Map.of("input_tokens", Double.POSITIVE_INFINITY),
                "input_tokens must be a whole number, got Infinity");
        expectError("record_token_event", Map.of("output_tokens", 1.5), "output_tokens must be a whole number, got 1.5");
        expectError("record_token_event", Map.of("input_tokens", new BigDecimal("1e400")),
                "input_tokens must be a whole number, got 1E+400");
        expectError("record_token_event", Map.of("input_tokens", 1, "cost_usd", Double.POSITIVE_INFINITY),
                "cost_usd must be a finite number, got Infinity");
        expectError("tokenomics_report", Map.of("limit", Double.NaN), "limit must be a whole number, got NaN");
        assertEquals(0, events());
    }

    @Test
    void enumsAreExactAndTheErrorListsTheAllowedValues() {
        expectError("update_task_status", Map.of("task_id", "T", "status", "done", "tokens_in", 1,
                "event_status", "weird"), "event_status must be one of ok, error; got 'weird'");
        expectError("update_task_status", Map.of("task_id", "T", "status", "DONE"),
                "status must be one of todo, in_progress, blocked, done, cancelled; got 'DONE'");
        expectError("record_token_event", Map.of("input_tokens", 1, "status", "OK"),
                "status must be one of ok, error; got 'OK'");
        expectError("tokenomics_report", Map.of("sections", "trend-day"),
                "sections must be an array of strings, got the string \"trend-day\"");
        expectError("tokenomics_report", Map.of("sections", List.of("Trend_Day")),
                "sections[0] must be one of bucket, stage, structure, role, stage-structure, lane, stage-medians, breakeven, "
                        + "coverage, trend-day, trend-ref, latency, concurrency; got 'Trend_Day'");
        expectError("tokenomics_report", Map.of("mode", "PER_DAY"),
                "mode must be one of report, per_day, day_json, history; got 'PER_DAY'");
        expectError("tokenomics_report", Map.of("mode", "per-day"), "got 'per-day'");
        expectError("tokenomics_report", Map.of("format", "json"), "format must be one of text, markdown; got 'json'");
        expectError("get_usage", Map.of("view", "DAILY"),
                "view must be one of daily, weekly, monthly, session, blocks; got 'DAILY'");
        expectError("get_token_summary", Map.of("scope", "ALL"), "scope must be one of");
        expectError("set_budget", Map.of("name", "b", "scope", "global", "period", "Day", "limit_usd", 1),
                "period must be one of day, week, month, total; got 'Day'");
        assertNull(ledger.rollups().prunedBefore());
        ok("tokenomics_report", Map.of("sections", List.of("trend-day"), "mode", "report", "format", "markdown"));
        ok("get_usage", Map.of("view", "daily"));
    }

    @Test
    void storedControlCharactersArePrintedAsVisibleEscapesAndKeptInJson() {
        String task = "T\u001b[31mRED";
        ok("record_token_event", Map.of("input_tokens", 10, "task_id", task, "model", "m\u001b[2J\u0007",
                "note", "line\nbreak\u202e", "ts", "2026-11-22T09:00:00Z"));
        CallToolResult summary = call("get_token_summary", Map.of("scope", "task", "id", task));
        assertEquals(task, ((Map<?, ?>) summary.structuredContent()).get("scope_id"), "JSON keeps the stored value");
        CallToolResult list = call("list_token_events", Map.of());
        CallToolResult report = call("tokenomics_report", Map.of("since", "2026-11-22", "until", "2026-11-22"));
        CallToolResult task1 = call("get_task", Map.of("task_id", task));
        CallToolResult bad = call("get_task", Map.of("task_id", "\u001b]0;pwned\u0007"));
        for (CallToolResult r : List.of(summary, list, report, task1, bad)) {
            String t = text(r);
            assertTrue(t.chars().noneMatch(c -> c != '\n' && (Character.isISOControl(c) || c == 0x202e)),
                    () -> "a raw control character in:\n" + t);
        }
        assertTrue(text(summary).contains("T\\e[31mRED"), text(summary));
        assertTrue(text(summary).contains("m\\e[2J\\u0007"), text(summary));
        assertTrue(text(bad).contains("\\e]0;pwned\\u0007"), text(bad));
    }
}
