package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Issue 10 as the tester ran it: prune, summary, report through the command line, on the real clock. */
class PruneCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    long events() {
        CliRun s = run("summary", "all", "--json");
        assertEquals(0, s.code(), s.err());
        return JSON.readTree(s.out()).get("event_count").asLong();
    }

    @Test
    void pruneRefusesAFutureDayAndKeepsTodaysEvents() {
        assertEquals(0, run("record", "--task-id", "T", "--tokens-in", "5").code());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String before : List.of("2099-01-01", today.plusDays(1).toString())) {
            CliRun r = run("prune", "--before", before);
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().contains("before must be on or before today (" + today + " in UTC), got " + before),
                    r.err());
        }
        assertEquals(1, events(), "a refused prune deletes nothing");
        CliRun r = run("prune", "--before", today.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, events(), "today's events are not before today");
        CliRun far = run("prune", "--before", "9999-12-31");
        assertEquals(2, far.code());
        assertTrue(far.err().contains("before must be between 2000-01-01 and 2100-12-31, got 9999-12-31"), far.err());
    }

    @Test
    void aLateEventInAPrunedDayIsRolledUpByTheNextPruneAndTheSummarySaysWhatWasPruned() {
        assertEquals(0, run("record", "--task-id", "T", "--tokens-in", "100", "--ts", "2026-11-01T10:00:00Z").code());
        assertEquals(0, run("record", "--task-id", "T", "--tokens-in", "200", "--ts", "2026-11-02T10:00:00Z").code());
        assertEquals(0, run("prune", "--before", "2026-11-03").code());
        // recorded after the prune, inside the pruned 11-01
        CliRun late = run("record", "--task-id", "T", "--tokens-in", "50", "--ts", "2026-11-01T12:00:00Z", "--json");
        assertEquals(0, late.code(), late.err());
        assertEquals(350, JSON.readTree(late.out()).get("task_totals").get("tokens_total").asLong(),
                "running totals keep the pruned events");

        CliRun summary = run("summary", "task", "T", "--json");
        var s = JSON.readTree(summary.out());
        assertEquals(50, s.get("tokens_total").asLong());
        assertEquals("2026-11-03T00:00:00.000Z", s.get("pruned_before").asString());
        assertTrue(s.get("pruned_note").asString().contains("task_totals"), summary.out());
        CliRun text = run("summary", "task", "T");
        assertTrue(text.out().contains("Pruned: raw events before 2026-11-03T00:00:00.000Z were pruned"), text.out());
        // a window that starts after the cut is not affected, so it carries no caveat
        var after = JSON.readTree(run("summary", "task", "T", "--since", "2026-11-03", "--json").out());
        assertTrue(after.get("pruned_before").isNull(), after.toString());

        // a snapshot leaves the pruned day's row alone; the next prune adds the late event to it
        assertEquals(0, run("snapshot").code());
        CliRun second = run("prune", "--before", "2026-11-04");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("Rolled up late events (recorded after an earlier prune) into 1 pruned day(s): "
                + "2026-11-01"), second.out());
        assertEquals(0, events());
        var history = JSON.readTree(run("report", "--history", "--format", "json").out());
        long nov1 = -1;
        long nov2 = -1;
        for (var d : history.get("days")) {
            if (d.get("date").asString().equals("2026-11-01")) {
                nov1 = d.get("tokens").get("total").asLong();
            }
            if (d.get("date").asString().equals("2026-11-02")) {
                nov2 = d.get("tokens").get("total").asLong();
            }
        }
        assertEquals(150, nov1, "the late 50 tokens joined 11-01's 100: " + history);
        assertEquals(200, nov2, history.toString());
        // and a third prune finds nothing left to add: no double count
        assertEquals(0, run("prune", "--before", "2026-11-05").code());
        var again = JSON.readTree(run("report", "--history", "--format", "json").out());
        assertTrue(again.toString().contains("\"date\":\"2026-11-01\""), again.toString());
        for (var d : again.get("days")) {
            if (d.get("date").asString().equals("2026-11-01")) {
                assertEquals(150, d.get("tokens").get("total").asLong());
            }
        }
    }

    @Test
    void aPruneInAnotherTimezoneThatWouldSplitAPrunedDayIsRefused() {
        assertEquals(0, run("record", "--tokens-in", "100", "--ts", "2026-11-01T10:00:00Z").code());
        assertEquals(0, run("prune", "--before", "2026-11-03").code());
        assertEquals(0, run("record", "--tokens-in", "7", "--ts", "2026-11-02T20:00:00Z").code());
        CliRun r = run("prune", "--before", "2026-11-05", "--timezone", "Asia/Kolkata");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("timezone Asia/Kolkata would cut the day 2026-11-03 across the earlier prune at "
                + "2026-11-03T00:00:00.000Z (timezone UTC)"), r.err());
        assertEquals(1, events(), "nothing was deleted");
        assertFalse(run("prune", "--before", "2026-11-05").err().contains("error"));
        assertEquals(0, events());
    }

    @Test
    void controlCharactersInStoredValuesNeverReachTheTerminal() {
        assertEquals(0, run("record", "--task-id", "T\u001b[2J", "--model", "x\u001b[31m", "--tokens-in", "5").code());
        for (CliRun r : List.of(run("summary", "task", "T\u001b[2J"), run("events"), run("report"),
                run("task", "show", "T\u001b[2J"))) {
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("\u001b"), r.out());
            assertTrue(r.out().contains("\\e["), r.out());
        }
        CliRun json = run("summary", "task", "T\u001b[2J", "--json");
        assertEquals("T\u001b[2J", JSON.readTree(json.out()).get("scope_id").asString(), "JSON keeps the stored id");
    }
}
