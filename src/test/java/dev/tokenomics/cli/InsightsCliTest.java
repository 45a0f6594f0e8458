package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenomics insights}: the window, the outlier cut and the outlier alert's exit code. */
class InsightsCliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    /** Six sessions in the last day: five near $1 and one at $20 (haiku input, $1 per million). */
    @BeforeEach
    void sessions() {
        long[] millions = {1, 1, 1, 1, 1, 20};
        Instant start = Instant.now().minus(20, ChronoUnit.HOURS);
        for (int i = 0; i < millions.length; i++) {
            CliRun r = run("record", "--model", "claude-haiku-4-5", "--tokens-in", (millions[i] * 1_000_000 + i * 50_000)
                    + "", "--session-id", "s" + i, "--ts", start.plus(i, ChronoUnit.HOURS).toString());
            assertEquals(0, r.code(), r.err());
        }
    }

    @Test
    void theOutlierAlertExitsOneOnlyWhenAskedAndReached() {
        CliRun quiet = run("insights", "--window", "7d");
        assertEquals(0, quiet.code(), quiet.err());
        // The $20 session, and its day among seven empty ones: two outliers, counted together.
        assertTrue(quiet.out().contains("Anomalies at |modified z| > 3.5: 2 outliers"), quiet.out());
        CliRun alert = run("insights", "--window", "7d", "--alert-on-outliers", "2");
        assertEquals(1, alert.code(), alert.out() + alert.err());
        assertTrue(alert.err().contains("alert: 2 outliers, at or past --alert-on-outliers 2"), alert.err());
        CliRun above = run("insights", "--window", "7d", "--alert-on-outliers", "3");
        assertEquals(0, above.code(), above.err());
    }

    @Test
    void theThresholdAndTheWindowReachTheAnswer() {
        CliRun r = run("insights", "--window", "24h", "--threshold", "1000", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"threshold\" : 1000"), r.out());
        assertTrue(r.out().contains("\"outlier_count\" : 0"), r.out());
        assertTrue(r.out().contains("\"days_with_data\" : "), r.out());
        assertTrue(r.out().contains("the window's spend over its 1 day"), r.out());
        CliRun text = run("insights", "--window", "24h");
        assertTrue(text.out().contains("Projection at this burn: 7d $"), text.out());
        assertTrue(text.out().contains("held constant)"), text.out());
    }

    @Test
    void badFlagsNameTheValue() {
        CliRun z = run("insights", "--threshold", "0");
        assertEquals(2, z.code());
        assertTrue(z.err().contains("--threshold must be a positive number (the |modified z| cut, default 3.5), got 0"),
                z.err());
        CliRun w = run("insights", "--window", "7x");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("got '7x'"), w.err());
        CliRun both = run("insights", "--window", "7d", "--since", "2026-11-01");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("give --since or --window, not both"), both.err());
        CliRun n = run("insights", "--alert-on-outliers", "0");
        assertEquals(2, n.code());
        assertTrue(n.err().contains("--alert-on-outliers must be at least 1, got 0"), n.err());
    }
}
