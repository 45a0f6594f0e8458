package dev.tokenomics.pricing;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model prices in layers, each a file in LiteLLM's model_prices_and_context_window.json format:
 * the bundled copy of LiteLLM's table ({@code /pricing/litellm/}, MIT, dated by its
 * {@code last_updated}), then the newer table {@code tokenomics prices update} keeps beside the
 * ledger, then a {@code --prices} override. Our rules sit on top in code: the whole-request
 * long-context tier ({@link Costs}) and Anthropic's 1-hour cache write at 2x input where an entry
 * lacks it ({@link LiteLlmPrices}). Looked up by the model id as given, then by its normalised
 * family, so {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} finds {@code claude-sonnet-4-5}.
 * A model not found is unpriced: callers report its cost as unknown, never as zero. Immutable and
 * thread-safe.
 */
public final class PriceTable {
    /** LiteLLM's file as published, kept in the jar with its licence; the source of the compiled one. */
    static final String LITELLM_RESOURCE = "/pricing/litellm/model_prices_and_context_window.json";
    /** {@link #LITELLM_RESOURCE} compiled by {@link CompactPrices}: what a command reads. */
    static final String BUNDLED_RESOURCE = "/pricing/litellm/prices.tsv";

    /** Where a layer came from: {@code kind} is bundled, updated or override. */
    public record Source(String kind, String name, LocalDate date) {
        public String describe() {
            return kind + " " + name + (date == null ? "" : " (dated " + date + ")");
        }
    }

    /** A model's price and the layer that set it. */
    public record Priced(ModelPrice price, Source source) {}

    /** Lower-cased id exactly as written in a price file. */
    private final Map<String, ModelPrice> byId;
    /** {@link ModelNames#normalise} of the ids. */
    private final Map<String, ModelPrice> byFamily;
    private final Map<ModelPrice, Source> sources;
    private final String version;
    private final Source base;
    private final int skipped;
    /** Every layer in use, bundled first. */
    private final List<Source> layers;
    /** 12 hex of the SHA-256 of the bundled compiled table: a new release's table is a new table. */
    private final String bundledHash;
    /**
     * {@link #lookup(String)}'s answers by raw name: normalising a name runs regexes, and a server
     * prices the same handful of models on every call. Bounded, as names come from callers.
     */
    private final Map<String, Optional<ModelPrice>> looked = new ConcurrentHashMap<>();
    private static final int LOOKED_MAX = 4_096;

    private PriceTable(Map<String, ModelPrice> byId, Map<String, ModelPrice> byFamily, Map<ModelPrice, Source> sources,
            String version, Source base, int skipped, List<Source> layers, String bundledHash) {
        this.byId = Map.copyOf(byId);
        this.byFamily = Map.copyOf(byFamily);
        this.sources = Collections.unmodifiableMap(new IdentityHashMap<>(sources));
        this.version = version;
        this.base = base;
        this.skipped = skipped;
        this.layers = List.copyOf(layers);
        this.bundledHash = bundledHash;
    }

    /** Parsed on first use only: a command that prices nothing does not pay for 1.5 MB of JSON. */
    private static final class Bundled {
        static final PriceTable TABLE = loadBundled();
    }

    /** The bundled table, parsed once. */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /** The bundled table plus {@code overrideFileOrNull}; see {@link #load(Path, Path)}. */
    public static PriceTable load(Path overrideFileOrNull) {
        return load(null, overrideFileOrNull);
    }

    /**
     * The bundled table, then {@code updatedFileOrNull} (a whole newer LiteLLM table), then
     * {@code overrideFileOrNull}: each layer's entries are added, and an entry whose family an
     * earlier layer priced replaces that family's price for every spelling of the id. Throws
     * IllegalArgumentException naming the file when it is missing, unreadable, not JSON, prices no
     * model, or has a negative or non-numeric cost (naming the key and field too).
     */
    public static PriceTable load(Path updatedFileOrNull, Path overrideFileOrNull) {
        PriceTable table = bundled();
        if (updatedFileOrNull != null) {
            table = table.with("updated", updatedFileOrNull, true);
        }
        if (overrideFileOrNull != null) {
            table = table.with("override", overrideFileOrNull, false);
        }
        return table;
    }

