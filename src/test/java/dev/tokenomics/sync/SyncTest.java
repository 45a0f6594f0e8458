package dev.tokenomics.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.StatusChange;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TaskView;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TestLedgers;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines push to a hub over real HTTP (Jetty on a free port; the hub's ledger on PostgreSQL in the
 * PostgreSQL pass, a file otherwise): exact per-machine totals, nothing twice, and a refused push
 * changes nothing.
 */
class SyncTest {
    static final String TOKEN = "hub-secret";

    @TempDir
    Path dir;

    TokenLedger hub;
    HttpServer server;
    final List<TokenLedger> machines = new ArrayList<>();

    @BeforeEach
    void startHub() throws Exception {
        Files.createDirectories(dir.resolve("hub"));
        hub = dev.tokenomics.ledger.TestLedgers.ledger(dir.resolve("hub"), PriceTable.bundled(), Clock.systemUTC(),
                EventDefaults.NONE);
        server = HttpServer.start(hub, new HttpOptions("127.0.0.1", 0, TOKEN, List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
        hub.close();
        machines.forEach(TokenLedger::close);
    }

    /** A machine's own SQLite ledger with {@code n} events (some keys shared with other machines on purpose). */
    TokenLedger machine(String name, int n) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        TokenLedger l = TokenLedger.open(dev.tokenomics.ledger.LedgerLocation.sqlite(home.resolve("ledger.db")), PriceTable.bundled(),
                Clock.systemUTC(), new EventDefaults(null, null, name));
        List<EventInput> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new EventInput("k" + i, Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i * 60L), null, null,
                    null, "s-" + name, "T" + (i % 3), "WS", "repo", null, i % 5 == 0 ? "no-such-model" : "claude-haiku-4-5",
                    null, null, null, null, null, null, new Usage(100 + i, 10, 0, 0, 5), null, true, null, null, null));
        }
        l.events().recordAll(events);
        machines.add(l);
        return l;
    }

    URI hubUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    SyncClient client(TokenLedger l, String token, int batch) {
        return new SyncClient(l, hubUrl(), token, batch, 0, Duration.ofSeconds(5));
    }

    @Test
    void everyMachinesTotalsArriveOnceAndASecondSyncAddsNothing() throws Exception {
        TokenLedger laptop = machine("laptop", 230);
        TokenLedger ci = machine("ci-runner", 120);
        SyncClient.Result first = client(laptop, TOKEN, 50).run(SyncClient.Progress.NONE);
        assertEquals(230, first.pushed());
        assertEquals(230, first.added());
        assertEquals(5, first.batches());
        client(ci, TOKEN, 1000).run(SyncClient.Progress.NONE);
        // Both machines used the same record keys: on the hub they are (machine, key), so both count.
        for (TokenLedger m : List.of(laptop, ci)) {
            String name = m == laptop ? "laptop" : "ci-runner";
            Summary local = m.events().summarize(Scope.ALL, null, null, null);
            Summary there = hub.events().summarize(Scope.MACHINE, name, null, null);
            assertEquals(local.totals(), there.totals(), name);
            assertEquals(local.unpricedModels(), there.unpricedModels());
        }
        assertEquals(350, hub.events().summarize(Scope.ALL, null, null, null).totals().events());
        SyncClient.Result again = client(laptop, TOKEN, 50).run(SyncClient.Progress.NONE);
        assertEquals(0, again.pushed());
        // New events land: only they go.
        laptop.events().record(new EventInput("late", Instant.parse("2026-11-21T10:00:00Z"), null, null, null, null, null, null,
                null, null, "claude-haiku-4-5", null, null, null, null, null, null, new Usage(7, 7, 0, 0, 0), null, true,
                null, null, null));
        assertEquals(1, client(laptop, TOKEN, 50).run(SyncClient.Progress.NONE).pushed());
        assertEquals(351, hub.events().summarize(Scope.ALL, null, null, null).totals().events());
    }

    @Test
    void aSyncKilledAfterTheHubWroteButBeforeTheCursorMovedLeavesExactTotals() throws Exception {
        TokenLedger laptop = machine("laptop", 300);
        client(laptop, TOKEN, 100).run(SyncClient.Progress.NONE);
        // As if killed right after the hub's answer to each batch: the cursor never moved.
        laptop.sync().advance(client(laptop, TOKEN, 100).endpoint().toString(), 0, 0);
        SyncClient.Result rerun = client(laptop, TOKEN, 100).run(SyncClient.Progress.NONE);
        assertEquals(300, rerun.pushed());
        assertEquals(0, rerun.added());
        assertEquals(300, rerun.replaced());
        assertEquals(laptop.events().summarize(Scope.ALL, null, null, null).totals(),
                hub.events().summarize(Scope.MACHINE, "laptop", null, null).totals());
    }

    @Test
    void aWrongTokenIsRefusedAndNothingMoves() throws Exception {
        TokenLedger laptop = machine("laptop", 20);
        SyncClient.HubException e = assertThrows(SyncClient.HubException.class,
                () -> client(laptop, "wrong", 10).run(SyncClient.Progress.NONE));
        assertTrue(e.getMessage().contains("refused the token (401)"), e.getMessage());
        assertEquals(0, hub.events().summarize(Scope.ALL, null, null, null).totals().events());
        assertEquals(20, client(laptop, TOKEN, 10).pending(), "the cursor did not move");
        client(laptop, TOKEN, 10).run(SyncClient.Progress.NONE);
        // With nothing left to push, a wrong token is still refused, not reported as "0 pushed".
        SyncClient.HubException nothingNew = assertThrows(SyncClient.HubException.class,
                () -> client(laptop, "wrong", 10).run(SyncClient.Progress.NONE));
        assertTrue(nothingNew.getMessage().contains("(401)"), nothingNew.getMessage());
    }

    @Test
    void aHubThatIsDownSaysSoAndTheCursorStays() throws Exception {
        TokenLedger laptop = machine("laptop", 5);
        int port = server.port();
        server.close();
        SyncClient down = new SyncClient(laptop, URI.create("http://127.0.0.1:" + port), TOKEN, 10, 0,
                Duration.ofSeconds(2));
        SyncClient.HubException e = assertThrows(SyncClient.HubException.class, () -> down.run(SyncClient.Progress.NONE));
        assertTrue(e.getMessage().startsWith("cannot reach hub http://127.0.0.1:" + port + "/v1/sync"), e.getMessage());
        assertEquals(5, down.pending());
        server = HttpServer.start(hub, new HttpOptions("127.0.0.1", 0, TOKEN, List.of())); // for stop()
    }

    @Test
    void aMalformedOrPartialBatchIsRefusedWholeNamingTheField() throws Exception {
        String good = "{\"record_key\":\"a\",\"ts\":\"2026-11-20T10:00:00Z\",\"input_tokens\":5}";
        for (String[] c : new String[][] {
                {"{\"machine\":\"m\",\"events\":[" + good + ",{\"record_key\":\"b\",\"ts\":\"yesterday\"}]}",
                        "events[1].ts must be an ISO-8601 UTC time"},
                {"{\"machine\":\"m\",\"events\":[" + good + ",{\"record_key\":\"b\",\"ts\":\"2026-11-20T10:00:00Z\","
                        + "\"input_tokens\":-3}]}", "events[1].input_tokens must be a whole number >= 0"},
                {"{\"machine\":\"m\",\"events\":[" + good + ",{\"ts\":\"2026-11-20T10:00:00Z\"}]}",
                        "events[1].record_key is required"},
                {"{\"machine\":\"m\",\"events\":[{\"record_key\":\"a\",\"ts\":\"2026-11-20T10:00:00Z\",\"tokens\":1}]}",
                        "events[0].tokens is not a field of a sync push"},
                {"{\"events\":[" + good + "]}", "machine is required"},
                {"{\"machine\":\"m\",\"events\":[" + good, "the body is not JSON"}}) {
            HttpResponse<String> r = post(c[0], TOKEN);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains(c[1]), c[1] + " in " + r.body());
            assertTrue(r.body().contains("nothing was written"), r.body());
        }
        assertEquals(0, hub.events().summarize(Scope.ALL, null, null, null).totals().events());
        HttpResponse<String> ok = post("{\"machine\":\"m\",\"events\":[" + good + "]}", TOKEN);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(1, hub.events().summarize(Scope.MACHINE, "m", null, null).totals().events());
        assertEquals(401, post("{\"machine\":\"m\",\"events\":[]}", null).statusCode());
        assertFalse(hub.events().summarize(Scope.ALL, null, null, null).byMachine().containsKey("(none)"));
    }

    HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hubUrl() + "/v1/sync"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void taskStatusChangesAndRefsArriveOnceAndTheNewestStatusWins() throws Exception {
        TokenLedger laptop = machine("laptop", 10);
        TokenLedger ci = machine("ci-runner", 1);
        laptop.tasks().updateTaskStatus(new TaskUpdate("T9", "in_progress", "started", "Ship sync", "WS", "repo", "s1",
                new EventInput("with-change", Instant.parse("2026-11-20T12:00:00Z"), null, null, null, null, null, null,
                        null, null, "claude-haiku-4-5", null, null, null, null, null, null, new Usage(50, 5, 0, 0, 0),
                        null, true, null, null, null)));
        laptop.tasks().recordRef(new Ref("commit", "abc123", "repo", "sync tasks", 40, 2, Instant.parse("2026-11-20T13:00:00Z"),
                "manual"));
        SyncClient.Result first = client(laptop, TOKEN, 50).run(SyncClient.Progress.NONE);
        assertEquals(11, first.pushed(), "10 events and the one recorded with the change");
        assertEquals(1, first.changes());
        assertEquals(1, first.changesAdded());
        assertEquals(1, first.refs());
        TaskView there = hub.tasks().getTask("T9");
        assertEquals("in_progress", there.task().status());
        assertEquals("Ship sync", there.task().title());
        List<StatusChange> history = there.history();
        assertEquals(1, history.size());
        assertTrue(history.get(0).eventId() != null, "the change points at the hub's copy of its event");
        assertEquals(55, there.summary().totals().totalTokens());
        assertEquals(40, hub.tasks().refs().get(new Ref.Key("commit", "abc123")).locAdded());

        // Again: nothing new on the hub.
        SyncClient.Result again = client(laptop, TOKEN, 50).run(SyncClient.Progress.NONE);
        assertEquals(0, again.pushed());
        assertEquals(0, again.changes());
        assertEquals(1, hub.tasks().getTask("T9").history().size());

        // Another machine finishes the task later; the laptop's older change, pushed after it, does not undo it.
        ci.tasks().updateTaskStatus(new TaskUpdate("T9", "done", "merged", null, null, null, "s2", null));
        assertEquals(1, client(ci, TOKEN, 50).run(SyncClient.Progress.NONE).changesAdded());
        assertEquals("done", hub.tasks().getTask("T9").task().status());
        assertEquals(2, hub.tasks().getTask("T9").history().size());
    }

    @Test
    void aPushWithABadStatusChangeIsRefusedWholeNamingTheField() throws Exception {
        String body = """
                {"machine": "laptop", "events": [{"record_key": "x1", "ts": "2026-11-20T10:00:00Z", "input_tokens": 5}],
                 "status_changes": [{"id": 1, "task_id": "T1", "to_status": "finished", "ts": "2026-11-20T10:00:00Z"}]}""";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hubUrl().resolve("/v1/sync"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("status_changes[0].to_status"), r.body());
        assertTrue(r.body().contains("finished"), r.body());
        assertEquals(0, hub.events().summarize(Scope.ALL, null, null, null).totals().events(), "nothing written");
    }
}
