package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.PriceTable;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * One fixed sequence of writes, run once the old way (a version-5 ledger whose triggers keep the
 * rollups, written with the statements the code used before the writer, then migrated in place to
 * the current version) and once the new way (a fresh ledger written through EventWriter): every
 * table the writes touch, and the JSON of report, summary, usage and budgets, must be identical.
 */
class OldWritePathTest {
    /** The upsert of version 5, frozen here: the triggers did the rest. */
    private static final String OLD_UPSERT = """
            INSERT INTO token_events (record_key, ts, ts_start, ts_end, duration_ms, session_id, task_id,
              workstream, repo, agent, model, stage, role, structure, lane, ref_type, ref_id,
              input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens,
              reported_cost_nanos, cost_nanos, price_version, usage_complete, source, status, note, created_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (record_key) DO UPDATE SET
              ts = excluded.ts, ts_start = excluded.ts_start, ts_end = excluded.ts_end,
              duration_ms = excluded.duration_ms, session_id = excluded.session_id, task_id = excluded.task_id,
              workstream = excluded.workstream, repo = excluded.repo, agent = excluded.agent,
              model = excluded.model, stage = excluded.stage, role = excluded.role,
              structure = excluded.structure, lane = excluded.lane, ref_type = excluded.ref_type,
              ref_id = excluded.ref_id, input_tokens = excluded.input_tokens,
              output_tokens = excluded.output_tokens, cache_creation_tokens = excluded.cache_creation_tokens,
              cache_creation_1h_tokens = excluded.cache_creation_1h_tokens,
              cache_read_tokens = excluded.cache_read_tokens, reported_cost_nanos = excluded.reported_cost_nanos,
              cost_nanos = excluded.cost_nanos, price_version = excluded.price_version,
              usage_complete = excluded.usage_complete, source = excluded.source, status = excluded.status,
              note = excluded.note""";
    private static final Instant NOW = LedgerTestSupport.NOW;
    private static final String[] TASKS = {"T0", "T1", "T2", null};
    private static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "mystery-model", null};
    private static final String[] LANES = {"A", null};
    private static final String PRUNE_CUT = "2026-11-20T05:30:00.000Z"; // a half-hour cut splits an hour cell

    @TempDir
    Path dir;

    sealed interface Op permits Upsert, Delete, Prune {}

    record Upsert(EventRow row) implements Op {}

    record Delete(String key) implements Op {}

    record Prune() implements Op {}

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theOldAndTheNewWritePathGiveTheSameLedger(long seed) throws Exception {
        List<List<Op>> transactions = transactions(new Random(seed));
        Path old = dir.resolve("old.db");
        Path fresh = dir.resolve("new.db");
        writeTheOldWay(old, transactions);
        try (Database db = Database.open(fresh)) {
            for (List<Op> tx : transactions) {
                db.write("new path", c -> {
                    try (EventWriter w = new EventWriter(c)) {
                        for (Op op : tx) {
                            if (op instanceof Upsert u) {
                                w.upsert(u.row());
                            } else if (op instanceof Delete d) {
                                w.delete(d.key());
                            } else {
                                RollupStore.logPrune(c, Instant.parse(PRUNE_CUT), "Asia/Kolkata",
                                        w.deleteBefore(Instant.parse(PRUNE_CUT)), NOW);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        try (TokenLedger a = ledger(old); TokenLedger b = ledger(fresh)) {
            assertEquals(String.valueOf(Schema.CURRENT_VERSION), a.database().read("v",
                    c -> String.valueOf(Schema.version(c))), "the old ledger migrated in place");
            // The old path never kept spend by source: migration 14 adds it from the events still stored, so
            // it is compared where those are all there is to count (the hours after the prune cut's, non-empty cells).
            String sourceSpend = "SELECT * FROM spend_hourly WHERE scope = 'source' AND events <> 0 AND hour > '"
                    + PRUNE_CUT.substring(0, 13) + "' ORDER BY 1, 2, 3";
            assertEquals(RollupInvariantTest.rows(a.database(), sourceSpend), RollupInvariantTest.rows(b.database(),
                    sourceSpend), "seed " + seed + ": spend_hourly by source");
            // Migration 18 rebuilt the old ledger's report cells from its events (keyed by start hour): a
            // rebuilt cell's last_ts is its events' latest ts, where the writer keeps the latest ever added
            // (a replaced event's ts may stay), so last_ts is left out; both keep it at or above the latest.
            String tasks = "hour, task_id, lane, ref_type, ref_id, records, tokens, cost_nanos, unpriced_records, "
                    + "input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens";
            for (String table : List.of("*|token_events", "*|running_totals", "*|spend_hourly WHERE scope <> 'source'",
                    "*|report_dims_hourly", tasks + "|report_tasks_hourly", "*|prunes")) {
                String[] what = table.split("\\|");
                String sql = "SELECT " + what[0] + " FROM " + what[1] + " ORDER BY 1, 2, 3";
                List<String> rows = RollupInvariantTest.rows(a.database(), sql);
                assertEquals(rows, RollupInvariantTest.rows(b.database(), sql), "seed " + seed + ": " + what[1]);
                if (!what[1].equals("prunes")) {
                    assertFalse(rows.isEmpty(), what[1] + " holds rows");
                }
            }
            for (TokenLedger l : List.of(a, b)) {
                call(l, "set_budget", Map.of("name", "daily", "scope", "global", "period", "day", "limit_usd", 0.5));
                call(l, "set_budget", Map.of("name", "repo-week", "scope", "repo", "scope_id", "r0", "period", "week",
                        "limit_tokens", 50_000, "timezone", "Asia/Kolkata"));
            }
            List<Map<String, Object>> calls = new ArrayList<>();
            for (String zone : List.of("UTC", "Europe/Paris", "Asia/Kolkata")) {
                calls.add(Map.of("tool", "tokenomics_report", "since", "2026-11-18", "until", "2026-11-22",
                        "timezone", zone));
                calls.add(Map.of("tool", "get_usage", "view", "daily", "since", "2026-11-18", "until", "2026-11-22",
                        "timezone", zone));
            }
            calls.add(Map.of("tool", "get_usage", "view", "session"));
            calls.add(Map.of("tool", "get_token_summary", "scope", "all"));
            calls.add(Map.of("tool", "get_token_summary", "scope", "task", "id", "T1"));
            calls.add(Map.of("tool", "get_token_summary", "scope", "workstream", "id", "ws0"));
            calls.add(Map.of("tool", "get_token_summary", "scope", "model", "id", "claude-haiku-4-5",
                    "since", "2026-11-21T00:00:00Z"));
            calls.add(Map.of("tool", "list_budgets"));
            calls.add(Map.of("tool", "check_budget"));
            for (Map<String, Object> call : calls) {
                Map<String, Object> args = new LinkedHashMap<>(call);
                String tool = (String) args.remove("tool");
                String fromOld = call(a, tool, args);
                assertEquals(fromOld, call(b, tool, args), "seed " + seed + ": " + call);
                assertFalse(fromOld.contains("\"isError\":true"), fromOld);
            }
        }
    }

    private static TokenLedger ledger(Path file) {
        return new TokenLedger(Database.open(file), PriceTable.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                EventDefaults.NONE);
    }

    private static String call(TokenLedger ledger, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = TokenomicsServer.call(ledger, tool, args);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("isError", r.isError());
        out.put("structured", r.structuredContent());
        out.put("text", r.content().stream().map(c -> c instanceof McpSchema.TextContent t ? t.text() : "").toList());
        return JsonMapper.builder().build().writeValueAsString(out);
    }

    /** Version 1, then each migration up to 5 as releases applied them; then the v5 code's statements. */
    private static void writeTheOldWay(Path file, List<List<Op>> transactions) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
            }
            Schema.execute(c, new String(OldWritePathTest.class.getResourceAsStream("/db/schema-v1.sql").readAllBytes()));
            for (int v = 1; v < 5; v++) {
                Schema.execute(c, Schema.resource("/db/migrations/" + Schema.MIGRATIONS.get(v - 1)));
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + (v + 1));
                }
            }
            assertTrue(triggers(c) >= 9, "a version-5 ledger keeps its rollups with triggers");
            c.setAutoCommit(false);
            for (List<Op> tx : transactions) {
                for (Op op : tx) {
                    if (op instanceof Upsert u) {
                        try (PreparedStatement ps = c.prepareStatement(OLD_UPSERT)) {
                            bind(ps, u.row());
                            ps.executeUpdate();
                        }
                    } else if (op instanceof Delete d) {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM token_events WHERE record_key = ?")) {
                            ps.setString(1, d.key());
                            ps.executeUpdate();
                        }
                    } else {
                        {
                            int deleted;
                            try (Statement s = c.createStatement()) {
                                // The v5 code logged executeUpdate's count, which under sqlite-jdbc also
                                // counted the rows its triggers changed; the writer logs the events.
                                try (var rs = s.executeQuery("SELECT COUNT(*) FROM token_events WHERE ts < '"
                                        + PRUNE_CUT + "'")) {
                                    rs.next();
                                    deleted = rs.getInt(1);
                                }
                                s.executeUpdate("INSERT INTO pruning (active) VALUES (1)");
                                int reported = s.executeUpdate("DELETE FROM token_events WHERE ts < '" + PRUNE_CUT + "'");
                                assertTrue(reported >= deleted, reported + " >= " + deleted);
                                s.executeUpdate("DELETE FROM pruning");
                            }
                            RollupStore.logPrune(c, Instant.parse(PRUNE_CUT), "Asia/Kolkata", deleted, NOW);
                        }
                    }
                }
                c.commit();
            }
        }
    }

    private static int triggers(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Version 5 wrote the names migration 8 renames; the new way writes today's. */
    private static String oldSourceName(String source) {
        return switch (source) {
            case Sources.CLAUDE_CODE -> "transcript";
            case Sources.SELF_REPORT -> "self_report";
            default -> source;
        };
    }

    private static void bind(PreparedStatement ps, EventRow r) throws SQLException {
        Object[] v = {r.recordKey(), r.ts(), r.tsStart(), r.tsEnd(), r.durationMs(), r.sessionId(), r.taskId(),
                r.workstream(), r.repo(), r.agent(), r.model(), r.stage(), r.role(), r.structure(), r.lane(),
                r.refType(), r.refId(), r.inputTokens(), r.outputTokens(), r.cacheCreationTokens(),
                r.cacheCreation1hTokens(), r.cacheReadTokens(), r.reportedCostNanos(), r.costNanos(), r.priceVersion(),
                r.usageComplete() ? 1 : 0, oldSourceName(r.source()), r.status(), r.note(), r.createdAt()};
        for (int i = 0; i < v.length; i++) {
            ps.setObject(i + 1, v[i]);
        }
    }

    /**
     * Transactions of 1 to 6 writes over 30 keys and a few hours, so cells meet often: replacements
     * that move a row between cells or back into the cell they emptied (with an earlier ts, which
     * restarts last_ts), deletes, a key written twice in one transaction, and one prune.
     */
    private static List<List<Op>> transactions(Random r) {
        List<List<Op>> out = new ArrayList<>();
        // A cell emptied and refilled with an earlier ts in one transaction: last_ts starts over.
        EventRow late = withTs(row(r, "edge"), "2026-11-21T10:50:00.000Z", true);
        out.add(List.of(new Upsert(late)));
        out.add(List.of(new Upsert(withTs(late, "2026-11-21T10:10:00.000Z", true))));
        // A row added and deleted in one transaction: its cells come and go (running_totals keeps a zero row).
        out.add(List.of(new Upsert(withTs(row(r, "edge2"), "2026-11-21T11:10:00.000Z", true)), new Delete("edge2")));
        for (int t = 0; t < 150; t++) {
            List<Op> tx = new ArrayList<>();
            if (t == 90) {
                tx.add(new Prune());
            }
            for (int i = 1 + r.nextInt(6); i > 0; i--) {
                if (r.nextInt(5) == 0) {
                    tx.add(new Delete("k" + r.nextInt(30)));
                } else {
                    tx.add(new Upsert(row(r, "k" + r.nextInt(30))));
                }
            }
            out.add(tx);
        }
        return out;
    }

    private static EventRow withTs(EventRow e, String ts, boolean complete) {
        return new EventRow(e.recordKey(), ts, null, null, e.durationMs(), e.sessionId(), "T-edge", "ws-edge",
                e.repo(), e.agent(), e.model(), e.stage(), null, null, "A", "pr", "7", e.inputTokens(),
                e.outputTokens(), e.cacheCreationTokens(), e.cacheCreation1hTokens(), e.cacheReadTokens(), null,
                e.costNanos(), e.priceVersion(), complete, e.source(), e.status(), null, e.createdAt());
    }

    private static EventRow row(Random r, String key) {
        Instant ts = Instant.parse("2026-11-20T05:00:00Z").plusSeconds(r.nextInt(6) * 9 * 3600L + r.nextInt(3600));
        String model = MODELS[r.nextInt(MODELS.length)];
        Long cost = model == null || model.equals("mystery-model") ? null : (long) r.nextInt(90_000_000);
        boolean transcript = r.nextInt(3) == 0;
        return new EventRow(key, Times.format(ts), null, null, r.nextBoolean() ? (long) r.nextInt(60_000) : null,
                "s" + r.nextInt(3), TASKS[r.nextInt(TASKS.length)], r.nextBoolean() ? "ws0" : null,
                r.nextBoolean() ? "r0" : null, r.nextBoolean() ? "a0" : null, model, r.nextBoolean() ? "plan" : null,
                null, null, LANES[r.nextInt(LANES.length)], r.nextBoolean() ? "pr" : null,
                r.nextBoolean() ? "7" : null, r.nextInt(5_000), r.nextInt(500), r.nextInt(3), r.nextInt(200),
                r.nextInt(9_000), null, cost, cost == null ? null : "test-prices", r.nextInt(5) != 0,
                transcript ? Sources.CLAUDE_CODE : Sources.SELF_REPORT, r.nextInt(10) == 0 ? "error" : "ok", null,
                "2026-11-22T09:00:00.000Z");
    }
}
