package dev.tokenomics.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Costs against values computed by hand from the published per-million prices. */
class PriceTableTest {
    final PriceTable table = PriceTable.bundled();

    BigDecimal cost(String model, long in, long out, long w5, long w1, long read) {
        return cost(table, model, in, out, w5, w1, read);
    }

    static BigDecimal cost(PriceTable t, String model, long in, long out, long w5, long w1, long read) {
        return t.cost(model, new Usage(in, out, w5, w1, read)).orElseThrow(() -> new AssertionError(model + " unpriced"));
    }

    static void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual.toPlainString());
    }

    /** family, input, output, cache write 5m, cache write 1h, cache read: USD per MTok, as published. */
    static final String[][] LIST_PRICES = {
            {"claude-opus-4-5", "5", "25", "6.25", "10", "0.50"},
            {"claude-opus-4-6", "5", "25", "6.25", "10", "0.50"},
            {"claude-opus-4-7", "5", "25", "6.25", "10", "0.50"},
            {"claude-opus-4", "15", "75", "18.75", "30", "1.50"},
            {"claude-opus-4-1", "15", "75", "18.75", "30", "1.50"},
            {"claude-sonnet-4", "3", "15", "3.75", "6", "0.30"},
            {"claude-sonnet-4-5", "3", "15", "3.75", "6", "0.30"},
            {"claude-sonnet-4-6", "3", "15", "3.75", "6", "0.30"},
            {"claude-haiku-4-5", "1", "5", "1.25", "2", "0.10"},
            {"claude-3-7-sonnet", "3", "15", "3.75", "6", "0.30"},
            {"claude-3-5-sonnet", "3", "15", "3.75", "6", "0.30"},
            {"claude-3-5-haiku", "0.80", "4", "1.00", "1.60", "0.08"},
            {"claude-3-opus", "15", "75", "18.75", "30", "1.50"},
            {"claude-3-haiku", "0.25", "1.25", "0.30", "0.50", "0.03"},
            // OpenAI and Google charge no cache writes: writes bill as input, reads as cached input
            {"gpt-5", "1.25", "10", "1.25", "1.25", "0.125"},
            {"gpt-5-mini", "0.25", "2", "0.25", "0.25", "0.025"},
            {"gpt-5-nano", "0.05", "0.40", "0.05", "0.05", "0.005"},
            {"gpt-4.1", "2", "8", "2", "2", "0.50"},
            {"gpt-4.1-mini", "0.40", "1.60", "0.40", "0.40", "0.10"},
            {"gpt-4o", "2.50", "10", "2.50", "2.50", "1.25"},
            {"o3", "2", "8", "2", "2", "0.50"},
            {"o4-mini", "1.10", "4.40", "1.10", "1.10", "0.275"},
            {"gemini-2.5-pro", "1.25", "10", "1.25", "1.25", "0.125"},
            {"gemini-2.5-flash", "0.30", "2.50", "0.30", "0.30", "0.03"},
    };

    @Test
    void bundledTableHoldsTheListPriceOfEveryFamily() {
        for (String[] row : LIST_PRICES) {
            Rates r = table.lookup(row[0]).orElseThrow(() -> new AssertionError(row[0] + " unpriced")).base();
            // per-token rate x 1,000,000 is the per-MTok list price (movePointRight is exact)
            assertUsd(row[1], r.input().movePointRight(6));
            assertUsd(row[2], r.output().movePointRight(6));
            assertUsd(row[3], r.cacheWrite5m().movePointRight(6));
            assertUsd(row[4], r.cacheWrite1h().movePointRight(6));
            assertUsd(row[5], r.cacheRead().movePointRight(6));
        }
        assertEquals("litellm-2026-07-24", table.version());
        assertTrue(table.skippedEntries() > 0, "LiteLLM's image, audio and embedding entries are skipped");
    }

    @Test
    void longContextTierOnlyOnSonnet4And45AndGemini25Pro() {
        for (String[] row : LIST_PRICES) {
            if (row[0].equals("claude-3-5-sonnet")) {
                continue; // priced from LiteLLM's Bedrock entry (no first-party one), which carries a tier
            }
            ModelPrice p = table.lookup(row[0]).orElseThrow();
            boolean tiered = row[0].equals("claude-sonnet-4") || row[0].equals("claude-sonnet-4-5")
                    || row[0].equals("gemini-2.5-pro");
            assertEquals(tiered ? 200_000 : 0, p.longContextThresholdTokens(), row[0]);
            if (!tiered) {
                assertNull(p.longContext(), row[0]);
            }
        }
        // per MTok above 200k: input 6, output 22.50, write 5m 7.50, write 1h 12, read 0.60
        for (String m : new String[] {"claude-sonnet-4", "claude-sonnet-4-5"}) {
            Rates lc = table.lookup(m).orElseThrow().longContext();
            assertUsd("0.000006", lc.input());
            assertUsd("0.0000225", lc.output());
            assertUsd("0.0000075", lc.cacheWrite5m());
            assertUsd("0.000012", lc.cacheWrite1h());
            assertUsd("0.0000006", lc.cacheRead());
        }
    }

    @Test
    void inputAndOutputAtListPrice() {
        // sonnet 4.5: $3 in, $15 out per MTok. 1,234 x 3e-6 + 567 x 15e-6 = 0.003702 + 0.008505
        assertUsd("0.012207", cost("claude-sonnet-4-5-20250929", 1_234, 567, 0, 0, 0));
        // haiku 4.5: $1 / $5. 1M in + 1M out = $6
        assertUsd("6", cost("claude-haiku-4-5-20251001", 1_000_000, 1_000_000, 0, 0, 0));
        // gpt-5: $1.25 / $10. 10,000 x 1.25e-6 + 2,000 x 10e-6 = 0.0125 + 0.02
        assertUsd("0.0325", cost("openai/gpt-5", 10_000, 2_000, 0, 0, 0));
    }

    @Test
    void cacheWritesBillFiveMinuteAndOneHourSeparately() {
        // opus 4.5: write 5m $6.25, write 1h $10 per MTok. 100,000 x 6.25e-6 = 0.625; 50,000 x 10e-6 = 0.5
        assertUsd("0.625", cost("claude-opus-4-5-20251101", 0, 0, 100_000, 0, 0));
        assertUsd("0.5", cost("claude-opus-4-5-20251101", 0, 0, 0, 50_000, 0));
        assertUsd("1.125", cost("claude-opus-4-5-20251101", 0, 0, 100_000, 50_000, 0));
        // haiku 3: 5m $0.30, 1h $0.50: 12,345 x 0.3e-6 + 6,789 x 0.5e-6 = 0.0037035 + 0.0033945
        assertUsd("0.007098", cost("claude-3-haiku-20240307", 0, 0, 12_345, 6_789, 0));
    }

    @Test
    void cacheReadsBillAtTheReadPrice() {
        // opus 4.5 read $0.50: 2,000,000 x 0.5e-6 = 1
        assertUsd("1", cost("claude-opus-4-5", 0, 0, 0, 0, 2_000_000));
        // haiku 3.5 read $0.08: 123,456 x 0.08e-6 = 0.00987648
        assertUsd("0.00987648", cost("claude-3-5-haiku-20241022", 0, 0, 0, 0, 123_456));
        // gpt-5-mini: 1M in x 0.25e-6 + 1M cached x 0.025e-6 = 0.25 + 0.025
        assertUsd("0.275", cost("openai/gpt-5-mini", 1_000_000, 0, 0, 0, 1_000_000));
    }

    @Test
    void longContextNotAppliedAtExactly200k() {
        // prompt = 150,000 in + 50,000 read = 200,000 (not above): base rates
        // 150,000 x 3e-6 + 1,000 out x 15e-6 + 50,000 x 0.3e-6 = 0.45 + 0.015 + 0.015
        assertUsd("0.48", cost("claude-sonnet-4-5", 150_000, 1_000, 0, 0, 50_000));
        // cache writes count toward the prompt: 100,000 x 3.75e-6 + 100,000 x 6e-6 = 0.375 + 0.6
        assertUsd("0.975", cost("claude-sonnet-4", 0, 0, 100_000, 100_000, 0));
    }

    @Test
    void longContextRepricesWholeRequestAbove200k() {
        // prompt 200,001: every token at 6 / 22.50 / 0.60 per MTok
        // 150,001 x 6e-6 + 1,000 x 22.5e-6 + 50,000 x 0.6e-6 = 0.900006 + 0.0225 + 0.03
        assertUsd("0.952506", cost("claude-sonnet-4-5", 150_001, 1_000, 0, 0, 50_000));
        assertUsd("0.952506", cost("claude-sonnet-4-5-20250929[1m]", 150_001, 1_000, 0, 0, 50_000));
        // writes repriced too: 100,000 x 7.5e-6 + 100,001 x 12e-6 = 0.75 + 1.200012
        assertUsd("1.950012", cost("claude-sonnet-4-20250514", 0, 0, 100_000, 100_001, 0));
        // all five buckets: 1 x 6e-6 + 10,000 x 22.5e-6 + 100,000 x 7.5e-6 + 50,000 x 12e-6 + 50,000 x 0.6e-6
        // = 0.000006 + 0.225 + 0.75 + 0.6 + 0.03
        assertUsd("1.605006", cost("claude-sonnet-4-5", 1, 10_000, 100_000, 50_000, 50_000));
    }

    @Test
    void outputDoesNotTriggerLongContext() {
        // prompt 200,000, output 500,000: base. 200,000 x 3e-6 + 500,000 x 15e-6 = 0.6 + 7.5
        assertUsd("8.1", cost("claude-sonnet-4-5", 200_000, 500_000, 0, 0, 0));
    }

    @Test
    void modelsWithoutALongContextTierKeepBaseRatesOnHugePrompts() {
        // opus 4.5: 300,000 x 5e-6 = 1.5; sonnet 4.6 (no tier in the bundled table): 300,000 x 3e-6 = 0.9
        assertUsd("1.5", cost("claude-opus-4-5", 300_000, 0, 0, 0, 0));
        assertUsd("0.9", cost("claude-sonnet-4-6", 300_000, 0, 0, 0, 0));
    }

    @Test
    void geminiProRepricesWholeRequestAbove200k() {
        // <= 200k: 200,000 x 1.25e-6 + 1,000 x 10e-6 = 0.25 + 0.01
        assertUsd("0.26", cost("gemini/gemini-2.5-pro", 200_000, 1_000, 0, 0, 0));
        // > 200k: 300,000 x 2.5e-6 + 1,000 x 15e-6 = 0.75 + 0.015
        assertUsd("0.765", cost("gemini/gemini-2.5-pro", 300_000, 1_000, 0, 0, 0));
        // cached input above 200k: 300,000 x 0.25e-6 = 0.075 (LiteLLM's 2026-07-24 rate)
        assertUsd("0.075", cost("google/gemini-2.5-pro", 0, 0, 0, 0, 300_000));
    }

    @Test
    void opusGenerationsHaveTheirOwnPrices() {
        // LiteLLM names the dated id itself; the family still reaches it
        assertEquals("claude-opus-4-20250514", table.lookup("claude-opus-4").orElseThrow().model());
        // 1M in + 1M out: opus 4 and 4.1 at $15 + $75, opus 4.5 at $5 + $25
        assertUsd("90", cost("claude-opus-4-20250514", 1_000_000, 1_000_000, 0, 0, 0));
        assertUsd("90", cost("claude-opus-4-1-20250805", 1_000_000, 1_000_000, 0, 0, 0));
        assertUsd("30", cost("claude-opus-4-5-20251101", 1_000_000, 1_000_000, 0, 0, 0));
        // 1,000 in + 100 out: opus 4.1 = 0.015 + 0.0075; opus 4.5 = 0.005 + 0.0025
        assertUsd("0.0225", cost("claude-opus-4-1", 1_000, 100, 0, 0, 0));
        assertUsd("0.0075", cost("claude-opus-4-5", 1_000, 100, 0, 0, 0));
    }

    private BigDecimal fastCost(PriceTable t, String model, long in, long out, long w5, long w1, long read) {
        return t.lookup(model, PriceTable.FAST).map(p -> Costs.cost(p, new Usage(in, out, w5, w1, read))).orElse(null);
    }

    @Test
    void fastModeMultipliesEveryRateAndAModelWithoutOneHasNoFastPrice(@TempDir Path dir) throws Exception {
        // Opus 4.6 (provider_specific_entry.fast = 6): $5 in, $25 out, $6.25 5m write, $10 1h write, $0.50 read, x6
        assertUsd("30", fastCost(table, "claude-opus-4-6-20260205", 1_000_000, 0, 0, 0, 0));
        assertUsd("150", fastCost(table, "claude-opus-4-6", 0, 1_000_000, 0, 0, 0));
        // (6.25 + 10 + 0.50) x 6; Opus 4.7 has no long-context tier, so 3M of prompt stays at these rates
        assertUsd("100.5", fastCost(table, "claude-opus-4-7", 0, 0, 1_000_000, 1_000_000, 1_000_000));
        assertUsd("10", fastCost(table, "claude-opus-5", 1_000_000, 0, 0, 0, 0)); // 2x
        assertUsd("5", cost(table, "claude-opus-4-6", 1_000_000, 0, 0, 0, 0));
        assertUsd("5", table.lookup("claude-opus-4-6", "standard").map(p -> Costs.cost(p, new Usage(1_000_000, 0, 0, 0,
                0))).orElseThrow());
        assertNull(fastCost(table, "claude-haiku-4-5", 1_000_000, 0, 0, 0, 0), "no multiplier: no fast price");
        assertNull(fastCost(table, "mystery-model", 1, 0, 0, 0, 0));
        // Long context and fast mode together: the whole request at long-context rates, times the multiplier.
        Path file = dir.resolve("fast.json");
        Files.writeString(file, """
                {"claude-sonnet-9": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5,
                   "input_cost_per_token_above_200k_tokens": 6e-6, "litellm_provider": "anthropic",
                   "provider_specific_entry": {"us": 1.1, "fast": 2.5}}}""");
        PriceTable custom = PriceTable.load(file);
        assertUsd("15", fastCost(custom, "claude-sonnet-9", 1_000_000, 0, 0, 0, 0)); // 6e-6 x 1M x 2.5
        assertUsd("1.5", fastCost(custom, "claude-sonnet-9", 200_000, 0, 0, 0, 0)); // 3e-6 x 200k x 2.5
        assertNotEquals(custom.lookup("claude-sonnet-9").orElseThrow().ratesKey(),
                custom.lookup("claude-sonnet-9", PriceTable.FAST).orElseThrow().ratesKey());
        // A compiled table (what prices update keeps) carries the multiplier too.
        Path compiled = dir.resolve("compiled.tsv");
        Files.writeString(compiled, PriceTable.compile(file).text());
        assertUsd("15", fastCost(PriceTable.load(compiled), "claude-sonnet-9", 1_000_000, 0, 0, 0, 0));
        Files.writeString(file, """
                {"claude-sonnet-9": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5,
                   "provider_specific_entry": {"fast": "quick"}}}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceTable.load(file));
        assertTrue(e.getMessage().contains("claude-sonnet-9.provider_specific_entry.fast must be a number > 0, got "
                + "\"quick\""), e.getMessage());
    }

    @Test
    void overrideFileAddsAndReplacesModelsAndChangesTheVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {
                  "sample_spec": {"input_cost_per_token": "see docs", "litellm_provider": "one of litellm's providers"},
                  "openrouter/acme/coder-1": {"input_cost_per_token": 2e-6, "output_cost_per_token": 0.000004,
                    "litellm_provider": "openrouter", "mode": "chat", "max_input_tokens": 128000},
                  "claude-haiku-4-5": {"input_cost_per_token": "0.000002", "output_cost_per_token": 1e-05,
                    "litellm_provider": "anthropic", "mode": "chat"},
                  "dall-e-3": {"output_cost_per_image": 0.04, "litellm_provider": "openai", "mode": "image_generation"}
                }""");
        PriceTable custom = PriceTable.load(file);

        // coder-1: 1M in x $2 + 1M out x $4; no cache prices given -> writes and reads bill as input
        assertUsd("6", cost(custom, "openrouter/acme/coder-1", 1_000_000, 1_000_000, 0, 0, 0));
        assertUsd("2", cost(custom, "OpenRouter/acme/coder-1", 0, 0, 1_000_000, 0, 0));
        assertUsd("2", cost(custom, "acme/coder-1", 0, 0, 0, 1_000_000, 0));
        assertUsd("2", cost(custom, "acme/coder-1", 0, 0, 0, 0, 1_000_000));
        // haiku replaced at $2 in / $10 out; 5m write and read fall back to input ($2), 1h derives to 2 x input ($4)
        assertUsd("12", cost(custom, "claude-haiku-4-5-20251001", 1_000_000, 1_000_000, 0, 0, 0));
        assertUsd("8", cost(custom, "us.anthropic.claude-haiku-4-5-20251001-v1:0", 0, 0, 1_000_000, 1_000_000, 1_000_000));
        // the rest of the bundled table is still there (sonnet 4.5: 100,000 x 3e-6), and the bundled table itself is untouched
        assertUsd("0.3", cost(custom, "claude-sonnet-4-5", 100_000, 0, 0, 0, 0));
        assertUsd("1", cost(table, "claude-haiku-4-5", 1_000_000, 0, 0, 0, 0));

        assertEquals(table.size() + 1, custom.size());
        assertEquals(table.skippedEntries() + 1, custom.skippedEntries());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals("litellm-2026-07-24+override:prices.json@" + sha.substring(0, 12), custom.version());
        assertNotEquals(table.version(), custom.version());
        assertEquals("litellm-2026-07-24", table.version());
        assertEquals(table.version(), PriceTable.load(null).version());
    }

    @Test
    void overrideUnderADecoratedIdReplacesTheFamilyForEverySpelling(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("litellm.json");
        Files.writeString(file, """
                {"anthropic/claude-haiku-4-5": {"input_cost_per_token": 0.000002, "output_cost_per_token": 0.00001,
                  "litellm_provider": "anthropic"}}""");
        PriceTable custom = PriceTable.load(file);
        // the bundled exact id "claude-haiku-4-5" must not shadow the override: 1M in at $2
        assertUsd("2", cost(custom, "claude-haiku-4-5", 1_000_000, 0, 0, 0, 0));
        assertUsd("2", cost(custom, "anthropic/claude-haiku-4-5", 1_000_000, 0, 0, 0, 0));
        assertUsd("2", cost(custom, "claude-haiku-4-5-20251001", 1_000_000, 0, 0, 0, 0));
        assertEquals(table.size(), custom.size());
    }

    @Test
    void exactIdBeatsFamilyAndTheUndecoratedIdIsTheFamilyPrice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("regional.json");
        // LiteLLM lists premium regional ids before and after the plain one; the plain one prices the family
        Files.writeString(file, """
                {
                  "bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0": {"input_cost_per_token": 5.5e-6,
                    "output_cost_per_token": 2.75e-5, "litellm_provider": "bedrock"},
                  "claude-opus-4-5": {"input_cost_per_token": 4e-6, "output_cost_per_token": 2e-5,
                    "litellm_provider": "anthropic"},
                  "vertex_ai/claude-opus-4-5@20251101": {"input_cost_per_token": 6e-6,
                    "output_cost_per_token": 3e-5, "litellm_provider": "vertex_ai-anthropic_models"}
                }""");
        PriceTable custom = PriceTable.load(file);
        assertUsd("5.5", cost(custom, "bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0", 1_000_000, 0, 0, 0, 0));
        assertUsd("6", cost(custom, "vertex_ai/claude-opus-4-5@20251101", 1_000_000, 0, 0, 0, 0));
        assertUsd("4", cost(custom, "claude-opus-4-5-20251101", 1_000_000, 0, 0, 0, 0));
        assertUsd("4", cost(custom, "us.anthropic.claude-opus-4-5-20251101-v1:0", 1_000_000, 0, 0, 0, 0));
        // Vertex Claude entry has an anthropic-ish provider: its 1h write derives to 2 x $6 = $12
        assertUsd("12", cost(custom, "vertex_ai/claude-opus-4-5@20251101", 0, 0, 0, 1_000_000, 0));
    }

    @Test
    void liteLlmLongContextEntryWithoutOneHourAbove200kDerivesItFromTheInputUplift(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sonnet.json");
        // the fields LiteLLM publishes for claude-sonnet-4-5 (no 1h-above-200k key)
        Files.writeString(file, """
                {"claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                  "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
                  "cache_read_input_token_cost": 3e-07,
                  "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
                  "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
                  "cache_read_input_token_cost_above_200k_tokens": 6e-07,
                  "litellm_provider": "anthropic", "max_input_tokens": 1000000, "mode": "chat"}}""");
        PriceTable custom = PriceTable.load(file);
        // 200,001 1h writes x 12e-6 (= 6e-6 x 6e-6 / 3e-6) = 2.400012
        assertUsd("2.400012", cost(custom, "claude-sonnet-4-5", 0, 0, 0, 200_001, 0));
        // at 200,000: 200,000 x 6e-6 = 1.2
        assertUsd("1.2", cost(custom, "claude-sonnet-4-5", 0, 0, 0, 200_000, 0));
    }

    @Test
    void malformedOverrideFileNamesTheFileAndTheBadField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 1}}");
        assertRejected(file, "m.input_cost_per_token must be >= 0, got -1");

        Files.writeString(file, "{\"gpt-x\": {\"input_cost_per_token\": \"cheap\", \"output_cost_per_token\": 1}}");
        assertRejected(file, "gpt-x.input_cost_per_token must be a number, got \"cheap\"");

        Files.writeString(file, "{\"gpt-x\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 1e-6,"
                + " \"cache_read_input_token_cost\": true}}");
        assertRejected(file, "gpt-x.cache_read_input_token_cost must be a number, got true");

        Files.writeString(file, "{\"claude-x\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 1e-6,"
                + " \"input_cost_per_token_above_200k_tokens\": 2e-6,"
                + " \"cache_read_input_token_cost_above_200k_tokens\": -6e-7}}");
        assertRejected(file, "claude-x.cache_read_input_token_cost_above_200k_tokens must be >= 0, got -0.0000006");

        Files.writeString(file, "{not json");
        assertRejected(file, "is not JSON");
        Files.writeString(file, "[1, 2]");
        assertRejected(file, "must be a JSON object");
        Files.writeString(file, "{\"m\": 3}");
        assertRejected(file, "prices no model");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PriceTable.load(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json does not exist"), e.getMessage());
    }

    static void assertRejected(Path file, String detail) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceTable.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(detail), e.getMessage());
    }
}
