package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics budget ...}: the gate's exit codes. */
class BudgetCliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    @Test
    void budgetCheckExitsOneAtHardStopOrAtTheFailOnLevel() {
        CliRun set = run("budget", "set", "total-cap", "--scope", "global", "--period", "total", "--limit-usd", "10");
        assertEquals(0, set.code(), set.err());
        assertTrue(set.out().startsWith("Created budget 'total-cap'."), set.out());
        assertEquals(0, run("budget", "check").code(), "nothing spent: ok");
        // haiku-4-5 input: $1 per million tokens -> $8 = 80%: warning.
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "8000000").code());
        CliRun warning = run("budget", "check");
        assertEquals(0, warning.code(), "warning is below the default gate (hard_stop)");
        assertTrue(warning.out().contains("warning"), warning.out());
        assertEquals(1, run("budget", "check", "--fail-on", "warning").code());
        assertEquals(0, run("budget", "check", "--fail-on", "critical").code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "2000000").code());
        CliRun stop = run("budget", "check", "total-cap", "--json");
        assertEquals(1, stop.code(), "at 100%: hard_stop fails the gate");
        JsonNode j = JsonMapper.builder().build().readTree(stop.out());
        assertEquals("hard_stop", j.get("worst_level").asString());
        assertEquals("exhausted", j.get("budgets").get(0).get("exhaustion").asString());
    }

    @Test
    void badInputExitsTwoAndNothingIsSet() {
        CliRun neg = run("budget", "set", "x", "--scope", "global", "--period", "day", "--limit-usd", "-1");
        assertEquals(2, neg.code());
        assertEquals("error: limit_usd must be > 0, got -1", neg.err().strip());
        CliRun gate = run("budget", "check", "--fail-on", "panic");
        assertEquals(2, gate.code());
        assertTrue(gate.err().startsWith("error: --fail-on must be one of ok, info"), gate.err());
        CliRun missing = run("budget", "delete", "x");
        assertEquals(2, missing.code());
        assertEquals("error: no budget named 'x'; there are no budgets yet (set_budget creates one)",
                missing.err().strip());
        CliRun list = run("budget", "list");
        assertEquals(0, list.code());
        assertTrue(list.out().startsWith("No budgets"), list.out());
    }

    @Test
    void setListAndDeleteRoundTrip() {
        assertEquals(0, run("budget", "set", "ws", "--scope", "workstream", "--scope-id", "WS-1", "--period", "week",
                "--limit-tokens", "5000000", "--timezone", "Europe/Paris", "--thresholds", "50,80,95,100").code());
        CliRun list = run("budget", "list", "--json");
        JsonNode b = JsonMapper.builder().build().readTree(list.out()).get("budgets").get(0);
        assertEquals("WS-1", b.get("scope_id").asString());
        assertEquals("Europe/Paris", b.get("timezone").asString());
        assertEquals(80, b.get("thresholds").get(1).asInt());
        CliRun update = run("budget", "set", "ws", "--scope", "workstream", "--scope-id", "WS-1", "--period", "week",
                "--limit-tokens", "6000000");
        assertTrue(update.out().startsWith("Updated budget 'ws'"), update.out());
        assertEquals(0, run("budget", "delete", "ws").code());
    }

    @Test
    void insightsExitsOneOnlyWhenAFindingReachesTheFailOnLevel() {
        assertEquals(0, run("record", "--task-id", "T9", "--model", "claude-haiku-4-5", "--tokens-in", "1000",
                "--status", "error").code());
        CliRun plain = run("insights");
        assertEquals(0, plain.code(), "without --fail-on the findings do not gate");
        assertTrue(plain.out().contains("DEGRADED task T9"), plain.out());
        assertEquals(1, run("insights", "--fail-on", "warning").code(), "DEGRADED is a warning");
        assertEquals(0, run("insights", "--fail-on", "critical").code());
        CliRun json = run("insights", "--json", "--timezone", "Europe/Paris");
        JsonNode j = JsonMapper.builder().build().readTree(json.out());
        assertEquals("warning", j.get("worst_severity").asString());
        assertEquals("Europe/Paris", j.get("window").get("timezone").asString());
        CliRun bad = run("insights", "--fail-on", "loud");
        assertEquals(2, bad.code());
        assertEquals("error: --fail-on must be one of info, warning, critical; got 'loud'", bad.err().strip());
        CliRun model = run("insights", "--model", "gpt-9000-turbo");
        assertEquals(2, model.code());
        assertTrue(model.err().startsWith("error: model 'gpt-9000-turbo' has no price"), model.err());
    }

    @Test
    void benchBudgetsRunsOnASmallLedger() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "budgets", "--events", "2345", "--runs", "1", "--db",
                dir.resolve("bench.db").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("Ledger: 2,345 events over 60 days"), out.toString());
        assertTrue(out.toString().contains("check_budget for all 100 budgets"), out.toString());
    }

    @Test
    void checkTakesTheProjectionWindowInDaysOrHours() {
        assertEquals(0, run("budget", "set", "m", "--scope", "global", "--period", "month", "--limit-usd", "100").code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "3000000").code());
        CliRun week = run("budget", "check", "--window", "3d", "--json");
        assertEquals(0, week.code(), week.err());
        assertTrue(week.out().contains("\"window\" : \"3d\""), week.out());
        assertTrue(week.out().contains("\"days_with_data\" : 1"), week.out());
        assertTrue(week.out().contains("\"365d\" : 365"), week.out()); // $3 over 3 days: $1 a day
        CliRun day = run("budget", "check", "--window", "24h");
        assertEquals(0, day.code(), day.err());
        assertTrue(day.out().contains("burn per day over the last day to now"), day.out());
        assertTrue(day.out().contains("$1,095.00"), day.out()); // $3 a day for 365 days
        CliRun old = run("budget", "check", "--lookback-days", "3", "--json");
        assertTrue(old.out().contains("\"window\" : \"3d\""), old.out());
        CliRun bad = run("budget", "check", "--window", "a week");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("Invalid value for option '--window'"), bad.err());
        assertTrue(bad.err().contains("--window must be a length such as 7d, 30d or 24h") && bad.err().contains("'a week'"),
                bad.err());
    }
}