    /**
     * Reads a LiteLLM file (or a compiled one) and compiles it: the text {@code prices update}
     * keeps beside the ledger. Throws IllegalArgumentException naming the file and what is wrong.
     */
    public static Compiled compile(Path file) {
        String text = new String(read(file), StandardCharsets.UTF_8);
        if (CompactPrices.isCompact(text)) {
            CompactPrices.Table t = CompactPrices.read(file.toString(), text);
            return new Compiled(text, t.models().size(), t.date());
        }
        LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(file.toString(), text);
        return new Compiled(CompactPrices.write(parsed), parsed.models().size(), parsed.date());
    }

    /** A compiled price table: its text, how many models it prices, its date (null when undated). */
    public record Compiled(String text, int models, LocalDate date) {}

    /** Compiled tables as they are; LiteLLM's JSON parsed and compiled on the way. */
    static CompactPrices.Table parseEither(String source, String text) {
        if (CompactPrices.isCompact(text)) {
            return CompactPrices.read(source, text);
        }
        LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(source, text);
        Map<String, String> families = new LinkedHashMap<>();
        parsed.models().keySet().forEach(id -> families.put(id, ModelNames.normalise(id)));
        return new CompactPrices.Table(parsed.models(), families, parsed.date(), parsed.skipped());
    }

    private PriceTable with(String kind, Path file, boolean replacesBase) {
        byte[] bytes = read(file);
        CompactPrices.Table parsed = parseEither(file.toString(), new String(bytes, StandardCharsets.UTF_8));
        Map<String, ModelPrice> ids = new HashMap<>(byId);
        Map<String, ModelPrice> families = new HashMap<>(byFamily);
        Map<ModelPrice, Source> from = new IdentityHashMap<>(sources);
        Source source = new Source(kind, file.toString(), parsed.date());
        layer(ids, families, from, parsed, source);
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        // The file's hash in the version: a ledger row's price_version tells which prices costed it.
        String v = version + "+" + kind + ":" + name + "@" + sha256(bytes).substring(0, 12);
        List<Source> all = new ArrayList<>(layers);
        all.add(source);
        return new PriceTable(ids, families, from, v, replacesBase ? source : base, skipped + parsed.skipped(), all,
                bundledHash);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("price file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("price file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static PriceTable loadBundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            CompactPrices.Table parsed = CompactPrices.read(BUNDLED_RESOURCE, new String(bytes, StandardCharsets.UTF_8));
            if (parsed.date() == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " has no date");
            }
            Source source = new Source("bundled", "LiteLLM model_prices_and_context_window.json", parsed.date());
            Map<String, ModelPrice> byId = new HashMap<>();
            Map<String, ModelPrice> byFamily = new HashMap<>();
            Map<ModelPrice, Source> sources = new IdentityHashMap<>();
            layer(byId, byFamily, sources, parsed, source);
            return new PriceTable(byId, byFamily, sources, "litellm-" + parsed.date(), source, parsed.skipped(),
                    List.of(source), sha256(bytes).substring(0, 12));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    /**
     * Adds {@code models} over the maps. A family the new layer prices drops every earlier id of that
     * family, so a stale earlier price cannot win an exact-id match. Within one file several ids may
     * share a family (LiteLLM lists claude-sonnet-4-5, its dated id, Bedrock and Vertex forms): the
     * id that IS the family wins, otherwise the first in file order.
     */
    private static void layer(Map<String, ModelPrice> byId, Map<String, ModelPrice> byFamily,
            Map<ModelPrice, Source> sources, CompactPrices.Table table, Source source) {
        Map<String, ModelPrice> models = table.models();
        Map<String, String> familyOf = table.families();
        Map<String, ModelPrice> families = new LinkedHashMap<>();
        for (Map.Entry<String, ModelPrice> e : models.entrySet()) {
            String family = familyOf.get(e.getKey());
            if (family == null || family.equals(ModelNames.SYNTHETIC)) {
                continue;
            }
            ModelPrice current = families.get(family);
            if (current == null || rank(e.getValue(), family) < rank(current, family)) {
                families.put(family, e.getValue());
            }
        }
        if (!byId.isEmpty()) {
            byId.keySet().removeIf(id -> families.containsKey(ModelNames.normalise(id)));
        }
        byFamily.putAll(families);
        for (Map.Entry<String, ModelPrice> e : models.entrySet()) {
            byId.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue());
        }
        for (ModelPrice p : models.values()) {
            sources.put(p, source);
        }
    }

