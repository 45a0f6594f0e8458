package dev.tokenomics.report;

import tools.jackson.databind.json.JsonMapper;

/** One-line JSON for the day objects (one per line). */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static String compact(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
