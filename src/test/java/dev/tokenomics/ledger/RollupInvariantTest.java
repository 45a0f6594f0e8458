package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.report.DayTotals;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule the writer keeps, checked after every step of random write sequences: each rollup equals
 * the GROUP BY over token_events it stands for. running_totals and spend_hourly keep what prunes
 * deleted, so they are compared with the events plus a copy of every pruned row; the report cells
 * lose pruned rows, and report_tasks_hourly.last_ts is never below the cell's latest ts.
 */
class RollupInvariantTest {
    private static final String[] TASKS = {"T0", "T1", "T2", "T3", null};
    private static final String[] WORKSTREAMS = {"ws0", "ws1", null};
    private static final String[] REPOS = {"r0", "r1", null};
    private static final String[] AGENTS = {"a0", "a1", null};
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-6", "mystery-model",
            null};
    private static final String[] SPEEDS = {null, null, "standard", "fast"};
    /** A table that changes haiku's rates, prices the mystery model and gives sonnet a fast mode. */
    private static final String OVERRIDE_A = """
            {"claude-haiku-4-5": {"input_cost_per_token": 2e-6, "output_cost_per_token": 7e-6,
               "litellm_provider": "anthropic"},
             "mystery-model": {"input_cost_per_token": 1e-7, "output_cost_per_token": 3e-7},
             "claude-sonnet-4-5": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5,
               "cache_read_input_token_cost": 3e-7, "cache_creation_input_token_cost": 3.75e-6,
               "input_cost_per_token_above_200k_tokens": 6e-6, "output_cost_per_token_above_200k_tokens": 2.25e-5,
               "litellm_provider": "anthropic", "provider_specific_entry": {"fast": 4}}}""";
    /** A table that only changes Opus 4.6's fast multiplier: only fast Opus events move. */
    private static final String OVERRIDE_B = """
            {"claude-opus-4-6": {"input_cost_per_token": 5e-6, "output_cost_per_token": 2.5e-5,
               "cache_read_input_token_cost": 5e-7, "cache_creation_input_token_cost": 6.25e-6,
               "litellm_provider": "anthropic", "provider_specific_entry": {"fast": 3}}}""";
    private static final String[] STAGES = {"plan", "execute", null};
    private static final String[] LANES = {"A", null};
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final int SPAN_HOURS = 52 * 24 - 12; // up to a few hours before LedgerTestSupport.NOW

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void everyRollupEqualsItsGroupByAfterEveryStep(long seed) throws IOException {
        Random r = new Random(seed);
        ZoneId zone = seed % 2 == 0 ? ZoneId.of("UTC") : ZoneId.of("Asia/Kolkata"); // half-hour cuts split hour cells
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            Database db = ledger.database();
            db.write("shadow table", c -> c.createStatement().executeUpdate(
                    "CREATE TABLE test_pruned AS SELECT * FROM token_events WHERE 1 = 0"));
            int files = 0;
            PriceTable[] tables = {ledger.prices(), table("a.json", OVERRIDE_A), table("b.json", OVERRIDE_B)};
            PriceTable costedWith = ledger.prices();
            for (int step = 0; step < 48; step++) {
                int op = r.nextInt(12);
                boolean writesNoCost = false;
                String what;
                switch (op) {
                    case 0, 1 -> {
                        what = "record";
                        ledger.events().record(event(r));
                    }
                    case 2 -> {
                        what = "batch";
                        List<EventInput> batch = new ArrayList<>();
                        for (int i = 1 + r.nextInt(30); i > 0; i--) {
                            batch.add(event(r));
                        }
                        ledger.events().recordAll(batch);
                    }
                    case 3 -> {
                        what = "import stream";
                        List<EventInput> batch = new ArrayList<>();
                        for (int i = r.nextInt(60); i > 0; i--) {
                            batch.add(event(r));
                        }
                        ledger.events().importAll(batch);
                    }
                    case 4 -> {
                        what = "update task status";
                        EventInput withIt = r.nextBoolean() ? event(r) : null;
                        ledger.tasks().updateTaskStatus(new TaskUpdate("T" + r.nextInt(4), "in_progress", null, null,
                                pick(r, WORKSTREAMS), pick(r, REPOS), null, withIt));
                        writesNoCost = withIt == null;
                    }
                    case 5 -> {
                        what = "delete";
                        LedgerTestSupport.deleteEvent(db, "k" + r.nextInt(80));
                    }
                    case 6 -> {
                        what = "prune";
                        prune(ledger, START.plusSeconds(3600L * r.nextInt(SPAN_HOURS)), zone);
                    }
                    case 7, 8 -> {
                        what = "transcript batch";
                        ledger.imports().importTranscript(transcriptBatch(r, files++));
                    }
                    case 9 -> {
                        what = "transcript import";
                        importTree(ledger, r, dir.resolve("claude-" + seed));
                    }
                    default -> {
                        // Another process's table (a --prices file, a prices update): a read reprices to it.
                        PriceTable t = tables[r.nextInt(tables.length)];
                        what = "reprice to " + t.version();
                        new TokenLedger(db, t, ledger.clock(), EventDefaults.NONE).reprice();
                        costedWith = t;
                    }
                }
                assertRollupsMatch(db, "seed " + seed + " step " + step + " (" + what + ")");
                if (op != 5 && op != 6 && op < 10 && !writesNoCost) {
                    // A write costs with its own table and leaves the rest of a reprice to it for the
                    // next read: after one, every cost follows that table.
                    ledger.reprice();
                    costedWith = ledger.prices();
                    assertRollupsMatch(db, "seed " + seed + " step " + step + " (" + what + ", then a read)");
                }
                assertCostsFollow(db, costedWith, "seed " + seed + " step " + step + " (" + what + ")");
            }
        }
    }

    private PriceTable table(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return PriceTable.load(file);
    }

    /** Every stored cost is the table's price of the event's tokens at its model and speed (null: unpriced). */
    static void assertCostsFollow(Database db, PriceTable prices, String when) {
        List<String> wrong = db.read("read costs", c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT record_key, model, speed, input_tokens, "
                    + "output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos "
                    + "FROM token_events")) {
                while (rs.next()) {
                    Usage u = new Usage(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
                    Long expected = prices.lookup(rs.getString(2), rs.getString(3))
                            .map(p -> Costs.toNanos(Costs.cost(p, u))).orElse(null);
                    Long stored = EventStore.nullableLong(rs, 9);
                    if (!java.util.Objects.equals(expected, stored)) {
                        out.add(rs.getString(1) + " " + rs.getString(2) + "/" + rs.getString(3) + ": stored " + stored
                                + ", table says " + expected);
                    }
                }
            }
            return out;
        });
        assertEquals(List.of(), wrong, when + ": costs follow " + prices.version());
    }

    private static void prune(TokenLedger ledger, Instant at, ZoneId zone) {
        LocalDate before = LocalDate.ofInstant(at, zone);
        Instant cut = Times.startOfDay(before, zone);
        int copied = ledger.database().write("copy the rows a prune deletes", c -> {
            try (var ps = c.prepareStatement("INSERT INTO test_pruned SELECT * FROM token_events WHERE ts < ?")) {
                ps.setString(1, Times.format(cut));
                return ps.executeUpdate();
            }
        });
        SnapshotResult s = ledger.rollups().prune(before, zone, DayTotals.maker(ledger.prices(), zone, ledger.clock().instant()));
        assertEquals(copied, s.deletedEvents(), "the prune deletes exactly the rows before its cut");
    }

    private static EventInput event(Random r) {
        Instant ts = START.plusSeconds(3600L * r.nextInt(SPAN_HOURS) + r.nextInt(3600)).plusMillis(r.nextInt(1000));
        String key = r.nextInt(5) == 0 ? null : "k" + r.nextInt(80); // null: a generated key
        // A third started hours earlier (the report cells key them by their start hour), one in twenty
        // claims a start after its ts (then ts is the start), the rest have none.
        int kind = r.nextInt(20);
        Instant start = kind < 7 ? ts.minusSeconds(r.nextInt(5 * 3600)) : kind == 7 ? ts.plusSeconds(3600) : null;
        return new EventInput(key, ts, start, null, null, "s" + r.nextInt(3), pick(r, TASKS), pick(r, WORKSTREAMS),
                pick(r, REPOS), pick(r, AGENTS), pick(r, MODELS), pick(r, STAGES), null, null, pick(r, LANES),
                r.nextBoolean() ? "pr" : null, r.nextBoolean() ? Integer.toString(r.nextInt(4)) : null,
                new Usage(r.nextInt(5_000), r.nextInt(500), r.nextInt(3), r.nextInt(200), r.nextInt(9_000)), null,
                r.nextInt(6) != 0, r.nextInt(4) == 0 ? "claude-code" : null, r.nextInt(10) == 0 ? "error" : "ok", null,
                pick(r, SPEEDS));
    }

    /** Copies of a few messages, main-chain and sidechain, growing and shrinking: every counting rule. */
    private static TranscriptBatch transcriptBatch(Random r, int n) {
        List<TranscriptBatch.Response> responses = new ArrayList<>();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
            String message = "m" + r.nextInt(10);
            String request = "q" + r.nextInt(3);
            boolean sidechain = r.nextInt(3) == 0;
            Instant ts = START.plusSeconds(3600L * r.nextInt(SPAN_HOURS));
            EventInput e = new EventInput(TranscriptStore.key(message, request), ts, null, null, null, "s1", null,
                    null, "r0", null, pick(r, MODELS), null, null, null, null, null, null,
                    new Usage(r.nextInt(3_000), r.nextInt(300), 0, 0, r.nextInt(5_000)), null, true,
                    sidechain ? TranscriptBatch.SIDECHAIN : TranscriptBatch.SOURCE, "ok", null);
            responses.add(new TranscriptBatch.Response(message, request, sidechain, e));
        }
        TranscriptCursor cursor = new TranscriptCursor("/fixture/file-" + n + ".jsonl", 1, 1, null, 1, "h", "t", 1, 0,
                "s1", "p", null);
        return new TranscriptBatch(cursor, responses, List.of());
    }

    /** Appends a few assistant lines to a Claude Code tree and imports it with the real importer. */
    private static void importTree(TokenLedger ledger, Random r, Path claude) throws IOException {
        Path file = claude.resolve("projects").resolve("-home-dev-app").resolve("sess-" + r.nextInt(3) + ".jsonl");
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            Instant ts = START.plusSeconds(3600L * r.nextInt(SPAN_HOURS));
            lines.append(assistantLine("msg_" + r.nextInt(12), "req_" + r.nextInt(2), ts, r.nextInt(4_000),
                    r.nextInt(400), r.nextInt(4) == 0)).append('\n');
        }
        Files.writeString(file, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude));
    }

    private static String assistantLine(String messageId, String requestId, Instant ts, long in, long out,
            boolean sidechain) {
        return "{\"parentUuid\":\"p\",\"isSidechain\":" + sidechain + ",\"userType\":\"external\","
                + "\"cwd\":\"/home/dev/app\",\"sessionId\":\"sess\",\"version\":\"2.1.170\",\"gitBranch\":\"main\","
                + "\"type\":\"assistant\",\"message\":{\"id\":\"" + messageId + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"usage\":{\"input_tokens\":" + in + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":" + out + "}},\"requestId\":\"" + requestId + "\",\"uuid\":\"u-" + messageId + "-"
                + out + "\",\"timestamp\":\"" + ts + "\"}";
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static final String TOTALS = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), "
            + "SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), "
            + "COUNT(*) - COUNT(cost_nanos), SUM(1 - usage_complete)";
    private static final String EVER = "(SELECT * FROM token_events UNION ALL SELECT * FROM test_pruned) ever";
    private static final String ROLLUP_TOTALS = "events, input_tokens, output_tokens, cache_creation_tokens, "
            + "cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events";

    static void assertRollupsMatch(Database db, String when) {
        assertEquals(rows(db, """
                SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''),
                  usage_complete, status, source, substr(CASE WHEN ts_start < ts THEN ts_start ELSE ts END, 1, 13), COUNT(*),
                  SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens),
                  SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos),
                  COUNT(*) - COUNT(ts_start)
                FROM token_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"""), rows(db, """
                SELECT stage, structure, role, model, usage_complete, status, source, hour, records, input_tokens,
                  output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos,
                  unpriced_records, unstarted_records
                FROM report_dims_hourly ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"""), when + ": report_dims_hourly");
        assertEquals(rows(db, """
                SELECT substr(CASE WHEN ts_start < ts THEN ts_start ELSE ts END, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''),
                  COALESCE(ref_type, ''), COALESCE(ref_id, ''), COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens
                  + cache_creation_1h_tokens + cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos),
                  SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens),
                  SUM(cache_read_tokens)
                FROM token_events WHERE usage_complete = 1 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"""), rows(db, """
                SELECT hour, task_id, lane, ref_type, ref_id, records, tokens, cost_nanos, unpriced_records,
                  input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens
                FROM report_tasks_hourly ORDER BY 1, 2, 3, 4, 5"""), when + ": report_tasks_hourly");
        assertEquals(List.of(), rows(db, """
                SELECT c.hour, c.task_id, c.last_ts, MAX(e.ts) FROM report_tasks_hourly c JOIN token_events e
                  ON substr(CASE WHEN e.ts_start < e.ts THEN e.ts_start ELSE e.ts END, 1, 13) = c.hour AND COALESCE(e.task_id, '') = c.task_id AND COALESCE(e.lane, '') = c.lane
                  AND COALESCE(e.ref_type, '') = c.ref_type AND COALESCE(e.ref_id, '') = c.ref_id AND e.usage_complete = 1
                GROUP BY c.hour, c.task_id, c.lane, c.ref_type, c.ref_id HAVING c.last_ts < MAX(e.ts)"""),
                when + ": last_ts below the cell's latest ts");
        assertEquals(rows(db, "SELECT 'task', task_id, " + TOTALS + " FROM " + EVER + " WHERE task_id IS NOT NULL "
                + "GROUP BY task_id UNION ALL SELECT 'workstream', workstream, " + TOTALS + " FROM " + EVER
                + " WHERE workstream IS NOT NULL GROUP BY workstream ORDER BY 1, 2"),
                rows(db, "SELECT scope, scope_id, " + ROLLUP_TOTALS + " FROM running_totals WHERE events <> 0 ORDER BY 1, 2"),
                when + ": running_totals");
        StringBuilder spend = new StringBuilder("SELECT 'global', '', substr(ts, 1, 13), " + TOTALS + " FROM " + EVER
                + " GROUP BY 3");
        for (String scope : List.of("repo", "workstream", "agent", "model", "source")) {
            spend.append(" UNION ALL SELECT '").append(scope).append("', ").append(scope).append(", substr(ts, 1, 13), ")
                    .append(TOTALS).append(" FROM ").append(EVER).append(" WHERE ").append(scope)
                    .append(" IS NOT NULL GROUP BY 2, 3");
        }
        assertEquals(rows(db, spend + " ORDER BY 1, 2, 3"), rows(db, "SELECT scope, scope_id, hour, " + ROLLUP_TOTALS
                + " FROM spend_hourly WHERE events <> 0 ORDER BY 1, 2, 3"), when + ": spend_hourly");
        // Emptied cells of the two that never delete rows hold zeros only.
        assertEquals(List.of(), rows(db, "SELECT * FROM running_totals WHERE events = 0 AND (input_tokens <> 0 "
                + "OR output_tokens <> 0 OR cache_read_tokens <> 0 OR cost_nanos <> 0 OR unpriced_events <> 0)"), when);
        assertEquals(List.of(), rows(db, "SELECT * FROM spend_hourly WHERE events = 0 AND (input_tokens <> 0 "
                + "OR output_tokens <> 0 OR cache_read_tokens <> 0 OR cost_nanos <> 0 OR unpriced_events <> 0)"), when);
    }

    static List<String> rows(Database db, String sql) {
        return db.read("compare rollups", c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        b.append(rs.getString(i)).append('|');
                    }
                    out.add(b.toString());
                }
            }
            return out;
        });
    }
}