    /**
     * Which of a family's ids speaks for it, lowest first: the family itself, then its first-party
     * dated id (claude-sonnet-4-20250514), then other plain ids, then router, cloud and regional
     * forms (openrouter/..., vertex_ai/...@..., us.anthropic....-v1:0), which LiteLLM lists first
     * alphabetically and which may carry a platform's own price.
     */
    private static final java.util.regex.Pattern DATE_SUFFIX =
            java.util.regex.Pattern.compile("20\\d{6}|20\\d{2}-\\d{2}-\\d{2}");

    static int rank(ModelPrice p, String family) {
        String id = p.model().strip().toLowerCase(Locale.ROOT);
        if (id.equals(family)) {
            return 0;
        }
        if (id.startsWith(family + "-") && DATE_SUFFIX.matcher(id).region(family.length() + 1, id.length()).matches()) {
            return 1;
        }
        if (id.indexOf('/') < 0 && id.indexOf('@') < 0 && !id.contains("anthropic.") && !id.contains(":")) {
            return 2;
        }
        return 3;
    }

    /**
     * The price for {@code rawModel}: its exact id (case-insensitive) when a price file names it,
     * else its normalised family. Empty for unknown models, null, blank and Claude Code's
     * {@code <synthetic>} placeholder.
     */
    public Optional<ModelPrice> lookup(String rawModel) {
        if (rawModel == null) {
            return Optional.empty();
        }
        Optional<ModelPrice> known = looked.get(rawModel);
        if (known == null) {
            known = find(rawModel);
            if (looked.size() < LOOKED_MAX) {
                looked.put(rawModel, known);
            }
        }
        return known;
    }

    private Optional<ModelPrice> find(String rawModel) {
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

    /**
     * The price of {@code rawModel} at {@code speed}: {@link #lookup(String)} for standard (or no)
     * speed; for "fast" its fast-mode price, empty when the table knows no fast-mode rate for it
     * (such an event is unpriced: never standard rates, never zero).
     */
    public Optional<ModelPrice> lookup(String rawModel, String speed) {
        Optional<ModelPrice> standard = lookup(rawModel);
        return FAST.equals(speed) ? standard.flatMap(ModelPrice::fast) : standard;
    }

    /** The speed Claude Code writes as {@code usage.speed} on fast-mode messages. */
    public static final String FAST = "fast";

    /** The price for {@code rawModel} and the layer it came from. */
    public Optional<Priced> explain(String rawModel) {
        return lookup(rawModel).map(p -> new Priced(p, sources.get(p)));
    }

    /** Exact USD for {@code usage} on {@code rawModel}; empty when the model is unpriced. */
    public Optional<BigDecimal> cost(String rawModel, Usage usage) {
        return lookup(rawModel).map(p -> Costs.cost(p, usage));
    }

    /**
     * "litellm-2026-07-24", then "+updated:&lt;file&gt;@&lt;12 hex of its SHA-256&gt;" and
     * "+override:&lt;file&gt;@..." for the layers in use.
     */
    public String version() {
        return version;
    }

    /**
     * What identifies this table's prices: {@link #version} and the bundled table's hash, so a
     * release that ships a new table under the same date still counts as a change. A ledger keeps
     * the fingerprint its stored costs were computed with and reprices when it differs.
     */
    public String fingerprint() {
        return version + "#" + bundledHash;
    }

    /** Where the prices come from, every layer: "bundled LiteLLM ... (dated 2026-07-24) + override x.json". */
    public String describeSources() {
        StringBuilder out = new StringBuilder();
        for (Source s : layers) {
            out.append(out.length() == 0 ? "" : " + ").append(s.describe());
        }
        return out.toString();
    }

    /** The whole table in use under any overrides: the bundled one, or the newer one of prices update. */
    public Source base() {
        return base;
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

    /** Which table this is, as every JSON with costs names it. */
    public record Provenance(
            String version,
            String fingerprint,
            @JsonPropertyDescription("where the table came from: bundled LiteLLM copy, "
                    + "an installed update, ...") String source,
            @JsonPropertyDescription("the table's date, YYYY-MM-DD")
            @Nullable String date) {}

    /** This table's provenance, as a result record. */
    public Provenance provenanceRecord() {
        return new Provenance(version(), fingerprint(), describeSources(),
                base().date() == null ? null : base().date().toString());
    }

    /** This table's provenance as JSON: {version, fingerprint, source, date}. */
    public java.util.Map<String, Object> provenance() {
        return ResultJson.toMap(provenanceRecord());
    }
}
