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

class BudgetStoreTest {
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
            Map<String, String> expected = Map.of("repo", "ix_token_events_repo", "workstream",
                    "ix_token_events_workstream", "task", "ix_token_events_task", "agent", "ix_token_events_agent",
                    "model", "ix_token_events_model", "session", "ix_token_events_session");
            expected.forEach((scope, index) -> {
                String p = plan(db, BudgetStore.spendSql(scope, true, true), 3);
                assertTrue(p.contains("USING INDEX " + index) && p.contains("ts>? AND ts<?"), scope + ": " + p);
            });
            String global = plan(db, BudgetStore.spendSql("global", true, true), 2);
            assertTrue(global.contains("USING INDEX ix_token_events_ts"), global);
        }
    }

    @Test
    void alertLevelOnlyRisesWithinAPeriodAndOnlyTheRaiserSeesTheLowerRank() {
        try (Database db = Database.open(dir.resolve("ledger.db"))) {
            BudgetStore store = new BudgetStore(db);
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
}
