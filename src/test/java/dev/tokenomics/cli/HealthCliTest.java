package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.budget.HealthGate;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics health}: each check's level, and the exit code a CI job gates on. */
class HealthCliTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    /** {@code dollars} of haiku input ($1 per million) {@code hoursAgo} hours before now, in session {@code s}. */
    void spend(long dollars, long hoursAgo, String session) {
        CliRun r = run("record", "--model", "claude-haiku-4-5", "--tokens-in", Long.toString(dollars * 1_000_000),
                "--session-id", session, "--ts", Instant.now().minus(hoursAgo, ChronoUnit.HOURS).toString());
        assertEquals(0, r.code(), r.err());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(CliRun r) {
        return JSON.readValue(r.out(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> check(Map<String, Object> health, String name) {
        return ((java.util.List<Map<String, Object>>) health.get("checks")).stream()
                .filter(c -> name.equals(c.get("check"))).findFirst().orElseThrow();
    }

    @Test
    void anEmptyLedgerIsHealthy() {
        CliRun r = run("health");
        assertEquals(0, r.code(), r.err());
        for (String check : HealthGate.CHECKS) {
            assertTrue(r.out().contains(check), r.out());
        }
        assertTrue(r.out().contains("health: ok (window 7d back from now; fails at warning or above: passed)"), r.out());
    }

    @Test
    void aBudgetAtHardStopFailsTheGateAndSkipLeavesItOut() {
        assertEquals(0, run("budget", "set", "cap", "--scope", "global", "--period", "total", "--limit-usd", "1").code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "2000000").code()); // $2 of $1
        CliRun r = run("health", "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("hard_stop", json(r).get("worst_level"));
        assertEquals("cap hard_stop (200% used)", check(json(r), "budget").get("detail"));
        CliRun skipped = run("health", "--skip", "budget");
        assertEquals(0, skipped.code(), skipped.out());
        assertFalse(skipped.out().contains("cap hard_stop"), skipped.out());
        CliRun lenient = run("health", "--fail-on", "hard_stop", "--skip", "budget,projection");
        assertEquals(0, lenient.code(), lenient.out());
    }

    @Test
    void outliersAreListedAlwaysAndFailTheGateOnlyWhenTheAlertIsAsked() {
        // One $2 day among six empty ones: MAD 0, the mean-deviation fallback flags it.
        spend(2, 30, "s1");
        CliRun quiet = run("health", "--json");
        assertEquals(0, quiet.code(), quiet.out() + quiet.err());
        Map<String, Object> anomaly = check(json(quiet), "anomaly");
        assertEquals("info", anomaly.get("level"));
        assertTrue(anomaly.get("detail").toString().startsWith("1 outlier (1 day; |modified z| > 3.5); no alert asked"),
                anomaly.toString());
        CliRun alert = run("health", "--alert-on-outliers", "1");
        assertEquals(1, alert.code(), alert.out());
        assertTrue(alert.out().contains("at or past the alert at 1"), alert.out());
        CliRun old = run("health", "--alert-outliers", "1");
        assertEquals(1, old.code(), "the old spelling still works: " + old.out());
        CliRun two = run("health", "--alert-on-outliers", "2");
        assertEquals(0, two.code(), two.out());
        CliRun cut = run("health", "--alert-on-outliers", "1", "--threshold", "10", "--json");
        assertEquals(0, cut.code(), cut.out());
        assertEquals(10, ((Number) json(cut).get("threshold")).intValue());
        assertEquals("no outliers (|modified z| > 10)", check(json(cut), "anomaly").get("detail"));
    }

    @Test
    void theBurnIsPerDayOfTheWindowBackFromNowAndComparedWithTheOneBefore() {
        spend(14, 20, "s1");            // $14 in the last 7 days: $2 a day
        spend(2, 24 * 9, "s0");         // $2 in the 7 days before
        CliRun r = run("health", "--json", "--skip", "anomaly");
        Map<String, Object> h = json(r);
        assertEquals("7d", h.get("window"));
        @SuppressWarnings("unchecked")
        Map<String, Object> projection = (Map<String, Object>) h.get("projection");
        assertEquals(0, new java.math.BigDecimal("2").compareTo(new java.math.BigDecimal(projection.get("usd_per_day")
                .toString())), projection.toString());
        Map<String, Object> burn = check(h, "burn");
        // +600% is past twice the default 100%: critical.
        assertEquals("critical", burn.get("level"), burn.toString());
        assertEquals("$2.00/day over the last 7 days vs $0.2857/day the 7 days before (+600.00%, at or past the alert at "
                + "100%)", burn.get("detail"));
        assertEquals(1, r.code());
        assertTrue(check(h, "projection").get("detail").toString().startsWith("$2.00/day: 7d $14.00 30d $60.00 90d "
                + "$180.00 365d $730.00 (1 of 8 days with spend)"), check(h, "projection").toString());
        CliRun calm = run("health", "--skip", "anomaly", "--alert-on-acceleration", "700");
        assertEquals(0, calm.code(), calm.out());
        CliRun day = run("health", "--window", "24h", "--skip", "anomaly", "--json");
        assertEquals("1d", json(day).get("window"), day.err());
        assertTrue(check(json(day), "burn").get("detail").toString().startsWith("$14.00/day over the last day"),
                day.out());
    }

    @Test
    void aBudgetRunningOutBeforeItsPeriodEndsIsAWarning() {
        assertEquals(0, run("budget", "set", "month", "--scope", "global", "--period", "month", "--limit-usd", "1000")
                .code());
        // $100 today of a $150 total budget: at $100/7 a day the last $50 go in 3.5 days, within the
        // 30-day runway; the $1,000 month budget's $900 last 63 days, past any month's end.
        assertEquals(0, run("budget", "set", "cap", "--scope", "global", "--period", "total", "--limit-usd", "150")
                .code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "100000000").code());
        CliRun r = run("health", "--skip", "budget,burn,anomaly", "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        String detail = check(json(r), "projection").get("detail").toString();
        assertTrue(detail.contains("cap runs out in 3.5"), detail);
        assertTrue(detail.contains("within the 30-day runway"), detail);
        assertFalse(detail.contains("month runs out"), detail);
        CliRun one = run("health", "--skip", "budget,burn,anomaly", "--budget", "month");
        assertEquals(0, one.code(), "only the month budget: " + one.out());
    }

    @Test
    void aTotalBudgetFarFromRunningOutIsNotAWarning() {
        // $1 of $1,000 at $1/7 a day: 6,993 days away. Before, any total budget with spend warned.
        assertEquals(0, run("budget", "set", "cap", "--scope", "global", "--period", "total", "--limit-usd", "1000")
                .code());
        spend(1, 2, "s1");
        CliRun r = run("health", "--skip", "anomaly");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("no budget runs out at this rate before its period ends (a total budget: within 30 "
                + "days)"), r.out());
        CliRun far = run("health", "--skip", "anomaly", "--runway", "366d");
        assertEquals(0, far.code(), far.out());
        assertEquals(0, run("budget", "set", "small", "--scope", "global", "--period", "total", "--limit-usd", "20")
                .code());
        CliRun near = run("health", "--skip", "anomaly", "--runway", "366d");
        assertEquals(1, near.code(), near.out()); // $19 left at $1/7 a day: 133 days, within 366
        assertTrue(near.out().contains("small runs out in 133"), near.out());
    }

    @Test
    void badFlagsNameTheValue() {
        CliRun r = run("health", "--skip", "vibes");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'vibes'"), r.err());
        CliRun w = run("health", "--window", "0");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("got '0'"), w.err());
        CliRun z = run("health", "--threshold", "-1");
        assertEquals(2, z.code());
        assertTrue(z.err().contains("--threshold must be a positive number (the |modified z| cut, default 3.5), got -1"),
                z.err());
        CliRun n = run("health", "--alert-on-outliers", "0");
        assertEquals(2, n.code());
        assertTrue(n.err().contains("--alert-on-outliers must be at least 1, got 0"), n.err());
        CliRun ok = run("health", "--fail-on", "ok");
        assertEquals(2, ok.code());
        assertTrue(ok.err().contains("--fail-on must be info, warning, critical or hard_stop"), ok.err());
        CliRun runway = run("health", "--runway", "soon");
        assertEquals(2, runway.code());
        assertTrue(runway.err().contains("--runway must be a length such as 7d, 30d or 24h") && runway.err()
                .contains("'soon'"), runway.err());
        CliRun none = run("health", "--budget", "nope");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no budget named 'nope'"), none.err());
    }
}
