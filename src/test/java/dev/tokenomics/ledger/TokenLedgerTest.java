package dev.tokenomics.ledger;

import static dev.tokenomics.ledger.LedgerTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenLedgerTest {
    @TempDir
    Path dir;

    TokenLedger ledger;

    @BeforeEach
    void open() {
        ledger = LedgerTestSupport.open(dir);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aSessionsDefaultsKeepTheEventsSpeedAndMachine() {
        // A stdio server in a Claude Code session fills session and repo in; the rest of the event stays.
        try (TokenLedger inSession = new TokenLedger(Database.open(dir.resolve("session.db")),
                dev.tokenomics.pricing.PriceTable.bundled(), java.time.Clock.fixed(LedgerTestSupport.NOW,
                        java.time.ZoneOffset.UTC), new EventDefaults("S-env", "repo-env"))) {
            inSession.events().record(new EventInput("fast-1", LedgerTestSupport.NOW, null, null, null, null, null, null, null,
                    null, "claude-opus-4-6", null, null, null, null, null, null, new Usage(10, 10, 0, 0, 0), null, true,
                    null, null, null, "fast", "build-box"));
            EventInput stored = inSession.events().listEvents(EventFilter.ALL, 10, null).events().get(0).event();
            assertEquals(List.of("S-env", "repo-env", "fast", "build-box"),
                    List.of(stored.sessionId(), stored.repo(), stored.speed(), stored.machine()));
        }
    }

    @Test
    void recordPricesTheEventAndReturnsRunningTotals() {
        // claude-sonnet-4-5: $3/MTok in, $15/MTok out. 100,000 in + 100,000 out = $0.30 + $1.50.
        RecordedEvent first = ledger.events().record(event("k1", "T1", "WS", "claude-sonnet-4-5-20250929", 100_000, 100_000));
        assertEquals(1_800_000_000L, first.costNanos());
        assertFalse(first.replaced());
        RecordedEvent second = ledger.events().record(event("k2", "T1", "WS", "claude-sonnet-4-5", 10, 0));
        assertEquals(30_000L, second.costNanos(), "10 tokens x $3/MTok = $0.00003");
        assertEquals(2, second.taskTotals().events());
        assertEquals(200_010, second.taskTotals().totalTokens());
        assertEquals(1_800_030_000L, second.taskTotals().costNanos());
        assertEquals(2, second.workstreamTotals().events());
    }

    @Test
    void sameRecordKeyReplacesTheEventLastWriteWins() {
        RecordedEvent a = ledger.events().record(event("same", "T1", null, "claude-haiku-4-5", 100, 10));
        RecordedEvent b = ledger.events().record(event("same", "T1", null, "claude-haiku-4-5", 500, 50));
        assertEquals(a.id(), b.id());
        assertTrue(b.replaced());
        Summary s = ledger.events().summarize(Scope.TASK, "T1", null, null);
        assertEquals(1, s.totals().events());
        assertEquals(550, s.totals().totalTokens());
    }

    @Test
    void runningTotalsFollowInsertsReplacesAndDeletes() {
        ledger.events().record(event("r1", "T1", "WS", "claude-haiku-4-5", 100, 10));
        ledger.events().record(event("r2", "T1", "WS", "no-price-model", 50, 5));
        ledger.events().record(event("r3", "T2", "WS", "claude-haiku-4-5", 7, 0));
        // r1 moves from task T1 to T2 and grows: both tasks' totals must follow.
        ledger.events().record(event("r1", "T2", "WS", "claude-haiku-4-5", 1_000, 0));
        LedgerTestSupport.deleteEvent(ledger.database(), "r3");
        for (String[] scope : new String[][] {{"task", "task_id", "T1"}, {"task", "task_id", "T2"},
                {"workstream", "workstream", "WS"}}) {
            Totals running = ledger.database().read("running", c -> EventStore.runningTotals(c, scope[0], scope[2]));
            Summary summed = ledger.events().summarize(scope[0].equals("task") ? Scope.TASK : Scope.WORKSTREAM, scope[2], null, null);
            assertEquals(summed.totals(), running, scope[2]);
        }
        assertEquals(55, ledger.events().summarize(Scope.TASK, "T1", null, null).totals().totalTokens());
        assertEquals(1, ledger.database().read("t2", c -> EventStore.runningTotals(c, "task", "T2")).events());
    }

    @Test
    void unknownModelIsUnpricedNotFree() {
        RecordedEvent r = ledger.events().record(event("u", "T1", null, "my-local-llama", 1000, 1000));
        assertNull(r.costNanos());
        assertNull(r.priceVersion());
        ledger.events().record(event("p", "T1", null, "claude-haiku-4-5", 1_000_000, 0));
        Summary s = ledger.events().summarize(Scope.TASK, "T1", null, null);
        assertEquals(List.of("my-local-llama"), s.unpricedModels());
        assertEquals(1_000_000_000L, s.totals().costNanos(), "only the priced event: $1");
        assertFalse(s.totals().costComplete());
        assertEquals(1, s.totals().unpricedEvents());
    }

    @Test
    void eventTakesWorkstreamAndRepoFromItsKnownTask() {
        ledger.tasks().updateTaskStatus(new TaskUpdate("T9", "in_progress", null, "t", "WS-9", "repo-9", null, null));
        RecordedEvent r = ledger.events().record(event("e", "T9", null, "claude-haiku-4-5", 1, 1));
        assertEquals("WS-9", r.event().workstream());
        assertEquals("repo-9", r.event().repo());
        assertEquals(1, r.workstreamTotals().events());
    }

    @Test
    void updateTaskStatusWithTokensWritesChangeAndEventTogether() {
        EventInput tokens = new EventInput(null, LedgerTestSupport.NOW, null, null, null, null, null, null, null,
                null, "claude-sonnet-4-5", null, null, null, null, null, null, new Usage(1200, 800, 0, 0, 0),
                null, true, null, null, null);
        TaskUpdateResult r = ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "done", "shipped", null, null, null,
                null, tokens));
        assertTrue(r.created());
        assertEquals("done", r.task().status());
        assertNotNull(r.event());
        assertEquals("T1", r.event().event().taskId());
        assertEquals(r.event().id(), r.change().eventId());
        TaskView v = ledger.tasks().getTask("T1");
        assertEquals(1, v.history().size());
        assertNull(v.history().get(0).fromStatus());
        assertEquals(2000, v.summary().totals().totalTokens());
        // 1200 x $3/MTok + 800 x $15/MTok = $0.0036 + $0.012
        assertEquals(15_600_000L, v.summary().totals().costNanos());
    }

    @Test
    void statusHistoryKeepsEveryChangeInOrder() {
        ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "todo", null, null, null, null, null, null));
        ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "in_progress", "start", null, null, null, "S1", null));
        TaskUpdateResult r = ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "done", "end", null, null, null, null, null));
        assertFalse(r.created());
        List<StatusChange> h = ledger.tasks().getTask("T1").history();
        assertEquals(List.of("todo", "in_progress", "done"), h.stream().map(StatusChange::toStatus).toList());
        assertEquals("in_progress", h.get(2).fromStatus());
        assertEquals("S1", h.get(1).sessionId());
    }

    @Test
    void batchIsAllOrNothingWhenTheLedgerRefusesARow() {
        List<EventInput> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(event("b" + i, "T1", null, "claude-haiku-4-5", i, i));
        }
        ledger.events().recordAll(batch);
        assertEquals(50, ledger.events().summarize(Scope.ALL, null, null, null).totals().events());
        // A second batch whose last row breaks a table constraint: the 10 rows before it roll back.
        TestLedgers.refuseKey(ledger.database(), "boom");
        List<EventInput> bad = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bad.add(event("c" + i, "T1", null, "claude-haiku-4-5", 1, 1));
        }
        bad.add(event("boom", "T1", null, "claude-haiku-4-5", 1, 1));
        assertThrows(LedgerException.class, () -> ledger.events().recordAll(bad));
        assertEquals(50, ledger.events().summarize(Scope.ALL, null, null, null).totals().events());
    }

    @Test
    void summaryByEveryScopeAndWindow() {
        EventInput e = new EventInput("s1", Instant.parse("2026-11-20T12:00:00Z"), null, null, null, "S1", "T1",
                "WS", "R", "ralph", "claude-haiku-4-5", null, null, null, null, "commit", "abc123",
                new Usage(100, 10, 5, 3, 2), new BigDecimal("0.5"), false, null, null, null);
        ledger.events().record(e);
        for (Scope scope : Scope.values()) {
            String id = switch (scope) {
                case TASK -> "T1";
                case WORKSTREAM -> "WS";
                case REPO -> "R";
                case COMMIT -> "abc123";
                case RELEASE -> "none";
                case SESSION -> "S1";
                case MODEL -> "claude-haiku-4-5";
                case AGENT -> "ralph";
                case MACHINE -> Machines.local(); // the ledger stamps this machine's name
                case ALL -> null;
            };
            Summary s = ledger.events().summarize(scope, id, null, null);
            assertEquals(scope == Scope.RELEASE ? 0 : 120, s.totals().totalTokens(), scope.toString());
        }
        Summary s = ledger.events().summarize(Scope.ALL, null, null, null);
        assertTrue(s.lowerBound());
        assertEquals(120, s.byAgent().get("ralph").totalTokens());
        assertEquals(java.util.Map.of(Machines.local(), s.totals()), s.byMachine());
        assertEquals(0, ledger.events().summarize(Scope.ALL, null, Instant.parse("2026-11-21T00:00:00Z"), null).totals().events());
        assertEquals(1, ledger.events().summarize(Scope.ALL, null, Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:00Z")).totals().events());
    }

    @Test
    void listEventsPagesNewestFirstWithACursor() {
        for (int i = 0; i < 25; i++) {
            EventInput e = new EventInput("p" + i, Instant.parse("2026-11-20T12:00:00Z").plusSeconds(i), null, null,
                    null, null, "T1", null, null, null, null, null, null, null, null, null, null,
                    new Usage(i, 0, 0, 0, 0), null, true, null, null, null);
            ledger.events().record(e);
        }
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EventPage page = ledger.events().listEvents(EventFilter.ALL, 10, cursor);
            page.events().forEach(s -> keys.add(s.event().recordKey()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(25, keys.size());
        assertEquals("p24", keys.get(0));
        assertEquals("p0", keys.get(24));
    }

    @Test
    void invalidInputNamesTheFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Usage(-5, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> event("x", "T", null, null, 20_000_000_000L, 0));
        assertEquals("input_tokens must be at most 10000000000 for one event, got 20000000000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scope.parse("galaxy"));
        assertTrue(e.getMessage().contains("'galaxy'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TaskUpdate("T", "finished", null, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("status must be one of todo, in_progress"), e.getMessage());
    }
}
