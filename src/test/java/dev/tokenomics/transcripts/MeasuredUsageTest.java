package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TaskView;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.report.ReportFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_task's measured usage beside the self-report, by session id and by a unique interval match. */
class MeasuredUsageTest {
    @TempDir
    Path dir;

    @Test
    void measuresTasksBySessionIdAndByAUniqueSessionOfTheirRepo() throws Exception {
        Path p = dir.resolve("claude/projects/-home-dev-src-app");
        write(p.resolve("s1.jsonl"),
                simple("m1", "q1", "s1", "2026-11-20T10:30:00.000Z", 5_000, 100), // inside T1's window
                simple("m2", "q2", "s1", "2026-11-20T11:30:00.000Z", 9_999, 9)); // after T1 was done
        write(p.resolve("s2.jsonl"),
                simple("m3", "q3", "s2", "2026-11-20T12:10:00.000Z", 700, 70),
                simple("m4", "q4", "s2", "2026-11-20T12:20:00.000Z", 300, 30));
        SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (TokenLedger ledger = ReportFixture.open(dir, clock)) {
            new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(dir.resolve("claude")));
            // T1: status changes carry the session; its self-report is a lower bound
            ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "in_progress", null, null, null, "app", "s1", null));
            clock.now = Instant.parse("2026-11-20T11:00:00Z");
            ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "done", null, null, null, null, "s1",
                    new EventInput(null, clock.now, null, null, null, null, null, null, null, null, "claude-sonnet-4-5",
                            null, null, null, null, null, null, new Usage(1_000, 0, 0, 0, 0), null, false, null, null,
                            null)));
            // T2: no session named; s2 is the only session of repo "app" active from 12:00 to 13:00
            clock.now = Instant.parse("2026-11-20T12:00:00Z");
            ledger.tasks().updateTaskStatus(new TaskUpdate("T2", "in_progress", null, null, null, "app", null, null));
            clock.now = Instant.parse("2026-11-20T13:00:00Z");
            ledger.tasks().updateTaskStatus(new TaskUpdate("T2", "done", null, null, null, null, null, null));
            // T3: in another repo, no session: nothing to measure
            ledger.tasks().updateTaskStatus(new TaskUpdate("T3", "in_progress", null, null, null, "other", null, null));

            TaskView t1 = ledger.tasks().getTask("T1");
            assertEquals("session_id", t1.measured().method());
            assertEquals(5_100, t1.measured().totals().totalTokens(), "m1 only: m2 came after done");
            assertEquals(1_000, t1.summary().totals().totalTokens(), "the self-report stays beside it");
            assertTrue(t1.selfReportSuperseded());

            TaskView t2 = ledger.tasks().getTask("T2");
            assertEquals("interval_match", t2.measured().method());
            assertEquals(List.of("s2"), t2.measured().sessionIds());
            assertEquals(1_100, t2.measured().totals().totalTokens()); // 770 + 330
            assertEquals(false, t2.selfReportSuperseded());

            assertNull(ledger.tasks().getTask("T3").measured());

            // The report sets the two sources side by side and warns that they may overlap.
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) TokenomicsServer.call(ledger, "tokenomics_report",
                    Map.of("since", "2026-11-20", "until", "2026-11-20", "sections", List.of("coverage")))
                    .structuredContent();
            @SuppressWarnings("unchecked")
            Map<String, Object> coverage = (Map<String, Object>) ((Map<String, Object>) report.get("tables"))
                    .get("coverage");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> sources = (Map<String, Map<String, Object>>) coverage.get("by_source");
            assertEquals(4, ((Number) sources.get("claude-code").get("records")).intValue()); // m1..m4
            assertEquals(1, ((Number) sources.get("self-report").get("records")).intValue()); // T1's done event
            assertEquals(true, coverage.get("mixes_self_reported_and_measured"));
            assertTrue(report.get("caveats").toString().contains("self-reported and measured"),
                    report.get("caveats").toString());
        }
    }
}
