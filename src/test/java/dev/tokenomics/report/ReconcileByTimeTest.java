package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping time: a self-report that names no session, with an interval in a repo during which
 * exactly one imported session of that repo ran, is that session's work and is reconciled; when
 * two sessions ran at once it cannot be told whose, and stays counted.
 */
class ReconcileByTimeTest {
    @TempDir
    Path dir;

    private static EventInput event(String key, String start, String ts, String session, String repo, long input,
            String source) {
        return new EventInput(key, ReportFixture.t(ts), start == null ? null : ReportFixture.t(start), null, null,
                session, null, null, repo, null, ReportFixture.HAIKU, "execute", null, null, null, null, null,
                new Usage(input, 0, 0, 0, 0), null, true, source, null, null);
    }

    @Test
    void oneMeasuredSessionOfTheRepoDuringTheIntervalTakesTheSelfReport() {
        ReportData d;
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            ledger.events().recordAll(List.of(
                    // 15:00-15:30 in repo app, only S5 ran there: reconciled ($0.60 out, S5's $0.20 counts)
                    event("s5", "11-01T15:00", "11-01T15:30", null, "app", 600_000, Sources.SELF_REPORT),
                    event("m5", null, "11-01T15:10", "S5", "app", 200_000, Sources.CLAUDE_CODE),
                    // 16:00-16:30, S6 and S7 both ran in app: whose is it? neither; it stays ($0.40)
                    event("s6", "11-01T16:00", "11-01T16:30", null, "app", 400_000, Sources.SELF_REPORT),
                    event("m6", null, "11-01T16:05", "S6", "app", 100_000, Sources.CLAUDE_CODE),
                    event("m7", null, "11-01T16:20", "S7", "app", 100_000, Sources.CLAUDE_CODE),
                    // 17:00-17:30 in repo other, S8 ran in app at the time: another repo's work, stays ($0.30)
                    event("s8", "11-01T17:00", "11-01T17:30", null, "other", 300_000, Sources.SELF_REPORT),
                    event("m8", null, "11-01T17:10", "S8", "app", 50_000, Sources.CLAUDE_CODE)));
            LocalDate day = LocalDate.parse("2026-11-01");
            d = TokenomicsReport.run(ledger, ReportRequest.of(day, day, ZoneOffset.UTC));
        }
        assertEquals(1, d.reconciled().selfReported().records());
        assertEquals(600_000, d.reconciled().selfReported().tokens());
        assertEquals(1, d.reconciled().sessions());
        assertEquals(200_000, d.reconciled().measuredTokens());
        // 0.2 + 0.1 + 0.1 + 0.05 measured, 0.4 + 0.3 self-reported that could not be matched
        assertEquals(1_150_000_000L, d.bucket().total().costNanos());
    }
}
