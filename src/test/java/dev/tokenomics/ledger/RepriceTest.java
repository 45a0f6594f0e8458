package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored costs follow the price table in use: migrations 8 and 9, reprice on read and write, fast mode. */
class RepriceTest {
    /** Prices mystery-model (unknown to the bundled table) and changes haiku's input rate. */
    private static final String OVERRIDE = """
            {"mystery-model": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
             "claude-haiku-4-5": {"input_cost_per_token": 2e-6, "output_cost_per_token": 5e-6,
               "litellm_provider": "anthropic"}}""";

    @TempDir
    Path dir;

    private TokenLedger open(Path db, PriceTable prices) {
        return new TokenLedger(Database.open(db), prices, Clock.fixed(LedgerTestSupport.NOW, ZoneOffset.UTC),
                EventDefaults.NONE);
    }

    private PriceTable override() throws Exception {
        Path file = dir.resolve("override.json");
        Files.writeString(file, OVERRIDE);
        return PriceTable.load(file);
    }

    private static EventInput event(String key, String model, long in, long out, String speed) {
        return new EventInput(key, LedgerTestSupport.NOW, null, null, null, null, "T1", "ws", "repo", "agent", model,
                null, null, null, null, null, null, new Usage(in, out, 0, 0, 0), null, true, null, null, null, speed);
    }

    private static BigDecimal usd(Summary s) {
        return Money.usd(s.totals().costNanos());
    }

    @Test
    void anUnpricedEventIsPricedWhenAReadBringsItsPrice() throws Exception {
        Path file = dir.resolve("ledger.db");
        try (TokenLedger bundled = open(file, PriceTable.bundled())) {
            bundled.events().record(event("a", "mystery-model", 1_000_000, 1_000_000, null));
            bundled.events().record(event("b", "claude-sonnet-4-5", 100_000, 0, null)); // under the 200k long-context tier
            Summary before = bundled.events().summarize(Scope.ALL, null, null, null);
            assertEquals(List.of("mystery-model"), before.unpricedModels());
            assertEquals(0, new BigDecimal("0.3").compareTo(usd(before)), "sonnet 4.5: $3 per million input");
        }
        try (TokenLedger withOverride = open(file, override())) {
            Summary after = withOverride.events().summarize(Scope.ALL, null, null, null);
            assertEquals(List.of(), after.unpricedModels(), "the override prices mystery-model");
            // $1 + $2 for mystery-model's million in and out, sonnet's $0.30 untouched.
            assertEquals(0, new BigDecimal("3.3").compareTo(usd(after)), usd(after).toPlainString());
            assertEquals(-1, withOverride.reprice(), "a second look finds nothing to do");
            RollupInvariantTest.assertRollupsMatch(shadowed(withOverride), "after the override");
            RollupInvariantTest.assertCostsFollow(withOverride.database(), withOverride.prices(), "override");
        }
        try (TokenLedger bundledAgain = open(file, PriceTable.bundled())) {
            Summary back = bundledAgain.events().summarize(Scope.ALL, null, null, null);
            assertEquals(List.of("mystery-model"), back.unpricedModels(), "without the override it is unpriced again");
            assertEquals(0, new BigDecimal("0.3").compareTo(usd(back)));
            assertEquals(1, back.totals().unpricedEvents());
            RollupInvariantTest.assertRollupsMatch(shadowed(bundledAgain), "back on the bundled table");
        }
    }

    @Test
    void onlyTheEventsOfModelsWhoseRatesChangedAreRewritten() throws Exception {
        Path file = dir.resolve("ledger.db");
        try (TokenLedger bundled = open(file, PriceTable.bundled())) {
            bundled.events().record(event("h", "claude-haiku-4-5", 1_000, 0, null));
            bundled.events().record(event("s", "claude-sonnet-4-5", 1_000, 0, null));
            bundled.events().record(event("o", "claude-opus-4-6", 1_000, 0, "fast"));
        }
        try (TokenLedger withOverride = open(file, override())) {
            assertEquals(1, withOverride.reprice(), "haiku's rates changed; sonnet's and opus's did not");
            List<String> versions = RollupInvariantTest.rows(withOverride.database(),
                    "SELECT record_key, price_version FROM token_events ORDER BY record_key");
            assertTrue(versions.get(0).startsWith("h|litellm-2026-07-24+override:override.json@"), versions.toString());
            assertEquals("o|litellm-2026-07-24|", versions.get(1));
            assertEquals("s|litellm-2026-07-24|", versions.get(2));
            assertEquals(List.of(withOverride.prices().fingerprint() + "|"), RollupInvariantTest.rows(
                    withOverride.database(), "SELECT fingerprint FROM price_state"));
        }
    }

