package dev.tokenomics.json;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Result records as the JSON objects tools and commands return: components in declaration order,
 * named in snake_case (tokensIn is "tokens_in"), nulls kept (a key is always there). The output
 * schemas are generated from the same records with the same names (mcp.ResultSchemas).
 */
public final class ResultJson {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private ResultJson() {}

    /** The record as an ordered map of plain JSON values (maps, lists, strings, numbers, booleans). */
    public static Map<String, Object> toMap(Record result) {
        return MAPPER.convertValue(result, MAP);
    }

    /** The JSON name of a record component, as {@link #toMap} writes it. */
    public static String name(String component) {
        return SNAKE.nameForField(null, null, component);
    }
}
