package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.assistant;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.ledger.EventFilter;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TokenLedger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code's usage.speed "fast" lines are billed at the model's fast-mode rates, or left unpriced. */
class FastModeImportTest {
    @TempDir
    Path dir;

    /** An Opus 4.6 line: 10,000 in, 2,000 out, 4,000 cache writes (5m), 20,000 cache reads. */
    private static String opus(String id, String ts, String speed) {
        return withSpeed(assistant(id, "req_" + id, "s1", ts, "claude-opus-4-6", 10_000, 2_000, 4_000, 20_000, null,
                null, false, null, false), speed);
    }

    private static String withSpeed(String line, String speed) {
        return speed == null ? line
                : line.replace("\"service_tier\":\"standard\"", "\"service_tier\":\"standard\",\"speed\":\"" + speed + "\"");
    }

    @Test
    void fastLinesArePricedAtFastRatesAndAFastModelWithoutThemIsUnpriced() throws Exception {
        Path file = dir.resolve("claude").resolve("projects").resolve("-home-dev-src-app").resolve("s1.jsonl");
        write(file,
                opus("msg_fast", "2026-11-20T10:00:00.000Z", "fast"),
                opus("msg_plain", "2026-11-20T10:01:00.000Z", null),
                opus("msg_standard", "2026-11-20T10:02:00.000Z", "standard"),
                withSpeed(assistant("msg_haiku", "req_h", "s1", "2026-11-20T10:03:00.000Z", "claude-haiku-4-5", 1_000,
                        100, 0, 0, null, null, false, null, false), "fast"));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(dir.resolve("claude")));
            Map<String, StoredEvent> byMessage = new TreeMap<>();
            for (StoredEvent e : ledger.events().listEvents(EventFilter.ALL, 10, null).events()) {
                byMessage.put(e.event().recordKey().split(":")[1], e);
            }
            assertEquals("fast", byMessage.get("msg_fast").event().speed());
            assertEquals(null, byMessage.get("msg_plain").event().speed());
            assertEquals("standard", byMessage.get("msg_standard").event().speed());
            // Opus 4.6 standard (LiteLLM 2026-07-24): $5 in, $25 out, $6.25 5m writes, $0.50 reads per million:
            // 0.05 + 0.05 + 0.025 + 0.01 = $0.135. Fast mode: provider_specific_entry.fast = 6, so $0.81.
            assertEquals(new BigDecimal("0.81"), Money.usd(byMessage.get("msg_fast").costNanos()));
            assertEquals(new BigDecimal("0.135"), Money.usd(byMessage.get("msg_plain").costNanos()));
            assertEquals(new BigDecimal("0.135"), Money.usd(byMessage.get("msg_standard").costNanos()));
            // Haiku 4.5 has no fast-mode rate in the table: no cost at all, not standard rates, not $0.
            assertEquals(null, byMessage.get("msg_haiku").costNanos());
            Summary s = ledger.events().summarize(Scope.ALL, null, null, null);
            assertEquals(new BigDecimal("1.08"), Money.usd(s.totals().costNanos()));
            assertEquals(List.of("claude-haiku-4-5"), s.unpricedModels());
        }
    }
}
