package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text-only call (what `report` without --format json/csv makes) answers the same text as the full
 * call, with no structuredContent built; the flag ends with the call, so the next one is whole again.
 */
class TextOnlyCallTest {
    @TempDir
    Path dir;

    @Test
    void theTextIsTheFullCallsAndOnlyTheStructuredContentIsLeftOut() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ledger.events().recordAll(List.of(LedgerTestSupport.event("e1", "T-1", "ws", "claude-haiku-4-5", 1_000, 200)));
            Map<String, Object> args = Map.of("mode", "report");
            CallToolResult full = ToolCalls.call(ledger, "tokenomics_report", args);
            CallToolResult text = ToolCalls.callForText(ledger, "tokenomics_report", args);
            assertFalse(Boolean.TRUE.equals(full.isError()), ToolCalls.text(full));
            assertEquals(ToolCalls.text(full), ToolCalls.text(text));
            assertTrue(ToolCalls.text(text).contains("Tokenomics report"), ToolCalls.text(text));
            assertFalse(((Map<?, ?>) full.structuredContent()).isEmpty());
            assertEquals(Map.of(), text.structuredContent());
            CallToolResult after = ToolCalls.call(ledger, "tokenomics_report", args);
            assertEquals(full.structuredContent(), after.structuredContent(), "the flag outlived its call");
        }
    }
}
