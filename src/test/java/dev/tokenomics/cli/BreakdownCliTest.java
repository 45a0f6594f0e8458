package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakdown} as a user types it. */
class BreakdownCliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    @BeforeEach
    void record() {
        for (List<String> e : List.of(
                List.of("--task-id", "T1", "--session-id", "S1", "--model", "claude-haiku-4-5", "--tokens-in", "100000"),
                List.of("--task-id", "T2", "--session-id", "S1", "--model", "claude-sonnet-4-5", "--tokens-in", "100000",
                        "--cache-creation-1h-tokens", "7000"),
                List.of("--task-id", "T3", "--session-id", "S1", "--model", "acme-coder-9", "--tokens-in", "500000"),
                List.of("--task-id", "T4", "--session-id", "S2", "--model", "claude-haiku-4-5", "--tokens-in", "10"))) {
            List<String> args = new java.util.ArrayList<>(List.of("record"));
            args.addAll(e);
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
        }
    }

    @Test
    void byTaskIsATableCostliestFirstWithTheUnpricedLastAsDashes() {
        CliRun r = run("breakdown", "--by", "task");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Breakdown by task, all time: 4 groups, costliest first"), r.out());
        assertTrue(lines.get(1).matches("task +events +input +output +cache write 5m +cache write 1h +cache read +total +cost"),
                lines.get(1));
        assertEquals(List.of("T2", "T1", "T4", "T3", "TOTAL"), lines.subList(3, 8).stream().map(l -> l.split(" +")[0]).toList());
        assertTrue(lines.get(3).contains("7,000") && lines.get(3).contains("$0.342"), lines.get(3)); // $0.30 + 7,000 x $6/M
        assertTrue(lines.get(6).endsWith("--"), "unpriced is --, never $0: " + lines.get(6));
        assertTrue(lines.get(7).contains("≥ $0.442"), "a total with an unpriced part is a lower bound: " + lines.get(7));
    }

    @Test
    void topFoldsTheRestIntoOneOtherRowAndASessionListsItsEvents() {
        CliRun top = run("breakdown", "--by", "task", "--top", "1");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("\n(other)  "), top.out());
        assertTrue(top.out().contains("(other): the 3 groups past top 1, added up."), top.out());

        CliRun session = run("breakdown", "--session", "S1", "--top", "2");
        assertEquals(0, session.code(), session.err());
        assertTrue(session.out().startsWith("Session S1, all time: 3 events, costliest first"), session.out());
        assertTrue(session.out().contains("claude-sonnet-4-5"), session.out());
        assertFalse(session.out().contains("claude-haiku-4-5  --  T4"), "S2's event is not S1's: " + session.out());
        assertTrue(session.out().contains("(other): the 1 event past top 2, added up."), session.out());
    }

    @Test
    void aBadByNamesTheValueAndTheAllowedOnes() {
        CliRun r = run("breakdown", "--by", "repo");
        assertEquals(2, r.code());
        assertEquals("error: by must be one of task, agent, model, session, stage, workstream; got 'repo'", r.err().strip());
        CliRun top = run("breakdown", "--top", "0");
        assertEquals(2, top.code());
        assertEquals("error: top must be between 1 and 1000, got 0", top.err().strip());
    }
}
