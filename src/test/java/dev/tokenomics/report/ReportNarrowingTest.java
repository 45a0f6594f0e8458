package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TestLedgers;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report narrowed to one machine (a team ledger) and one workflow run, on either backend. */
class ReportNarrowingTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private static EventInput event(String key, String machine, String stage, long in, String run) {
        return new EventInput(key, AT.plusSeconds(key.hashCode() & 0xfff), null, null, null, null, "T-" + machine,
                "ws", "repo", null, "claude-haiku-4-5", stage, null, null, null, run == null ? null : "workflow_run", run,
                new Usage(in, 0, 0, 0, 0), null, true, null, null, null).withMachine(machine);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(TokenLedger ledger, Map<String, Object> narrowing) {
        Map<String, Object> args = new java.util.HashMap<>(Map.of("since", "2026-11-01", "until", "2026-11-03",
                "sections", List.of("stage")));
        args.putAll(narrowing);
        CallToolResult r = TokenomicsServer.call(ledger, "tokenomics_report", args);
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> r.content().toString());
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    private static long stageTokens(Map<String, Object> report, String stage) {
        Map<String, Object> table = (Map<String, Object>) ((Map<String, Object>) report.get("tables")).get("stage");
        long sum = 0;
        for (Map<String, Object> row : (List<Map<String, Object>>) table.get("rows")) {
            if (row.get("stage").equals(stage)) {
                sum += ((Number) row.get("tokens")).longValue();
            }
        }
        return sum;
    }

    @Test
    void aReportOfOneMachineOrOneRunCountsOnlyItsEvents() {
        try (TokenLedger ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(),
                Clock.fixed(Instant.parse("2026-11-04T00:00:00Z"), ZoneOffset.UTC), EventDefaults.NONE)) {
            List<EventInput> events = new ArrayList<>();
            // laptop: 3 plan events of 1,000 input; ci: 2 execute events of 2,000, one of them in run wf_9
            for (int i = 0; i < 3; i++) {
                events.add(event("l" + i, "laptop", "plan", 1_000, null));
            }
            events.add(event("c0", "ci", "execute", 2_000, null));
            events.add(event("c1", "ci", "execute", 2_000, "wf_9"));
            ledger.events().recordAll(events);

            Map<String, Object> all = report(ledger, Map.of());
            assertEquals(5, ((Number) all.get("records")).intValue());
            assertEquals(3_000, stageTokens(all, "plan"));
            assertEquals(4_000, stageTokens(all, "execute"));

            Map<String, Object> laptop = report(ledger, Map.of("machine", "laptop"));
            assertEquals(3, ((Number) laptop.get("records")).intValue());
            assertEquals(3_000, stageTokens(laptop, "plan"));
            assertEquals(0, stageTokens(laptop, "execute"));
            assertTrue(String.valueOf(laptop.get("caveats")).contains("only the events of machine laptop"),
                    String.valueOf(laptop.get("caveats")));

            Map<String, Object> ci = report(ledger, Map.of("machine", "ci"));
            assertEquals(2, ((Number) ci.get("records")).intValue());
            assertEquals(4_000, stageTokens(ci, "execute"));

            Map<String, Object> run = report(ledger, Map.of("run", "wf_9"));
            assertEquals(1, ((Number) run.get("records")).intValue());
            assertEquals(2_000, stageTokens(run, "execute"));

            Map<String, Object> both = report(ledger, Map.of("machine", "laptop", "run", "wf_9"));
            assertEquals(0, ((Number) both.get("records")).intValue(), "laptop ran no part of wf_9");

            CallToolResult history = TokenomicsServer.call(ledger, "tokenomics_report",
                    Map.of("machine", "laptop", "mode", "history"));
            assertTrue(Boolean.TRUE.equals(history.isError()), "stored rollups hold every machine: refused");
            assertTrue(history.content().toString().contains("machine"), history.content().toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUsageViewsOfOneMachineCountOnlyItsUsage() {
        try (TokenLedger ledger = dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(),
                Clock.fixed(Instant.parse("2026-11-04T00:00:00Z"), ZoneOffset.UTC), EventDefaults.NONE)) {
            List<EventInput> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // measured (claude-code) usage: 2 events per machine, 1,000 and 3,000 in
                String machine = i % 2 == 0 ? "laptop" : "ci";
                events.add(new EventInput("u" + i, AT.plusSeconds(i), null, null, null, null, null, null, null, null,
                        "claude-haiku-4-5", null, null, null, null, null, null,
                        new Usage(machine.equals("laptop") ? 1_000 : 3_000, 0, 0, 0, 0), null, true, "claude-code", null,
                        null).withMachine(machine));
            }
            ledger.events().recordAll(events);
            for (String[] c : new String[][] {{"laptop", "2000"}, {"ci", "6000"}}) {
                CallToolResult r = TokenomicsServer.call(ledger, "get_usage", Map.of("view", "daily", "since",
                        "2026-11-01", "until", "2026-11-03", "machine", c[0]));
                assertFalse(Boolean.TRUE.equals(r.isError()), () -> r.content().toString());
                Map<String, Object> json = (Map<String, Object>) r.structuredContent();
                assertEquals(c[0], json.get("machine"));
                Map<String, Object> totals = (Map<String, Object>) json.get("totals");
                assertEquals(Long.parseLong(c[1]), ((Number) totals.get("input_tokens")).longValue(), totals.toString());
            }
        }
    }
}
