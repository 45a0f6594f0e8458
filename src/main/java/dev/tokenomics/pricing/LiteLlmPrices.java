package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads prices in LiteLLM's model_prices_and_context_window.json format
 * (https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json): model id to
 * an object of USD-per-token costs. The bundled table is written in the same format so one parser
 * reads both. Numbers are read as BigDecimal straight from their text, never via double.
 *
 * <p>Keys starting with {@code _} (our {@code _tokenomics_version}), LiteLLM's {@code sample_spec}
 * documentation entry and top-level values that are no object ({@code last_updated}) are not models. Entries without both an input and an output price (image,
 * audio and embedding models in LiteLLM's file) are skipped and counted.
 */
final class LiteLlmPrices {
    /** USE_BIG_DECIMAL_FOR_FLOATS: 3e-6 must stay 0.000003, not the nearest double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** LiteLLM's {@code *_above_200k_tokens} fields name their threshold. */
    static final long LONG_CONTEXT_THRESHOLD = 200_000;
    static final String VERSION_KEY = "_tokenomics_version";
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** LiteLLM's (mirrored) file carries its sync time under this top-level key. */
    static final String LAST_UPDATED_KEY = "last_updated";

    /**
     * {@code models} in file order; {@code version} null when the file has no version key;
     * {@code date} the file's {@code last_updated} day, null when it has none; {@code skipped}
     * model entries without an input or output price; {@code notModels} top-level keys that are no
     * model object ({@code last_updated}, {@code sample_spec}, a comment).
     */
    record Parsed(Map<String, ModelPrice> models, String version, LocalDate date, int skipped, int notModels) {}

    private LiteLlmPrices() {}

    /** {@code source} names the file in every error message. */
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
        JsonNode versionNode = root.get(VERSION_KEY);
        String version = versionNode != null && versionNode.isString() ? versionNode.asString() : null;
        LocalDate date = date(source, root.get(LAST_UPDATED_KEY));
        int skipped = 0;
        int notModels = 0;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String id = e.getKey();
            JsonNode p = e.getValue();
            // Not models: our _keys, LiteLLM's sample_spec (an object describing the fields), and
            // any top-level value that is no object (the mirror's last_updated string).
            if (id.startsWith("_") || id.equals("sample_spec") || !p.isObject()) {
                notModels++;
                continue;
            }
            if (id.isBlank()) {
                throw new IllegalArgumentException("price file " + source + ": a model id is blank");
            }
            BigDecimal input = cost(source, id, p, "input_cost_per_token");
            BigDecimal output = cost(source, id, p, "output_cost_per_token");
            if (input == null || output == null) {
                skipped++;
                continue;
            }
            // No cache-write price (OpenAI, Google: writes are not billed separately) -> input price;
            // no cache-read price -> input price (an un-discounted read is the safe upper bound).
            BigDecimal write5m = orElse(cost(source, id, p, "cache_creation_input_token_cost"), input);
            // Anthropic bills a 1-hour cache write at 2 x input on every platform
            // (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#pricing). That rule
            // wins over the file: LiteLLM's entries often lack the 1h field, and some carry a wrong one
            // (claude-3-opus and claude-3-haiku at $6/MTok in the 2026-07-24 table). Others have no
            // separate 1h price: use the 5m write.
            boolean anthropic = isAnthropic(id, p);
            BigDecimal write1h = anthropic ? input.multiply(TWO)
                    : orElse(cost(source, id, p, "cache_creation_input_token_cost_above_1hr"), write5m);
            BigDecimal read = orElse(cost(source, id, p, "cache_read_input_token_cost"), input);
            Rates base = new Rates(input, output, write5m, write1h, read);

            Rates longContext = null;
            BigDecimal lcInput = cost(source, id, p, "input_cost_per_token_above_200k_tokens");
            if (lcInput != null) {
                BigDecimal lcOutput = orElse(cost(source, id, p, "output_cost_per_token_above_200k_tokens"), output);
                BigDecimal lcWrite5m = orElse(cost(source, id, p, "cache_creation_input_token_cost_above_200k_tokens"),
                        scale(write5m, lcInput, input));
                // Our extension key; LiteLLM has none, so its entries derive 1h from the input uplift
                // (Sonnet 4.5: 6e-6 x 6e-6 / 3e-6 = 12e-6, Anthropic's published long-context 1h price).
                BigDecimal lcWrite1h = anthropic ? lcInput.multiply(TWO) : orElse(
                        cost(source, id, p, "cache_creation_input_token_cost_above_1hr_above_200k_tokens"),
                        scale(write1h, lcInput, input));
                BigDecimal lcRead = orElse(cost(source, id, p, "cache_read_input_token_cost_above_200k_tokens"),
                        scale(read, lcInput, input));
                longContext = new Rates(lcInput, lcOutput, lcWrite5m, lcWrite1h, lcRead);
            }
            models.put(id, new ModelPrice(id, base, longContext == null ? 0 : LONG_CONTEXT_THRESHOLD, longContext,
                    fastMultiplier(source, id, p)));
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("price file " + source + " prices no model (no entry has both "
                    + "input_cost_per_token and output_cost_per_token)");
        }
        return new Parsed(models, version, date, skipped, notModels);
    }

    /**
     * LiteLLM's fast-mode factor on every rate ({@code provider_specific_entry.fast}, e.g. 6 for
     * claude-opus-4-6 in the 2026-07-24 table); null when the entry has none.
     */
    private static BigDecimal fastMultiplier(String source, String id, JsonNode entry) {
        JsonNode specific = entry.get("provider_specific_entry");
        if (specific == null || !specific.isObject() || specific.get("fast") == null || specific.get("fast").isNull()) {
            return null;
        }
        JsonNode n = specific.get("fast");
        if (!n.isNumber() || n.decimalValue().signum() <= 0) {
            throw new IllegalArgumentException("price file " + source + ": " + id
                    + ".provider_specific_entry.fast must be a number > 0, got " + n);
        }
        return n.decimalValue();
    }

    /** The day of an ISO-8601 date or time, null when absent; anything else names the file. */
    private static LocalDate date(String source, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String text = n.isString() ? n.asString().strip() : "";
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("price file " + source + ": " + LAST_UPDATED_KEY
                    + " must be an ISO-8601 date or time, got " + n);
        }
    }

    /** Anthropic's model on any platform: LiteLLM files Bedrock and Vertex Claude under other providers. */
    private static boolean isAnthropic(String id, JsonNode entry) {
        JsonNode provider = entry.get("litellm_provider");
        return provider != null && provider.isString() && provider.asString().toLowerCase(Locale.ROOT).contains("anthropic")
                || id.toLowerCase(Locale.ROOT).contains("claude");
    }

    /**
     * A bucket's long-context price when the file gives none: the base price times the input's
     * long-context uplift. Exact when the quotient terminates (it does for every published price);
     * otherwise 34 significant digits, far below a nano-dollar per token.
     */
    private static BigDecimal scale(BigDecimal base, BigDecimal lcInput, BigDecimal input) {
        if (input.signum() == 0) {
            return base;
        }
        BigDecimal product = base.multiply(lcInput);
        try {
            return product.divide(input).stripTrailingZeros();
        } catch (ArithmeticException nonTerminating) {
            return product.divide(input, MathContext.DECIMAL128).stripTrailingZeros();
        }
    }

    private static BigDecimal orElse(BigDecimal v, BigDecimal fallback) {
        return v != null ? v : fallback;
    }

    /** The field as an exact BigDecimal, null when absent; JSON numbers or decimal strings accepted. */
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
