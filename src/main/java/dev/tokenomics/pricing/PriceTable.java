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
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Model prices: the bundled table (list prices, mid-2026, {@code /pricing/bundled-prices.json}),
 * optionally extended or overridden by a file in LiteLLM's format. Looked up by the model id as
 * given, then by its normalised family, so {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}
 * finds {@code claude-sonnet-4-5}. A model not found is unpriced: callers report its cost as
 * unknown, never as zero. Immutable and thread-safe.
 */
public final class PriceTable {
    static final String BUNDLED_RESOURCE = "/pricing/bundled-prices.json";

    private static final PriceTable BUNDLED = loadBundled();

    /** Lower-cased id exactly as written in a price file. */
    private final Map<String, ModelPrice> byId;
    /** {@link ModelNames#normalise} of the ids. */
    private final Map<String, ModelPrice> byFamily;
    private final String version;
    private final int skipped;

    private PriceTable(Map<String, ModelPrice> byId, Map<String, ModelPrice> byFamily, String version, int skipped) {
        this.byId = Map.copyOf(byId);
        this.byFamily = Map.copyOf(byFamily);
        this.version = version;
        this.skipped = skipped;
    }

    /** The bundled table, parsed once. */
    public static PriceTable bundled() {
        return BUNDLED;
    }

    /**
     * The bundled table plus {@code overrideFileOrNull} (LiteLLM format) when not null: its entries
     * are added, and an entry whose family is in the bundled table replaces that family's price for
     * every spelling of the id. Throws IllegalArgumentException naming the file when it is missing,
     * unreadable, not JSON, or has a negative or non-numeric cost (naming the key and field too).
     */
    public static PriceTable load(Path overrideFileOrNull) {
        if (overrideFileOrNull == null) {
            return BUNDLED;
        }
        Path file = overrideFileOrNull;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("price file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("price file " + file + " cannot be read: " + e.getMessage());
        }
        LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
        Map<String, ModelPrice> byId = new HashMap<>(BUNDLED.byId);
        Map<String, ModelPrice> byFamily = new HashMap<>(BUNDLED.byFamily);
        layer(byId, byFamily, parsed.models());
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        // The file's hash in the version: a ledger row's price_version tells which prices costed it.
        return new PriceTable(byId, byFamily, BUNDLED.version + "+" + name + "@" + sha256(bytes).substring(0, 12),
                BUNDLED.skipped + parsed.skipped());
    }

    private static PriceTable loadBundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the class path");
            }
            LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(BUNDLED_RESOURCE,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (parsed.version() == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " has no " + LiteLlmPrices.VERSION_KEY);
            }
            Map<String, ModelPrice> byId = new HashMap<>();
            Map<String, ModelPrice> byFamily = new HashMap<>();
            layer(byId, byFamily, parsed.models());
            return new PriceTable(byId, byFamily, parsed.version(), parsed.skipped());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    /**
     * Adds {@code models} over the maps. A family the new layer prices drops every earlier id of that
     * family, so a stale bundled price cannot win an exact-id match. Within one file several ids may
     * share a family (LiteLLM lists claude-sonnet-4-5, its dated id, Bedrock and Vertex forms): the
     * id that IS the family wins, otherwise the first in file order.
     */
    private static void layer(Map<String, ModelPrice> byId, Map<String, ModelPrice> byFamily,
            Map<String, ModelPrice> models) {
        Map<String, ModelPrice> families = new LinkedHashMap<>();
        for (Map.Entry<String, ModelPrice> e : models.entrySet()) {
            String family = ModelNames.normalise(e.getKey());
            if (family == null || family.equals(ModelNames.SYNTHETIC)) {
                continue;
            }
            ModelPrice current = families.get(family);
            if (current == null || isCanonical(e.getValue(), family) && !isCanonical(current, family)) {
                families.put(family, e.getValue());
            }
        }
        byId.keySet().removeIf(id -> families.containsKey(ModelNames.normalise(id)));
        byFamily.putAll(families);
        for (Map.Entry<String, ModelPrice> e : models.entrySet()) {
            byId.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue());
        }
    }

    private static boolean isCanonical(ModelPrice p, String family) {
        return p.model().strip().toLowerCase(Locale.ROOT).equals(family);
    }

    /**
     * The price for {@code rawModel}: its exact id (case-insensitive) when a price file names it,
     * else its normalised family. Empty for unknown models, null, blank and Claude Code's
     * {@code <synthetic>} placeholder.
     */
    public Optional<ModelPrice> lookup(String rawModel) {
        String family = ModelNames.normalise(rawModel);
        if (family == null || family.equals(ModelNames.SYNTHETIC)) {
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

    /** "bundled-2026-06", or "bundled-2026-06+&lt;file name&gt;@&lt;12 hex of the file's SHA-256&gt;". */
    public String version() {
        return version;
    }

    /** Number of priced model families. */
    public int size() {
        return byFamily.size();
    }

    /** Families priced, sorted: for diagnostics such as "--prices loaded N models". */
    public SortedSet<String> families() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byFamily.keySet()));
    }

    /** Price-file entries skipped for lacking an input or output price (images, embeddings, audio). */
    public int skippedEntries() {
        return skipped;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
