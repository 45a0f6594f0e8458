package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session both self-reported and imported counts its measured figure once: the self-reports of
 * that session (or of a task whose status changes name it) leave the cost tables and are shown
 * beside it; self-reports of other sessions, or tied to none, stay.
 */
class ReconcileTest {
    @TempDir
    Path dir;

    private static EventInput event(String key, String ts, String session, String stage, long input, String source) {
        return event(key, ts, session, null, stage, input, source);
    }

    private static EventInput event(String key, String ts, String session, String task, String stage, long input,
            String source) {
        return new EventInput(key, ReportFixture.t(ts), null, null, null, session, task, null, null, null,
                ReportFixture.HAIKU, stage, null, null, null, null, null, new Usage(input, 0, 0, 0, 0), null, true,
                source, null, null);
    }

    private ReportData report(ReportRequest request) {
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            if (ledger.events().summarize(dev.tokenomics.ledger.Scope.ALL, null, null, null).totals().events() == 0) {
                ledger.events().recordAll(List.of(
                        // S1's transcript measured 2M input ($2 at haiku's $1/M) ...
                        event("m1", "11-01T10:00", "S1", null, 2_000_000, Sources.CLAUDE_CODE),
                        // ... and its agent self-reported 1.5M of the same work
                        event("s1", "11-01T10:30", "S1", "execute", 1_500_000, Sources.SELF_REPORT),
                        // S2 was never imported, and s3 names no session: both stay counted
                        event("s2", "11-01T11:00", "S2", "plan", 1_000_000, Sources.SELF_REPORT),
                        event("s3", "11-01T12:00", null, "plan", 500_000, Sources.SELF_REPORT),
                        // task TT's self-report names no session, but TT's status change names S3, which was
                        // imported: a task tied to a session, reconciled too
                        event("s4", "11-01T14:00", null, "TT", "review", 400_000, Sources.SELF_REPORT),
                        event("m3", "11-01T14:10", "S3", null, 300_000, Sources.CLAUDE_CODE)));
                ledger.tasks().updateTaskStatus(new dev.tokenomics.ledger.TaskUpdate("TT", "in_progress", null, null,
                        null, null, "S3", null, ReportFixture.t("11-01T13:55")));
            }
            return TokenomicsReport.run(ledger, request);
        }
    }

    @Test
    void aMeasuredSessionsSelfReportsLeaveTheCostTablesAndStandBesideIt() {
        LocalDate day = LocalDate.parse("2026-11-01");
        ReportData d = report(ReportRequest.of(day, day, ZoneOffset.UTC));
        // $2 + $0.30 measured + $1 (S2) + $0.50 (no session, no task), not $5 + $0.70
        assertEquals(3_800_000_000L, d.bucket().total().costNanos());
        assertEquals(3_800_000, d.bucket().total().tokens());
        assertEquals(2, d.reconciled().sessions()); // S1, and S3 through task TT
        assertEquals(2, d.reconciled().selfReported().records());
        assertEquals(1_900_000, d.reconciled().selfReported().tokens());
        assertEquals(2_300_000, d.reconciled().measuredTokens());
        assertEquals(2_300_000_000L, d.reconciled().measuredCostNanos());
        // execute's only record was S1's self-report: gone from the stage table; plan keeps S2's and s3's
        assertTrue(d.stage().rows().stream().noneMatch(r -> r.stage().equals("execute")), d.stage().toString());
        assertTrue(d.coverage().invariantOk(), d.coverage().invariantChecks().toString());
        String caveat = d.caveats().stream().filter(c -> c.startsWith("Reconciled:")).findFirst()
                .orElseThrow(() -> new AssertionError(d.caveats().toString()));
        assertTrue(caveat.contains("2 session(s) were both self-reported and measured")
                && caveat.contains("2,300,000 tokens, $2.30") && caveat.contains("1,900,000 tokens, $1.90"), caveat);
        assertTrue(d.caveats().stream().noneMatch(c -> c.contains("hold it twice")), d.caveats().toString());

        // Narrowed to the two sources, the report reads the events instead of the hourly cells: same answer.
        ReportData narrowed = report(new ReportRequest(day, day, ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT, Set.of(),
                null, null, null, List.of(Sources.CLAUDE_CODE, Sources.SELF_REPORT)));
        assertEquals(3_800_000_000L, narrowed.bucket().total().costNanos());
        assertEquals(2, narrowed.reconciled().sessions());
    }

    @Test
    void onlyOneKindOfSourceHasNothingToReconcile() {
        LocalDate day = LocalDate.parse("2026-11-01");
        ReportData selfOnly = report(new ReportRequest(day, day, ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT, Set.of(),
                null, null, null, List.of(Sources.SELF_REPORT)));
        assertEquals(3_400_000_000L, selfOnly.bucket().total().costNanos()); // 1.5 + 1 + 0.5 + 0.4: nothing taken out
        assertEquals(0, selfOnly.reconciled().sessions());
    }
}
