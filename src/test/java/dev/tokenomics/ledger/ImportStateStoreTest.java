package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent sources' write path: batches of one transaction share one writer and its batch writes, and
 * a key given twice (in one batch or in two) is stored once, as a copy or, for a replacing batch, as the
 * later event; every rollup still matches the events it stands for.
 */
class ImportStateStoreTest {
    @TempDir
    Path dir;

    static ImportCursor cursor(String path) {
        return new ImportCursor(Sources.GEMINI_CLI, path, 10, 1, 10, "-", 1, 0, null);
    }

    @Test
    void aKeyTwiceInOneCallIsStoredOnceAndTheRollupsAgree() {
        try (TokenLedger l = LedgerTestSupport.open(dir)) {
            EventInput a = LedgerTestSupport.event("k:a", null, null, "gpt-5", 100, 10);
            EventInput a2 = LedgerTestSupport.event("k:a", null, null, "gpt-5", 300, 30);
            EventInput b = LedgerTestSupport.event("k:b", null, null, "gpt-5", 7, 1);
            SourceBatch.Outcome o = l.imports().importSources(List.of(
                    new SourceBatch(cursor("/x/1"), List.of(a, b, a2)), // a2: a copy of a stored key, left
                    new SourceBatch(cursor("/x/2"), List.of(a2, a2), true, null))); // replaces a, then itself
            assertEquals(2, o.added());
            assertEquals(2, o.replaced());
            assertEquals(1, o.duplicates());
            Summary s = l.events().summarize(Scope.ALL, null, null, null, null);
            assertEquals(2, s.totals().events());
            assertEquals(307, s.totals().inputTokens()); // a as a2 says, and b
            assertEquals(2, l.imports().importCursors(Sources.GEMINI_CLI).size());
            // The invariant check adds pruned events from a shadow table: none here.
            l.database().write("shadow table", c -> c.createStatement().executeUpdate(
                    "CREATE TABLE IF NOT EXISTS test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
            RollupInvariantTest.assertRollupsMatch(l.database(), "after two batches sharing a key");
        }
    }
}
