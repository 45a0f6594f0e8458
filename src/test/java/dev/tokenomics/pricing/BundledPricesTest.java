package dev.tokenomics.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bundled table is LiteLLM's file, compiled; its rates are the file's, model by model. */
class BundledPricesTest {
    static String resource(String name) throws Exception {
        try (InputStream in = PriceTable.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Fails when the compiled table drifts from LiteLLM's file or from our derivation rules. To
     * regenerate: mvn test -Dtest=BundledPricesTest -Dtokenomics.writeBundledPrices=src/main/resources/pricing/litellm/prices.tsv
     */
    @Test
    void compiledTableIsExactlyTheLiteLlmFileCompiled() throws Exception {
        String compiled = CompactPrices.write(LiteLlmPrices.parse("litellm", resource(PriceTable.LITELLM_RESOURCE)));
        String target = System.getProperty("tokenomics.writeBundledPrices");
        if (target != null) {
            Files.writeString(Path.of(target), compiled);
        }
        assertEquals(compiled, resource(PriceTable.BUNDLED_RESOURCE), "regenerate prices.tsv (see this test's Javadoc)");
    }

    @Test
    void aDozenModelsCostWhatLiteLlmSays() throws Exception {
        JsonNode file = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                .readTree(resource(PriceTable.LITELLM_RESOURCE));
        PriceTable table = PriceTable.bundled();
        String[] models = {"claude-sonnet-4-5", "claude-opus-4-5", "claude-opus-4-6", "claude-haiku-4-5",
                "claude-sonnet-5", "claude-opus-5", "gpt-5", "gpt-5.2", "gpt-4.1-mini", "o3", "gemini-2.5-pro",
                "gemini-2.5-flash", "gemini-3-pro-preview"};
        for (String m : models) {
            JsonNode e = file.get(m);
            Rates r = table.lookup(m).orElseThrow(() -> new AssertionError(m + " unpriced")).base();
            assertRate(m + " input", e.get("input_cost_per_token"), r.input());
            assertRate(m + " output", e.get("output_cost_per_token"), r.output());
            JsonNode read = e.get("cache_read_input_token_cost");
            assertRate(m + " cache read", read != null ? read : e.get("input_cost_per_token"), r.cacheRead());
            JsonNode write = e.get("cache_creation_input_token_cost");
            if (write != null) {
                assertRate(m + " cache write", write, r.cacheWrite5m());
            }
        }
        // The providers' price the issue names: Gemini 2.5 Pro cache reads at $0.125 per million.
        assertEquals(0, new BigDecimal("0.125").compareTo(table.lookup("gemini-2.5-pro").orElseThrow().base()
                .cacheRead().movePointRight(6)));
        assertEquals("litellm-2026-07-24", table.version());
        assertEquals(LocalDate.of(2026, 7, 24), table.base().date());
        assertTrue(table.size() > 1_000, "most of LiteLLM's chat models: " + table.size());
    }

    private static void assertRate(String what, JsonNode expected, BigDecimal actual) {
        assertEquals(0, expected.decimalValue().compareTo(actual), what + ": " + expected + " vs " + actual.toPlainString());
    }
}
