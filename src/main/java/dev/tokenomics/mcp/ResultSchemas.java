package dev.tokenomics.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools' output schemas, generated from their result records at build time
 * ({@link ResultSchemaGenerator}) and read here from the jar: a tool's answer that drifts from its
 * record type fails the SDK's validation instead of passing a hand-written schema that says only
 * "object".
 */
final class ResultSchemas {
    static final String RESOURCE = "/result-schemas.json";
    private static volatile Map<String, Map<String, Object>> byType;

    private ResultSchemas() {}

    /** The output schema of a tool whose structuredContent is {@code type}. */
    static Map<String, Object> of(Class<?> type) {
        Map<String, Object> schema = all().get(type.getName());
        if (schema == null) {
            throw new IllegalStateException("no generated output schema for " + type.getName()
                    + ": add it to ResultTypes.ALL (the build generates " + RESOURCE + " from that list)");
        }
        return schema;
    }

    static Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> m = byType;
        if (m == null) {
            try (InputStream in = ResultSchemas.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classes: build with mvn, whose "
                            + "process-classes phase generates it");
                }
                m = JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Map<String, Object>>>() {});
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            byType = m;
        }
        return m;
    }
}
