package dev.tokenomics.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools' output schemas, generated from their result records at build time
 * ({@link ResultSchemaGenerator}) and read here from the jar: a tool's answer that drifts from its
 * record type fails the SDK's validation instead of passing a hand-written schema that says only
 * "object". One file per type, read when first asked for: a CLI command builds one tool, and one file
 * of all the schemas (288 KB) took it 20-40 ms to parse.
 */
final class ResultSchemas {
    static final String FOLDER = "/result-schemas/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Map<String, Object>> BY_TYPE = new ConcurrentHashMap<>();

    private ResultSchemas() {}

    /** The output schema of a tool whose structuredContent is {@code type}. */
    static Map<String, Object> of(Class<?> type) {
        return BY_TYPE.computeIfAbsent(type.getName(), ResultSchemas::read);
    }

    /** Class name -> schema of every type in {@link ResultTypes#ALL}, as the jar holds them. */
    static Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Class<?> type : ResultTypes.ALL) {
            out.put(type.getName(), of(type));
        }
        return out;
    }

    private static Map<String, Object> read(String typeName) {
        String resource = FOLDER + typeName + ".json";
        try (InputStream in = ResultSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no generated output schema " + resource + " for " + typeName
                        + ": add the type to ResultTypes.ALL and build with mvn, whose process-classes phase generates it");
            }
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
