package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads prices in LiteLLM's model_prices_and_context_window.json format: model id to an object of
 * USD-per-token costs. Numbers are read as BigDecimal straight from their text, never via double.
 * Entries that are not chat models with an input and an output price (images, embeddings, the
 * {@code sample_spec} entry) are skipped and counted.
 */
final class LiteLlmPrices {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final long LONG_CONTEXT_THRESHOLD = 200_000;

    record Parsed(Map<String, ModelPrice> models, String version, int skipped) {}

    private LiteLlmPrices() {}

    static Parsed parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("price file " + source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("price file " + source + " must be a JSON object of model id to prices");
        }
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        String version = root.has("_tokenomics_version") ? root.get("_tokenomics_version").asString() : null;
        int skipped = 0;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String id = e.getKey();
            JsonNode p = e.getValue();
            if (id.startsWith("_") || id.equals("sample_spec")) {
                continue;
            }
            if (!p.isObject()) {
                throw new IllegalArgumentException("price file " + source + ": entry " + id + " must be an object");
            }
            BigDecimal input = cost(source, id, p, "input_cost_per_token");
            BigDecimal output = cost(source, id, p, "output_cost_per_token");
            if (input == null || output == null) {
                skipped++;
                continue;
            }
            boolean anthropic = p.has("litellm_provider") && p.get("litellm_provider").asString().contains("anthropic")
                    || id.contains("claude");
            BigDecimal write5m = orElse(cost(source, id, p, "cache_creation_input_token_cost"), input);
            // Anthropic bills a 1-hour cache write at 2x input; others have no separate 1h price.
            BigDecimal write1h = orElse(cost(source, id, p, "cache_creation_input_token_cost_above_1hr"),
                    anthropic ? input.multiply(BigDecimal.valueOf(2)) : write5m);
            BigDecimal read = orElse(cost(source, id, p, "cache_read_input_token_cost"), input);
            Rates base = new Rates(input, output, write5m, write1h, read);

            BigDecimal lcInput = cost(source, id, p, "input_cost_per_token_above_200k_tokens");
            Rates longContext = null;
            if (lcInput != null) {
                BigDecimal lcOutput = orElse(cost(source, id, p, "output_cost_per_token_above_200k_tokens"), output);
                BigDecimal lcWrite5m = orElse(cost(source, id, p, "cache_creation_input_token_cost_above_200k_tokens"),
                        scale(write5m, lcInput, input));
                BigDecimal lcWrite1h = orElse(cost(source, id, p, "cache_creation_input_token_cost_above_1hr_above_200k_tokens"),
                        scale(write1h, lcInput, input));
                BigDecimal lcRead = orElse(cost(source, id, p, "cache_read_input_token_cost_above_200k_tokens"),
                        scale(read, lcInput, input));
                longContext = new Rates(lcInput, lcOutput, lcWrite5m, lcWrite1h, lcRead);
            }
            models.put(id, new ModelPrice(id, base, longContext == null ? 0 : LONG_CONTEXT_THRESHOLD, longContext));
        }
        return new Parsed(models, version, skipped);
    }

    /** A bucket's long-context price when the file gives none: the base price times the input's uplift. */
    private static BigDecimal scale(BigDecimal base, BigDecimal lcInput, BigDecimal input) {
        if (input.signum() == 0) {
            return base;
        }
        return base.multiply(lcInput).divide(input, java.math.MathContext.DECIMAL128).stripTrailingZeros();
    }

    private static BigDecimal orElse(BigDecimal v, BigDecimal fallback) {
        return v != null ? v : fallback;
    }

    private static BigDecimal cost(String source, String id, JsonNode entry, String field) {
        JsonNode n = entry.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        BigDecimal v;
        if (n.isNumber()) {
            v = n.decimalValue();
        } else if (n.isString()) {
            try {
                v = new BigDecimal(n.asString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price file " + source + ": " + id + "." + field
                        + " must be a number, got \"" + n.asString() + "\"");
            }
        } else {
            throw new IllegalArgumentException("price file " + source + ": " + id + "." + field
                    + " must be a number, got " + n);
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException("price file " + source + ": " + id + "." + field
                    + " must be >= 0, got " + v.toPlainString());
        }
        return v;
    }
}
