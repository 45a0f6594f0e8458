package dev.tokenomics.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.json.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the output schemas from the result records (victools' generator), at build time: the
 * build runs {@link #main} after compiling and writes result-schemas/ into the classes, which
 * {@link ResultSchemas} reads. (Generating them at start took 0.7 s off every server's first
 * tools/list.) Every property is typed down to the leaves, every key required (a null is stated
 * with {@link Nullable}; a key left out when null is marked {@code @JsonInclude(NON_NULL)}), no key
 * the record lacks, names as {@link ResultJson} writes them. A sealed interface of {@link Variant}
 * records is a oneOf of their schemas.
 */
public final class ResultSchemaGenerator {
    private static final SchemaGenerator GENERATOR = generator();
    private static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private ResultSchemaGenerator() {}

    /**
     * Writes the schema of every result type into the folder named by args[0] (the build's
     * resources), one compact file per type: a one-shot command reads the one its tool answers
     * with, not all of them.
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(out);
        for (Map.Entry<String, Object> e : all().entrySet()) {
            java.nio.file.Files.writeString(out.resolve(e.getKey() + ".json"), PLAIN.writeValueAsString(e.getValue()) + "\n");
        }
    }

    /** Class name -> output schema, for every type in {@link ResultTypes#ALL}. */
    static Map<String, Object> all() {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Class<?> type : ResultTypes.ALL) {
            out.put(type.getName(), generate(type));
        }
        return out;
    }

    /** The output schema of a tool whose structuredContent is {@code type}, as a plain map. */
    static Map<String, Object> generate(Class<?> type) {
        if (type.isSealed()) {
            return variants(type);
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is neither a record nor a sealed interface of records");
        }
        Map<String, Object> schema = PLAIN.convertValue(GENERATOR.generateSchema(type), MAP);
        foldAllOf(schema);
        return schema;
    }

    /**
     * A sealed interface's schema: an object whose discriminating key is one of its records' values,
     * and oneOf the records' schemas, each with that key pinned to its value (so exactly one matches,
     * even where two shapes would otherwise both accept an empty list).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> variants(Class<?> sealed) {
        String key = null;
        List<String> values = new ArrayList<>();
        List<Object> shapes = new ArrayList<>();
        for (Class<?> part : sealed.getPermittedSubclasses()) {
            Variant v = part.getAnnotation(Variant.class);
            if (v == null || !part.isRecord() || (key != null && !key.equals(v.key()))) {
                throw new IllegalArgumentException(part.getName() + " must be a record marked @Variant with the same key "
                        + "as the other shapes of " + sealed.getName());
            }
            key = v.key();
            values.add(v.value());
            Map<String, Object> shape = generate(part);
            Map<String, Object> props = (Map<String, Object>) shape.get("properties");
            if (props == null || !props.containsKey(key)) {
                throw new IllegalArgumentException(part.getName() + " has no component named " + key);
            }
            props.put(key, new LinkedHashMap<>(Map.of("type", "string", "const", v.value())));
            shapes.add(shape);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of(key, new LinkedHashMap<>(Map.of("type", "string", "enum", values))));
        schema.put("required", List.of(key));
        schema.put("oneOf", shapes);
        return schema;
    }

    /**
     * The generator writes some objects as an allOf of parts: a @JsonUnwrapped component (parts that
     * are closed objects, which no value can satisfy together: each forbids the other's keys) and a
     * map (its type in one part, its values in another). The parts' keys are folded into the schema
     * that holds them: properties and required lists merged, anything else taken where not set.
     */
    @SuppressWarnings("unchecked")
    private static void foldAllOf(Object node) {
        if (node instanceof List<?> list) {
            list.forEach(ResultSchemaGenerator::foldAllOf);
            return;
        }
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) node;
        Object parts = schema.remove("allOf");
        if (parts instanceof List<?> list) {
            for (Object part : list) {
                foldAllOf(part); // a part may hold an allOf of its own
                for (Map.Entry<String, Object> e : ((Map<String, Object>) part).entrySet()) {
                    switch (e.getKey()) {
                        case "properties" -> ((Map<String, Object>) schema.computeIfAbsent("properties",
                                k -> new LinkedHashMap<>())).putAll((Map<String, Object>) e.getValue());
                        case "required" -> {
                            Set<Object> required = new LinkedHashSet<>(
                                    (List<Object>) schema.getOrDefault("required", List.of()));
                            required.addAll((List<Object>) e.getValue());
                            schema.put("required", new ArrayList<>(required));
                        }
                        default -> schema.putIfAbsent(e.getKey(), e.getValue());
                    }
                }
            }
        }
        nullableAsType(schema);
        schema.values().forEach(ResultSchemaGenerator::foldAllOf);
    }

    /** anyOf [null, X] (a nullable object the generator could not type in place) becomes X with type [t, "null"]. */
    @SuppressWarnings("unchecked")
    private static void nullableAsType(Map<String, Object> schema) {
        if (!(schema.get("anyOf") instanceof List<?> any) || any.size() != 2) {
            return;
        }
        Map<String, Object> a = (Map<String, Object>) any.get(0);
        Map<String, Object> b = (Map<String, Object>) any.get(1);
        Map<String, Object> value = "null".equals(a.get("type")) ? b : "null".equals(b.get("type")) ? a : null;
        if (value == null || !(value.get("type") instanceof String type)) {
            return;
        }
        schema.remove("anyOf");
        foldAllOf(value);
        value.forEach(schema::putIfAbsent);
        schema.put("type", List.of(type, "null"));
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        Option.INLINE_ALL_SCHEMAS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // An explicit @JsonProperty name wins, as it does when Jackson writes the record.
        b.forFields().withPropertyNameOverrideResolver(f -> {
            JsonProperty named = f.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return named != null && !named.value().isEmpty() ? named.value() : ResultJson.name(f.getDeclaredName());
        });
        b.forFields().withNullableCheck(f -> f.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
        // Required unless the record leaves the key out when it is null (its other keys always appear).
        b.forFields().withRequiredCheck(f -> {
            JsonInclude include = f.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
            return include == null || include.value() != JsonInclude.Include.NON_NULL;
        });
        // Declaration order, as the answers write their keys (the default sorts by name).
        b.forTypesInGeneral().withPropertySorter((x, y) -> 0);
        return new SchemaGenerator(b.build());
    }
}
