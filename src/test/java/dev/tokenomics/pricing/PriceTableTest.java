package dev.tokenomics.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Costs against values computed by hand from the published per-million prices. */
class PriceTableTest {
    final PriceTable table = PriceTable.bundled();

    BigDecimal cost(String model, long in, long out, long w5, long w1, long read) {
        return table.cost(model, new Usage(in, out, w5, w1, read)).orElseThrow();
    }

    static void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual.toPlainString());
    }

    @Test
    void inputAndOutputAtListPrice() {
        // sonnet 4.5: $3 in, $15 out per MTok. 1,234 in + 567 out = 0.003702 + 0.008505
        assertUsd("0.012207", cost("claude-sonnet-4-5-20250929", 1_234, 567, 0, 0, 0));
        // haiku 4.5: $1 / $5. 1M in + 1M out = $6
        assertUsd("6", cost("claude-haiku-4-5-20251001", 1_000_000, 1_000_000, 0, 0, 0));
    }

    @Test
    void cacheWritesFiveMinuteAndOneHourAndReads() {
        // opus 4.5: write 5m $6.25, write 1h $10, read $0.50 per MTok.
        // 100,000 x 6.25e-6 = 0.625; 50,000 x 10e-6 = 0.5; 2,000,000 x 0.5e-6 = 1.0
        assertUsd("2.125", cost("claude-opus-4-5-20251101", 0, 0, 100_000, 50_000, 2_000_000));
        // haiku 3: write 5m $0.30, 1h $0.50, read $0.03. 1M each = 0.83
        assertUsd("0.83", cost("claude-3-haiku-20240307", 0, 0, 1_000_000, 1_000_000, 1_000_000));
    }

    @Test
    void longContextRepricesWholeRequestAbove200k() {
        // Exactly 200,000 prompt tokens: base rates. 150,000 in x 3e-6 + 50,000 read x 0.3e-6 + 1,000 out x 15e-6
        assertUsd("0.48", cost("claude-sonnet-4-5", 150_000, 1_000, 0, 0, 50_000));
        // 200,001 prompt tokens: every token at long-context rates (6 / 22.50 / 0.60):
        // 150,001 x 6e-6 = 0.900006; 1,000 x 22.5e-6 = 0.0225; 50,000 x 0.6e-6 = 0.03
        assertUsd("0.952506", cost("claude-sonnet-4-5", 150_001, 1_000, 0, 0, 50_000));
        // cache writes count toward the threshold and are repriced too: 7.50 (5m) and 12 (1h)
        assertUsd("1.95", cost("claude-sonnet-4", 0, 0, 100_000, 100_001, 0).add(new BigDecimal("-0.000012")));
        // opus has no long-context tier: a 300k prompt stays at $5/MTok
        assertUsd("1.5", cost("claude-opus-4-5", 300_000, 0, 0, 0, 0));
    }

    @Test
    void opusGenerationsHaveTheirOwnPrices() {
        assertUsd("15", cost("claude-opus-4-20250514", 1_000_000, 0, 0, 0, 0));
        assertUsd("15", cost("claude-opus-4-1-20250805", 1_000_000, 0, 0, 0, 0));
        assertUsd("5", cost("claude-opus-4-5-20251101", 1_000_000, 0, 0, 0, 0));
        assertUsd("75", cost("claude-opus-4-1", 0, 1_000_000, 0, 0, 0));
    }

    @Test
    void openAiAndGoogleCachedInputIsTheReadPrice() {
        // gpt-5-mini: 0.25 / 2 / cached 0.025. 1M in + 1M cached = 0.275
        assertUsd("0.275", cost("openai/gpt-5-mini", 1_000_000, 0, 0, 0, 1_000_000));
        // gemini-2.5-pro above 200k prompt: 2.50 / 15. 300,000 in = 0.75, 1,000 out = 0.015
        assertUsd("0.765", cost("gemini/gemini-2.5-pro", 300_000, 1_000, 0, 0, 0));
    }

    @Test
    void modelIdsNormaliseToTheirFamily() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
                Map.entry("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
                Map.entry("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"),
                Map.entry("anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku"),
                Map.entry("global.anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1"),
                Map.entry("claude-sonnet-4@20250514", "claude-sonnet-4"),
                Map.entry("vertex_ai/claude-opus-4-5@20251101", "claude-opus-4-5"),
                Map.entry("claude-opus-4-20250514", "claude-opus-4"),
                Map.entry("claude-opus-4-1-20250805", "claude-opus-4-1"),
                Map.entry("claude-sonnet-4-5[1m]", "claude-sonnet-4-5"),
                Map.entry("Claude-Sonnet-4-5-20250929", "claude-sonnet-4-5"),
                Map.entry("claude-3-7-sonnet-latest", "claude-3-7-sonnet"),
                Map.entry("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
                Map.entry("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
                Map.entry("openai/gpt-5-mini", "gpt-5-mini"),
                Map.entry("gpt-4o-2024-08-06", "gpt-4o"),
                Map.entry("gemini/gemini-2.5-pro", "gemini-2.5-pro"),
                Map.entry("google/gemini-2.5-flash", "gemini-2.5-flash"),
                Map.entry("o4-mini", "o4-mini"),
                Map.entry("<synthetic>", "<synthetic>"));
        cases.forEach((raw, family) -> assertEquals(family, ModelNames.normalise(raw), raw));
        cases.forEach((raw, family) -> {
            if (!family.equals("<synthetic>")) {
                assertTrue(table.lookup(raw).isPresent(), raw + " should be priced");
            }
        });
        assertTrue(table.lookup("<synthetic>").isEmpty());
        assertTrue(table.lookup("my-local-llama").isEmpty());
        assertTrue(table.lookup(null).isEmpty());
        assertTrue(table.lookup(" ").isEmpty());
    }

    @Test
    void overrideFileAddsAndReplacesModelsAndChangesTheVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {
                  "sample_spec": {"input_cost_per_token": "see docs"},
                  "openrouter/acme/coder-1": {"input_cost_per_token": 2e-6, "output_cost_per_token": 0.000004,
                    "litellm_provider": "openrouter"},
                  "claude-haiku-4-5": {"input_cost_per_token": 0.000002, "output_cost_per_token": 0.00001,
                    "litellm_provider": "anthropic"},
                  "dall-e-3": {"output_cost_per_image": 0.04}
                }""");
        PriceTable custom = PriceTable.load(file);
        // coder-1: 1M in x $2 + 1M out x $4; no cache prices given -> writes and reads bill as input
        assertUsd("6", custom.cost("openrouter/acme/coder-1", new Usage(1_000_000, 1_000_000, 0, 0, 0)).orElseThrow());
        assertUsd("2", custom.cost("acme/coder-1", new Usage(0, 0, 0, 0, 1_000_000)).orElseThrow());
        // haiku replaced at $2 in; its 1h write derives to 2 x input = $4
        assertUsd("6", custom.cost("claude-haiku-4-5-20251001", new Usage(1_000_000, 0, 0, 1_000_000, 0)).orElseThrow());
        assertTrue(custom.version().startsWith("bundled-2026-06+prices.json@"), custom.version());
        assertNotEquals(table.version(), custom.version());
        assertUsd("1", table.cost("claude-haiku-4-5", new Usage(1_000_000, 0, 0, 0, 0)).orElseThrow());
    }

    @Test
    void malformedOverrideFileNamesTheFileAndTheBadField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 1}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceTable.load(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("m.input_cost_per_token must be >= 0, got -1"),
                e.getMessage());
        Files.writeString(file, "{not json");
        e = assertThrows(IllegalArgumentException.class, () -> PriceTable.load(file));
        assertTrue(e.getMessage().contains("is not JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PriceTable.load(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json does not exist"), e.getMessage());
    }

    @Test
    void nanosRoundHalfEven() {
        assertEquals(0, Costs.toNanos(new BigDecimal("0.0000000005")));
        assertEquals(2, Costs.toNanos(new BigDecimal("0.0000000015")));
        assertEquals(4_500_000_000L, Costs.toNanos(new BigDecimal("4.5")));
        assertUsd("0.000000007", Costs.fromNanos(7));
    }
}
