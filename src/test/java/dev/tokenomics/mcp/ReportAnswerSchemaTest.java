package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.DayTotals;
import dev.tokenomics.report.ReportFixture;
import dev.tokenomics.report.Section;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tokenomics_report's answers over a ledger with rows in every table, in each of its four modes,
 * match the schema generated from ReportResults (OutputSchemasTest sees mostly empty tables), and
 * the schema tells a wrong value deep in a table, or a mode's shape under another mode's name.
 */
class ReportAnswerSchemaTest {
    @TempDir
    Path dir;

    private final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    @Test
    @SuppressWarnings("unchecked")
    void everyModeOverFullTablesMatchesTheSchema() {
        try (TokenLedger ledger = ReportFixture.build(dir)) {
            ledger.rollups().snapshot(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"), ZoneOffset.UTC,
                    DayTotals.maker(ledger.prices(), ZoneOffset.UTC, ledger.clock().instant()));
            SyncToolSpecification spec = TokenomicsServer.tools(ledger, false).stream()
                    .filter(s -> s.tool().name().equals(TokenomicsReportTool.NAME)).findFirst().orElseThrow();
            Map<String, Object> schema = spec.tool().outputSchema();
            Map<String, Object> window = Map.of("since", "2026-11-01", "until", "2026-11-03");
            for (String mode : List.of("report", "per_day", "day_json", "history")) {
                Map<String, Object> answer = call(spec, Map.of("since", "2026-11-01", "until", "2026-11-03", "mode", mode));
                var v = validator.validate(schema, answer);
                assertTrue(v.valid(), () -> mode + ": " + v.errorMessage() + "\n" + answer);
                assertEquals(mode, answer.get("mode"));
                Map<String, Object> other = new java.util.LinkedHashMap<>(answer);
                other.put("mode", mode.equals("day_json") ? "history" : "day_json");
                assertFalse(validator.validate(schema, other).valid(), mode + " passes under another mode's name");
            }
            Map<String, Object> report = call(spec, window);
            Map<String, Object> tables = (Map<String, Object>) report.get("tables");
            assertEquals(Arrays.stream(Section.values()).map(Section::key).toList(), List.copyOf(tables.keySet()));
            for (Object t : tables.values()) {
                Object rows = ((Map<String, Object>) t).get("rows");
                assertTrue(rows == null || !((List<?>) rows).isEmpty() || t == tables.get("breakeven"),
                        () -> "an empty table tells the schema nothing: " + t);
            }
            // A wrong type deep inside a row is refused.
            Map<String, Object> stage = (Map<String, Object>) tables.get("stage");
            Map<String, Object> row = (Map<String, Object>) ((List<Object>) stage.get("rows")).get(0);
            row.put("cost_usd", "1.00");
            assertFalse(validator.validate(schema, report).valid(), "a string cost in a stage row passes");
            // A table not asked for is left out, not null.
            Map<String, Object> one = call(spec, Map.of("since", "2026-11-01", "sections", List.of("lane")));
            assertEquals(List.of("lane"), List.copyOf(((Map<String, Object>) one.get("tables")).keySet()));
            assertTrue(validator.validate(schema, one).valid());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(SyncToolSpecification spec, Map<String, Object> args) {
        CallToolResult r = spec.callHandler().apply(null, new CallToolRequest(TokenomicsReportTool.NAME, args));
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> args + ": " + TokenomicsServer.text(r));
        return (Map<String, Object>) r.structuredContent();
    }
}
