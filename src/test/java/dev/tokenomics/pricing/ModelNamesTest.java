package dev.tokenomics.pricing;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelNamesTest {
    /** Raw id as seen in transcripts, SDKs and routers -> family key. */
    static final String[][] IDS = {
            {"claude-sonnet-4-5-20250929", "claude-sonnet-4-5"},
            {"anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"},
            {"us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"},
            {"eu.anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4"},
            {"apac.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet"},
            {"global.anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1"},
            {"anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku"},
            {"anthropic.claude-3-haiku-20240307-v1:0:200k", "claude-3-haiku"},
            {"bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5"},
            {"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
                    "claude-sonnet-4"},
            {"claude-sonnet-4@20250514", "claude-sonnet-4"},
            {"vertex_ai/claude-opus-4-5@20251101", "claude-opus-4-5"},
            {"claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet"},
            {"claude-opus-4-20250514", "claude-opus-4"},
            {"claude-opus-4-1-20250805", "claude-opus-4-1"},
            {"claude-opus-4-1", "claude-opus-4-1"},
            {"claude-sonnet-4-5[1m]", "claude-sonnet-4-5"},
            {"claude-sonnet-4-5-20250929[1m]", "claude-sonnet-4-5"},
            {"claude-sonnet-4-20250514[1M]", "claude-sonnet-4"},
            {"Claude-Sonnet-4-5-20250929", "claude-sonnet-4-5"},
            {"CLAUDE-OPUS-4-6", "claude-opus-4-6"},
            {"  claude-haiku-4-5  ", "claude-haiku-4-5"},
            {"claude-3-7-sonnet-latest", "claude-3-7-sonnet"},
            {"claude-3-5-sonnet-20241022", "claude-3-5-sonnet"},
            {"claude-3-5-haiku-latest", "claude-3-5-haiku"},
            {"claude-3-opus-20240229", "claude-3-opus"},
            {"claude-haiku-4-5-20251001", "claude-haiku-4-5"},
            {"openrouter/anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"},
            {"anthropic/claude-3.5-sonnet", "claude-3-5-sonnet"},
            {"openai/gpt-5-mini", "gpt-5-mini"},
            {"gpt-5-mini-2025-08-07", "gpt-5-mini"},
            {"gpt-4o-2024-08-06", "gpt-4o"},
            {"azure/gpt-4.1", "gpt-4.1"},
            {"openai/gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"},
            {"o3-2025-04-16", "o3"},
            {"o4-mini", "o4-mini"},
            {"GPT-5-Nano", "gpt-5-nano"},
            {"gemini/gemini-2.5-pro", "gemini-2.5-pro"},
            {"google/gemini-2.5-flash", "gemini-2.5-flash"},
            {"vertex_ai/gemini-2.5-pro", "gemini-2.5-pro"},
    };

    final PriceTable table = PriceTable.bundled();

    @Test
    void decoratedIdsNormaliseToTheirFamily() {
        for (String[] c : IDS) {
            assertEquals(c[1], ModelNames.normalise(c[0]), c[0]);
        }
    }

    @Test
    void everyDecoratedIdFindsItsBundledFamilyPrice() {
        for (String[] c : IDS) {
            // Priced: by its exact id where LiteLLM lists it (a Bedrock regional id carries AWS's 10%
            // regional premium), else by its family's price.
            var exact = table.lookup(c[0]).orElseThrow(() -> new AssertionError(c[0] + " unpriced"));
            var family = table.lookup(c[1]).orElseThrow(() -> new AssertionError(c[1] + " unpriced"));
            BigDecimal ratio = exact.base().input().divide(family.base().input(), java.math.MathContext.DECIMAL64);
            assertTrue(ratio.compareTo(BigDecimal.ONE) >= 0 && ratio.compareTo(new BigDecimal("1.1")) <= 0,
                    c[0] + " at " + exact.base().input() + " vs its family " + family.base().input());
        }
    }

    @Test
    void versionComponentsAreNeverStripped() {
        // a minor version is a different model with its own price, not a decoration
        assertEquals("claude-opus-4-1", ModelNames.normalise("claude-opus-4-1-20250805"));
        assertEquals("claude-opus-4", ModelNames.normalise("claude-opus-4-20250514"));
        assertEquals("claude-sonnet-4-5", ModelNames.normalise("claude-sonnet-4-5"));
        assertEquals("claude-sonnet-4", ModelNames.normalise("claude-sonnet-4"));
        assertEquals("gpt-4o-mini", ModelNames.normalise("gpt-4o-mini-2024-07-18"));
        assertEquals("deepseek-v3", ModelNames.normalise("deepseek-v3"));
        // so a mini model has its own price, not its big sibling's
        assertTrue(table.lookup("gpt-4o-mini").orElseThrow().base().input()
                .compareTo(table.lookup("gpt-4o").orElseThrow().base().input()) < 0);
    }

    @Test
    void nullBlankAndSyntheticAreNotModels() {
        assertNull(ModelNames.normalise(null));
        assertNull(ModelNames.normalise(""));
        assertNull(ModelNames.normalise("   "));
        assertEquals("<synthetic>", ModelNames.normalise("<synthetic>"));
        assertTrue(table.lookup("<synthetic>").isEmpty());
        assertTrue(table.lookup(null).isEmpty());
        assertTrue(table.lookup("").isEmpty());
        assertTrue(table.lookup(" ").isEmpty());
    }

    @Test
    void unknownModelsAreUnpricedNotFree() {
        assertEquals("my-local-llama", ModelNames.normalise("my-local-llama"));
        assertTrue(table.lookup("my-local-llama").isEmpty());
        assertTrue(table.lookup("claude-7-imaginary").isEmpty());
        assertTrue(table.cost("my-local-llama", new Usage(1_000, 1_000, 0, 0, 0)).isEmpty());
    }
}
