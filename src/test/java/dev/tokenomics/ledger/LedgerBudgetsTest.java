package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBudgetsTest {
    @TempDir
    Path dir;

    static String plan(Database db, String sql, int params) {
        return db.read("plan", c -> {
            try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 1; i <= params; i++) {
                    ps.setString(i, "x");
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString("detail"));
                    }
                }
                return String.join(" | ", rows);
            }
        });
    }

    @Test
    void spendQueriesUseTheScopeAndTimeIndexes() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            // Tasks and sessions are read from their own indexes; the hourly scopes read only the hour
            // edges from the events, a range of the time index (never a scan).
            Map<String, String> expected = Map.of("task", "ix_token_events_task (task_id=?", "session",
                    "ix_token_events_session (session_id=?", "repo", "ix_token_events_ts (ts>? AND ts<?)",
                    "workstream", "ix_token_events_ts (ts>? AND ts<?)", "agent", "ix_token_events_ts (ts>? AND ts<?)",
                    "model", "ix_token_events_ts (ts>? AND ts<?)");
            expected.forEach((scope, index) -> {
                String p = plan(db, LedgerBudgets.spendSql(scope, true, true), 3);
                assertTrue(p.contains("USING INDEX " + index), scope + ": " + p);
            });
            String global = plan(db, LedgerBudgets.spendSql("global", true, true), 2);
            assertTrue(global.contains("INDEX ix_token_events_ts ") && global.contains("ts>? AND ts<?"), global);
        }
    }

    @Test
    void alertLevelOnlyRisesWithinAPeriodAndOnlyTheRaiserSeesTheLowerRank() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            LedgerBudgets store = new LedgerBudgets(db);
            Instant now = Instant.parse("2026-11-22T10:00:00Z");
            store.put(new BudgetRow("b", "global", null, "day", "UTC", 10L, null, "50,75,90,100", now, now));
            Instant day = Instant.parse("2026-11-22T00:00:00Z");
            assertEquals(-1, store.raiseAlert("b", day, 2, now));
            assertEquals(2, store.raiseAlert("b", day, 2, now), "the same level again: already announced");
            assertEquals(2, store.raiseAlert("b", day, 1, now), "a lower level never lowers the mark");
            assertEquals(2, store.raiseAlert("b", day, 3, now));
            assertEquals(3, store.raiseAlert("b", day, 3, now));
            assertEquals(-1, store.raiseAlert("b", day.plusSeconds(86_400), 2, now), "a new period starts afresh");
            assertTrue(store.put(new BudgetRow("b", "global", null, "day", "UTC", 20L, null, "50,75,90,100", now, now)));
            assertEquals(-1, store.raiseAlert("b", day, 2, now), "changing the budget forgets its marks");
        }
    }

    static EventInput at(String key, String ts, String repo, String model, long in, boolean complete) {
        return new EventInput(key, Instant.parse(ts), null, null, null, "s", "t", "ws", repo, "a", model, null, null,
                null, null, null, null, new dev.tokenomics.pricing.Usage(in, 7, 3, 2, 1), null, complete, null, null,
                null);
    }

    @Test
    void hourlyRollupPlusEdgesEqualsTheRawSumThroughInsertsReplacementsAndDeletes() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            Database db = ledger.database();
            ledger.events().recordAll(List.of(
                    at("a", "2026-11-22T09:10:00.000Z", "r1", "claude-haiku-4-5", 1_000, true),
                    at("b", "2026-11-22T09:59:59.999Z", "r1", "claude-sonnet-4-5", 2_000, true),
                    at("c", "2026-11-22T10:00:00.000Z", "r2", "some-unpriced-model", 3_000, false),
                    at("d", "2026-11-22T11:30:00.000Z", "r1", "claude-haiku-4-5", 4_000, true),
                    at("e", "2026-11-21T23:59:00.000Z", null, "claude-haiku-4-5", 5_000, true)));
            // Replace b: new repo, new hour, new size (the writer moves it).
            ledger.events().record(at("b", "2026-11-22T12:15:00.000Z", "r2", "claude-opus-4-5", 6_000, true));
            LedgerTestSupport.deleteEvent(db, "d");
            Instant[][] windows = {
                    {null, null},
                    {Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z")},
                    {Instant.parse("2026-11-22T09:30:00Z"), Instant.parse("2026-11-22T12:20:00Z")},
                    {Instant.parse("2026-11-22T09:10:00Z"), Instant.parse("2026-11-22T09:10:00.001Z")},
                    {Instant.parse("2026-11-21T23:30:00Z"), Instant.parse("2026-11-22T10:00:00Z")},
                    {null, Instant.parse("2026-11-22T10:00:00.001Z")},
                    {Instant.parse("2026-11-22T10:00:00Z"), null}};
            for (String[] scope : new String[][] {{"global", null}, {"repo", "r1"}, {"repo", "r2"},
                    {"workstream", "ws"}, {"agent", "a"}, {"model", "claude-haiku-4-5"},
                    {"model", "some-unpriced-model"}, {"task", "t"}, {"session", "s"}}) {
                for (Instant[] w : windows) {
                    Totals viaRollup = db.read("rollup", c -> LedgerBudgets.spend(c, scope[0], scope[1], w[0], w[1]));
                    Totals raw = db.read("raw", c -> LedgerBudgets.raw(c, scope[0], scope[1], w[0], w[1]));
                    assertEquals(raw, viaRollup, scope[0] + " " + scope[1] + " " + w[0] + ".." + w[1]);
                }
            }
            // Hand-checked: on r2 over Nov 22: c (3,000 in, unpriced, lower bound) and the new b (6,000 in).
            Totals r2 = db.read("r2", c -> LedgerBudgets.spend(c, "repo", "r2", Instant.parse("2026-11-22T00:00:00Z"),
                    Instant.parse("2026-11-23T00:00:00Z")));
            assertEquals(2, r2.events());
            assertEquals(9_000, r2.inputTokens());
            assertEquals(1, r2.unpricedEvents());
            assertEquals(1, r2.lowerBoundEvents());
        }
    }

    @Test
    void migrationBackfillsTheRollupFromExistingEvents() throws Exception {
        Path file = dir.resolve("v1.db");
        String v1 = new String(LedgerBudgetsTest.class.getResourceAsStream("/db/schema-v1.sql").readAllBytes());
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String statement : Schema.statements(v1)) {
                conn.createStatement().execute(statement);
            }
            conn.createStatement().execute("INSERT INTO token_events (record_key, ts, repo, model, input_tokens, "
                    + "cost_nanos, created_at) VALUES ('x', '2026-11-22T09:10:00.000Z', 'r1', 'm', 100, 5, 'now'), "
                    + "('y', '2026-11-22T09:20:00.000Z', 'r1', 'm', 50, NULL, 'now')");
        }
        try (Database db = Database.open(file)) {
            Totals t = db.read("r1", c -> LedgerBudgets.spend(c, "repo", "r1", null, null));
            assertEquals(2, t.events());
            assertEquals(150, t.inputTokens());
            assertEquals(5, t.costNanos());
            assertEquals(1, t.unpricedEvents());
            long rows = db.read("rows", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM spend_hourly")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            // and, from migration 14, the events' source (self-report by default)
            assertEquals(4, rows, "global, repo r1, model m and source self-report for hour 09");
        }
    }
}
