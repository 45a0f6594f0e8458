package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reprice runs a chunk of events per transaction and goes on from its cursor after a kill; writers
 * go on beside it; and a process on an older table never moves the stored costs back (issue 12).
 */
class ChunkedRepriceTest {
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "mystery-model", "claude-opus-4-6"};

    @TempDir
    Path dir;

    private TokenLedger open(PriceTable prices) {
        return new TokenLedger(TestLedgers.open(dir), prices, Clock.fixed(LedgerTestSupport.NOW, ZoneOffset.UTC),
                EventDefaults.NONE);
    }

    /** Same date as the bundled table: prices mystery-model, changes haiku's rates. */
    private PriceTable override() throws Exception {
        Path file = dir.resolve("override.json");
        Files.writeString(file, """
                {"mystery-model": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
                 "claude-haiku-4-5": {"input_cost_per_token": 2e-6, "output_cost_per_token": 5e-6,
                   "litellm_provider": "anthropic"}}""");
        return PriceTable.load(file);
    }

    /** A whole table dated before the bundled one, with other haiku and sonnet rates. */
    private PriceTable older() throws Exception {
        Path file = dir.resolve("older.json");
        Files.writeString(file, """
                {"last_updated": "2026-01-15",
                 "claude-haiku-4-5": {"input_cost_per_token": 7e-7, "output_cost_per_token": 4e-6,
                   "litellm_provider": "anthropic"},
                 "claude-sonnet-4-5": {"input_cost_per_token": 2e-6, "output_cost_per_token": 1e-5,
                   "litellm_provider": "anthropic"}}""");
        return PriceTable.load(file, null);
    }

    private static EventInput event(String key, int i) {
        return new EventInput(key, LedgerTestSupport.NOW.minus(Duration.ofMinutes(i)), null, null, null, null,
                "T" + (i % 7), "ws" + (i % 3), "repo", "agent", MODELS[i % MODELS.length], null, null, null, null, null,
                null, new Usage(1_000L + i, 500L + i, 0, 0, 2_000L + i), null, true, null, null, null,
                i % 11 == 0 ? "fast" : null);
    }

    private static void fill(TokenLedger ledger, int n) {
        List<EventInput> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("e" + i, i));
        }
        ledger.events().recordAll(events);
    }

    private static List<String> state(Database db) {
        return RollupInvariantTest.rows(db, "SELECT fingerprint, "
                + "COALESCE(pending_fingerprint, ''), COALESCE(CAST(pending_after AS TEXT), ''), "
                + "COALESCE(CAST(stale_from AS TEXT), '') FROM price_state");
    }

    private static Repricer.Step step(TokenLedger ledger, int chunk) {
        return ledger.database().write("one reprice chunk", c -> {
            try (EventWriter w = new EventWriter(c)) {
                return Repricer.step(c, ledger.prices(), w, LedgerTestSupport.NOW, chunk, null, null);
            }
        });
    }

    private static void assertConsistent(TokenLedger ledger, String when) {
        Database db = ledger.database();
        db.write("shadow table", c -> c.createStatement().executeUpdate(
                "CREATE TABLE IF NOT EXISTS test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
        RollupInvariantTest.assertRollupsMatch(db, when);
    }

    @Test
    void aRepriceCommitsChunkByChunkAndAKilledOneGoesOnFromItsCursor() throws Exception {
        try (TokenLedger bundled = open(PriceTable.bundled())) {
            fill(bundled, 400);
        }
        PriceTable override = override();
        try (TokenLedger cut = open(override)) {
            // Three chunks of 40, then the process dies: each chunk was a transaction of its own.
            for (int i = 0; i < 3; i++) {
                Repricer.Step s = step(cut, 40);
                assertEquals(false, s.done(), "chunk " + i);
                assertEquals(40, s.checked(), "the haiku and mystery events checked in chunk " + i);
            }
            List<String> mid = state(cut.database());
            assertEquals(1, mid.size());
            String[] f = mid.get(0).split("\\|", -1);
            assertEquals(PriceTable.bundled().fingerprint(), f[0], "the ledger still names the old table");
            assertEquals(override.fingerprint(), f[1], "and the reprice under way");
            assertTrue(Long.parseLong(f[2]) > 0, "with its cursor: " + mid);
            assertConsistent(cut, "between chunks");
        }
        try (TokenLedger again = open(override)) {
            long recosted = again.reprice();
            assertTrue(recosted > 0 && recosted < 400, "the rest of haiku's and mystery's events: " + recosted);
            assertEquals(List.of(override.fingerprint() + "||||"), state(again.database()));
            assertEquals(-1, again.reprice(), "nothing left");
            RollupInvariantTest.assertCostsFollow(again.database(), override, "after the resumed reprice");
            assertConsistent(again, "after the resumed reprice");
        }
    }

    @Test
    void writersGoOnWhileARepriceRunsAndEveryCostEndsOnTheTable() throws Exception {
        try (TokenLedger bundled = open(PriceTable.bundled())) {
            fill(bundled, 2_000);
        }
        PriceTable override = override();
        try (TokenLedger repricer = open(override); TokenLedger writer = open(override)) {
            repricer.repriceChunk(25);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Long> reprice = pool.submit(repricer::reprice);
                Future<Integer> writes = pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        writer.events().record(event("w" + i, 10_000 + i));
                    }
                    return 200;
                });
                assertEquals(200, writes.get());
                assertTrue(reprice.get() >= 0);
            } finally {
                pool.shutdownNow();
            }
            repricer.reprice();
            assertEquals(List.of(override.fingerprint() + "||||"), state(repricer.database()));
            assertEquals(List.of("2200|"), RollupInvariantTest.rows(repricer.database(), "SELECT COUNT(*) FROM token_events"));
            RollupInvariantTest.assertCostsFollow(repricer.database(), override, "after the reprice and the writes");
            assertConsistent(repricer, "after the reprice and the writes");
        }
    }

    @Test
    void anOlderTableNeverRepricesTheHistoryBackAndWhatItWritesIsRepricedLater() throws Exception {
        PriceTable bundled = PriceTable.bundled();
        try (TokenLedger current = open(bundled)) {
            fill(current, 120);
        }
        PriceTable older = older();
        assertTrue(older.base().date().isBefore(bundled.base().date()));
        try (TokenLedger old = open(older)) {
            assertEquals(-1, old.reprice(), "an older table moves nothing");
            RollupInvariantTest.assertCostsFollow(old.database(), bundled, "history stays on the newer table");
            RecordedEvent r = old.events().record(event("from-old", 500));
            RecordedEvent replaced = old.events().record(event("e3", 3)); // a replacement low in the ids
            assertTrue(replaced.replaced());
            assertNotEquals(null, r.costNanos());
            List<String> st = state(old.database());
            assertEquals(bundled.fingerprint() + "||" + "|" + replaced.id() + "|", st.get(0),
                    "the ledger still follows the newer table, and marks what the older one wrote");
            assertEquals(-1, old.reprice(), "a read on the older table still moves nothing");
        }
        try (TokenLedger current = open(bundled)) {
            long recosted = current.reprice();
            assertTrue(recosted >= 1, "the older table's events are brought onto the newer one: " + recosted);
            assertEquals(List.of(bundled.fingerprint() + "||||"), state(current.database()));
            RollupInvariantTest.assertCostsFollow(current.database(), bundled, "after the newer table's read");
            assertConsistent(current, "after the newer table's read");
        }
    }

    @Test
    void aWriteBehindTheCursorOfARepriceIsCheckedAgain() throws Exception {
        try (TokenLedger bundled = open(PriceTable.bundled())) {
            fill(bundled, 300);
        }
        PriceTable override = override();
        try (TokenLedger cut = open(override)) {
            step(cut, 50);
            step(cut, 50);
        }
        // The override's reprice is under way; an older release replaces an early event meanwhile.
        try (TokenLedger old = open(older())) {
            old.events().record(event("e1", 1));
        }
        try (TokenLedger again = open(override)) {
            again.reprice();
            RollupInvariantTest.assertCostsFollow(again.database(), override, "the early event looked at again");
            assertConsistent(again, "after the resumed reprice");
        }
    }

    @Test
    void twoLiveRepricesToTablesOfTheSameDateBothEndAndTheLastOneHolds() throws Exception {
        try (TokenLedger bundled = open(PriceTable.bundled())) {
            fill(bundled, 6_000);
        }
        PriceTable override = override();
        PriceTable bundled = PriceTable.bundled();
        try (TokenLedger a = open(override); TokenLedger b = open(bundled)) {
            a.repriceChunk(30);
            b.repriceChunk(30);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Long> first = pool.submit(a::reprice);
                Thread.sleep(20);
                Future<Long> second = pool.submit(b::reprice);
                // Each waits for the other's live reprice instead of undoing its chunks: both end.
                first.get(120, java.util.concurrent.TimeUnit.SECONDS);
                second.get(120, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            List<String> st = state(a.database());
            String followed = st.get(0).substring(0, st.get(0).indexOf('|'));
            assertEquals(List.of(followed + "||||"), st, "no reprice left half-done");
            PriceTable last = followed.equals(override.fingerprint()) ? override : bundled;
            assertEquals(last.fingerprint(), followed);
            RollupInvariantTest.assertCostsFollow(a.database(), last, "after both reprices");
            assertConsistent(a, "after both reprices");
        }
    }
}