    @Test
    void fastEventsAreBilledAtTheFastMultiplierAndUnpricedWithoutOne() throws Exception {
        try (TokenLedger ledger = open(dir.resolve("ledger.db"), PriceTable.bundled())) {
            // One batch, one writer: its price cache must keep a model's fast and standard prices apart.
            List<RecordedEvent> r = ledger.events().recordAll(List.of(
                    event("std", "claude-opus-4-6", 1_000_000, 100_000, "standard"),
                    event("fast", "claude-opus-4-6", 1_000_000, 100_000, "fast"),
                    event("plain", "claude-opus-4-6", 1_000_000, 100_000, null),
                    event("haiku-fast", "claude-haiku-4-5", 1_000_000, 0, "fast")));
            // Opus 4.6: $5 in, $25 out per million (LiteLLM 2026-07-24); fast mode 6x (provider_specific_entry.fast).
            assertEquals((Long) dev.tokenomics.pricing.Costs.toNanos(new BigDecimal("7.5")), r.get(0).costNanos());
            assertEquals((Long) dev.tokenomics.pricing.Costs.toNanos(new BigDecimal("45")), r.get(1).costNanos());
            assertEquals((Long) dev.tokenomics.pricing.Costs.toNanos(new BigDecimal("7.5")), r.get(2).costNanos());
            assertNull(r.get(3).costNanos(), "haiku 4.5 has no fast-mode price: unpriced, not standard, not $0");
            Summary s = ledger.events().summarize(Scope.ALL, null, null, null);
            assertEquals(List.of("claude-haiku-4-5"), s.unpricedModels());
            assertEquals("fast", ledger.events().listEvents(EventFilter.ALL, 10, null).events().stream()
                    .filter(e -> e.event().recordKey().equals("fast")).findFirst().orElseThrow().event().speed());
        }
    }

    @Test
    void aVersionSevenLedgerIsMigratedAndRepricedOnce() throws Exception {
        Path file = dir.resolve("v7.db");
        // The ledger as release 7 left it, from its own schema: an event recorded while its model was
        // unknown (cost NULL) and one costed by an older table at a wrong price, rollups to match.
        String v7 = new String(RepriceTest.class.getResourceAsStream("/db/schema-v7.sql").readAllBytes());
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + file); var st = conn.createStatement()) {
            for (String statement : Schema.statements(v7)) {
                st.execute(statement);
            }
            st.execute("""
                    INSERT INTO token_events (record_key, ts, task_id, workstream, repo, agent, model, input_tokens,
                      output_tokens, cost_nanos, price_version, created_at) VALUES
                      ('old-unknown', '2026-11-01T10:00:00.000Z', 'T1', 'ws', 'repo', 'a', 'claude-opus-4-6', 100000, 0,
                        NULL, NULL, '2026-11-01T10:00:00.000Z'),
                      ('old-wrong', '2026-11-01T11:00:00.000Z', 'T1', 'ws', 'repo', 'a', 'claude-sonnet-4-5', 100000, 0,
                        1, 'litellm-2025-01-01', '2026-11-01T11:00:00.000Z')""");
            rollUp(st);
        }
        try (TokenLedger ledger = open(file, PriceTable.bundled())) {
            assertEquals(List.of(Schema.CURRENT_VERSION + "|"), RollupInvariantTest.rows(ledger.database(), "PRAGMA user_version"));
            Summary s = ledger.events().summarize(Scope.TASK, "T1", null, null);
            assertEquals(0, new BigDecimal("0.8").compareTo(usd(s)), "opus 4.6 $0.50 + sonnet 4.5 $0.30: " + usd(s));
            assertEquals(0, s.totals().unpricedEvents());
            RollupInvariantTest.assertRollupsMatch(shadowed(ledger), "after migrations 8 and 9");
            RollupInvariantTest.assertCostsFollow(ledger.database(), ledger.prices(), "after migrations 8 and 9");
        }
    }

    /** The v7 rollups of the events, as the v7 writer kept them: each the GROUP BY it stands for. */
    private static void rollUp(java.sql.Statement st) throws java.sql.SQLException {
        String totals = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), "
                + "SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), "
                + "SUM(cost_nanos IS NULL), SUM(usage_complete = 0)";
        st.execute("INSERT INTO running_totals SELECT 'task', task_id, " + totals + " FROM token_events GROUP BY task_id");
        st.execute("INSERT INTO running_totals SELECT 'workstream', workstream, " + totals
                + " FROM token_events GROUP BY workstream");
        st.execute("INSERT INTO spend_hourly SELECT 'global', '', substr(ts, 1, 13), " + totals
                + " FROM token_events GROUP BY 3");
        for (String scope : List.of("repo", "workstream", "agent", "model")) {
            st.execute("INSERT INTO spend_hourly SELECT '" + scope + "', " + scope + ", substr(ts, 1, 13), " + totals
                    + " FROM token_events GROUP BY 2, 3");
        }
        st.execute("""
                INSERT INTO report_dims_hourly SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''),
                  COALESCE(model, ''), usage_complete, status, source, substr(ts, 1, 13), COUNT(*), SUM(input_tokens),
                  SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens),
                  COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL)
                FROM token_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8""");
        st.execute("""
                INSERT INTO report_tasks_hourly SELECT substr(ts, 1, 13), COALESCE(task_id, ''), COALESCE(lane, ''),
                  COALESCE(ref_type, ''), COALESCE(ref_id, ''), COUNT(*), SUM(input_tokens + output_tokens
                  + cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens), COALESCE(SUM(cost_nanos), 0),
                  SUM(cost_nanos IS NULL), MAX(ts)
                FROM token_events WHERE usage_complete = 1 GROUP BY 1, 2, 3, 4, 5""");
    }

    /** The invariant check compares running totals with the events plus pruned copies: none here. */
    private static Database shadowed(TokenLedger ledger) {
        Database db = ledger.database();
        db.write("shadow table", c -> c.createStatement().executeUpdate(
                "CREATE TABLE IF NOT EXISTS test_pruned AS SELECT * FROM token_events WHERE 0"));
        return db;
    }
}
