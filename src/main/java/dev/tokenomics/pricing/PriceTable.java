package dev.tokenomics.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Model prices: the bundled table (list prices, mid-2026), optionally extended or overridden by a
 * file in LiteLLM's format. Looked up by the model id as given, then by its normalised family, so
 * {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} finds {@code claude-sonnet-4-5}. A model not
 * found is unpriced: callers report its cost as unknown, never as zero.
 */
public final class PriceTable {
    static final String BUNDLED_RESOURCE = "/pricing/bundled-prices.json";

    private static final PriceTable BUNDLED = loadBundled();

    private final Map<String, ModelPrice> byId;
    private final Map<String, ModelPrice> byFamily;
    private final String version;

    private PriceTable(Map<String, ModelPrice> byId, Map<String, ModelPrice> byFamily, String version) {
        this.byId = Map.copyOf(byId);
        this.byFamily = Map.copyOf(byFamily);
        this.version = version;
    }

    public static PriceTable bundled() {
        return BUNDLED;
    }

    /** The bundled table plus {@code overrideFile} (LiteLLM format) when not null. */
    public static PriceTable load(Path overrideFile) {
        if (overrideFile == null) {
            return BUNDLED;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(overrideFile);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("price file " + overrideFile + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("price file " + overrideFile + " cannot be read: " + e.getMessage());
        }
        LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(overrideFile.toString(),
                new String(bytes, StandardCharsets.UTF_8));
        Map<String, ModelPrice> byId = new HashMap<>(BUNDLED.byId);
        Map<String, ModelPrice> byFamily = new HashMap<>(BUNDLED.byFamily);
        for (ModelPrice p : parsed.models().values()) {
            byId.put(p.model().toLowerCase(Locale.ROOT), p);
            String family = ModelNames.normalise(p.model());
            if (family != null) {
                byFamily.put(family, p);
            }
        }
        String name = overrideFile.getFileName() == null ? overrideFile.toString() : overrideFile.getFileName().toString();
        return new PriceTable(byId, byFamily, BUNDLED.version + "+" + name + "@" + sha256(bytes).substring(0, 12));
    }

    private static PriceTable loadBundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the jar");
            }
            LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse("(bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, ModelPrice> byId = new HashMap<>();
            Map<String, ModelPrice> byFamily = new HashMap<>();
            for (ModelPrice p : parsed.models().values()) {
                byId.put(p.model(), p);
                byFamily.put(ModelNames.normalise(p.model()), p);
            }
            return new PriceTable(byId, byFamily, parsed.version());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    public Optional<ModelPrice> lookup(String rawModel) {
        if (rawModel == null || rawModel.isBlank()) {
            return Optional.empty();
        }
        String family = ModelNames.normalise(rawModel);
        if (ModelNames.SYNTHETIC.equals(family)) {
            return Optional.empty();
        }
        ModelPrice exact = byId.get(rawModel.strip().toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(byFamily.get(family));
    }

    /** Exact USD for {@code usage} on {@code rawModel}; empty when the model is unpriced. */
    public Optional<BigDecimal> cost(String rawModel, Usage usage) {
        return lookup(rawModel).map(p -> Costs.cost(p, usage));
    }

    public String version() {
        return version;
    }

    public int size() {
        return byFamily.size();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
