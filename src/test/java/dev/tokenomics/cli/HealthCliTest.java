package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenomics health}: each check's level, and the exit code a CI job gates on. */
class HealthCliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    @Test
    void anEmptyLedgerIsHealthy() {
        CliRun r = run("health");
        assertEquals(0, r.code(), r.err());
        for (String check : HealthCommand.CHECKS) {
            assertTrue(r.out().contains(check), r.out());
        }
        assertTrue(r.out().contains("health: ok"), r.out());
    }

    @Test
    void aBudgetAtHardStopFailsTheGateAndSkipLeavesItOut() {
        assertEquals(0, run("budget", "set", "cap", "--scope", "global", "--period", "total", "--limit-usd", "1").code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "2000000").code()); // $2 of $1
        CliRun r = run("health", "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"worst_level\" : \"hard_stop\""), r.out());
        CliRun skipped = run("health", "--skip", "budget,anomaly"); // one $2 day among empty ones is an outlier
        assertEquals(0, skipped.code(), skipped.out());
        assertTrue(!skipped.out().contains("cap hard_stop"), skipped.out());
        CliRun lenient = run("health", "--fail-on", "hard_stop", "--skip", "budget,projection");
        assertEquals(0, lenient.code(), lenient.out());
    }

    @Test
    void aBudgetRunningOutBeforeItsPeriodEndsIsAWarning() {
        assertEquals(0, run("budget", "set", "month", "--scope", "global", "--period", "month", "--limit-usd", "1000")
                .code());
        // $100 in the last week: $14.3 a day runs out $900 within a month only when the month is long
        // enough; a day budget makes it certain: $100 today of $150 runs out before midnight at this rate.
        assertEquals(0, run("budget", "set", "day", "--scope", "global", "--period", "total", "--limit-usd", "150")
                .code());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "100000000").code());
        CliRun r = run("health", "--skip", "budget,burn,anomaly", "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"check\" : \"projection\""), r.out());
        assertTrue(r.out().contains("day runs out"), r.out());
    }

    @Test
    void badFlagsNameTheValue() {
        CliRun r = run("health", "--skip", "vibes");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'vibes'"), r.err());
        CliRun w = run("health", "--window", "0");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("got '0'"), w.err());
    }
}
