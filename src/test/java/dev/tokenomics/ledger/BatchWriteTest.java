package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.pricing.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * recordAll's two-pass batch (insert the new keys in one executeBatch, then replace the rest) stores
 * exactly what recording the same events one by one stores: the same rows, ids, replaced flags and
 * rollup cells, with keys repeated inside a batch and keys stored before it, and text (quotes,
 * commas, line breaks, backslashes, a literal \N) exactly as given.
 */
class BatchWriteTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void aBatchStoresWhatOneByOneStores(long seed) throws Exception {
        Random r = new Random(seed);
        List<List<EventInput>> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            List<EventInput> batch = new ArrayList<>();
            for (int i = 1 + r.nextInt(40); i > 0; i--) {
                batch.add(event(r));
            }
            batches.add(batch);
        }
        Files.createDirectories(dir.resolve("one"));
        Files.createDirectories(dir.resolve("batch"));
        Files.createDirectories(dir.resolve("import"));
        List<String> oneByOne = new ArrayList<>();
        List<String> batched = new ArrayList<>();
        try (TokenLedger one = LedgerTestSupport.open(dir.resolve("one"));
                TokenLedger all = LedgerTestSupport.open(dir.resolve("batch"));
                TokenLedger imported = LedgerTestSupport.open(dir.resolve("import"))) {
            // importAll: every batch as one stream, in the batch path's chunks.
            assertEquals(batches.stream().mapToLong(List::size).sum(),
                    imported.events().importAll(batches.stream().flatMap(List::stream).toList()));
            for (List<EventInput> batch : batches) {
                for (EventInput e : batch) {
                    RecordedEvent x = one.events().record(e);
                    oneByOne.add(x.id() + " " + x.recordKey().startsWith("auto:") + " " + x.replaced() + " " + x.costNanos());
                }
                for (RecordedEvent x : all.events().recordAll(batch)) {
                    batched.add(x.id() + " " + x.recordKey().startsWith("auto:") + " " + x.replaced() + " " + x.costNanos());
                }
            }
            // PostgreSQL ids come from a sequence that an ON CONFLICT insert also advances: they are
            // unique and increasing, not dense, so there the ids are compared by first appearance.
            assertEquals(TestLedgers.postgres() ? byFirstAppearance(oneByOne) : oneByOne,
                    TestLedgers.postgres() ? byFirstAppearance(batched) : batched);
            for (String table : List.of("token_events", "running_totals", "spend_hourly", "report_dims_hourly",
                    "report_tasks_hourly")) {
                String order = table.equals("token_events") ? "id" : "1, 2, 3";
                String columns = table.equals("token_events") ? (TestLedgers.postgres() ? "" : "id, ") + "ts, task_id, workstream, model, input_tokens, "
                        + "cache_read_tokens, cost_nanos, usage_complete, source, status, created_at, note, "
                        + "CASE WHEN record_key LIKE 'auto:%' THEN 'auto' ELSE record_key END" : "*";
                String sql = "SELECT " + columns + " FROM " + table + " ORDER BY " + order;
                // A rollup's rows in full-row order: ORDER BY 1, 2, 3 leaves ties to the database.
                List<String> a = dump(one, sql);
                List<String> b = dump(all, sql);
                List<String> i = dump(imported, sql);
                if (!table.equals("token_events")) {
                    java.util.Collections.sort(a);
                    java.util.Collections.sort(b);
                    java.util.Collections.sort(i);
                }
                assertEquals(a, b, table);
                assertEquals(a, i, table + " (importAll)");
            }
        }
    }

    /** importAll across its chunks: keys of one chunk replaced by the next, the rollups kept exactly. */
    @org.junit.jupiter.api.Test
    void importAllAcrossChunksReplacesAndKeepsTheRollups() throws Exception {
        Random r = new Random(9);
        List<EventInput> events = new ArrayList<>();
        for (int i = 0; i < TokenLedger.MAX_BATCH * 2 + 1_000; i++) {
            EventInput e = event(r);
            events.add(e.recordKey() == null ? e : new EventInput("c" + (i % 15_000), e.ts(), null, null, null, null,
                    e.taskId(), e.workstream(), e.repo(), e.agent(), e.model(), e.stage(), null, null, e.lane(), null,
                    null, e.usage(), null, e.usageComplete(), null, e.status(), e.note()));
        }
        long generated = events.stream().filter(e -> e.recordKey() == null).count();
        long keys = events.stream().map(EventInput::recordKey).filter(java.util.Objects::nonNull).distinct().count();
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            assertEquals(events.size(), ledger.events().importAll(events));
            assertEquals(List.of(String.valueOf(keys + generated) + "|"),
                    RollupInvariantTest.rows(ledger.database(), "SELECT COUNT(*) FROM token_events"));
            ledger.database().write("no prunes", c -> c.createStatement().execute(
                    "CREATE TABLE test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
            RollupInvariantTest.assertRollupsMatch(ledger.database(), "importAll over three chunks");
        }
    }

    /** Each line's leading id replaced by the order in which that id first appeared. */
    private static List<String> byFirstAppearance(List<String> lines) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            int n = seen.computeIfAbsent(line.substring(0, space), k -> seen.size() + 1);
            out.add(n + line.substring(space));
        }
        return out;
    }

    private static List<String> dump(TokenLedger ledger, String sql) {
        return ledger.database().read("dump", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        });
    }

    private static EventInput event(Random r) {
        Instant ts = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(600L * r.nextInt(12)).plusMillis(r.nextInt(1000));
        String key = r.nextInt(6) == 0 ? null : "k" + r.nextInt(30);
        return new EventInput(key, ts, null, null, null, null, "T" + r.nextInt(3), "W" + r.nextInt(2), "r", "a",
                r.nextBoolean() ? "claude-sonnet-4-5" : "no-such-model", "plan", null, null, r.nextBoolean() ? "A" : null,
                null, null, new Usage(r.nextInt(5_000), r.nextInt(500), 0, 0, r.nextInt(9_000)), null,
                r.nextInt(5) != 0, null, "ok", NOTES[r.nextInt(NOTES.length)]);
    }

    /** Text PostgreSQL's batch path must carry through its CSV copy unchanged (a blank note is none). */
    private static final String[] NOTES = {null, "", "a \"quoted\", comma", "line\nbreak\r\n", "back\\slash \\N",
        "\u00fcn\u00efc\u00f8d\u00e9 \u2713", ",", "\""};
}
