package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.json.Variant;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schemas in the jar are the ones the records generate now (the build writes them; a stale copy
 * would validate answers against yesterday's types), and the generator's rules hold: names as
 * ResultJson writes them, every key required, null only where a component says so, no extra keys.
 */
class ResultSchemasTest {
    record Inner(long tokensIn, @Nullable String note) {}

    record Sample(String name, @Nullable Inner inner, List<Inner> items, Map<String, Inner> byModel) {}

    @Test
    void theJarsSchemasAreWhatTheRecordsGenerateNow() {
        assertEquals(ResultSchemaGenerator.all(), ResultSchemas.all(), "result-schemas/ is stale: run mvn process-classes");
        for (Class<?> type : ResultTypes.ALL) {
            assertTrue(ResultSchemas.of(type).containsKey("properties"), type.getName());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordsSchemaNamesRequiresAndClosesEveryObject() {
        Map<String, Object> s = ResultSchemaGenerator.generate(Sample.class);
        assertEquals(List.of("name", "inner", "items", "by_model"), s.get("required"));
        assertEquals(false, s.get("additionalProperties"));
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) s.get("properties");
        assertEquals("string", props.get("name").get("type"));
        assertEquals(List.of("object", "null"), props.get("inner").get("type"));
        Map<String, Object> item = (Map<String, Object>) props.get("items").get("items");
        assertEquals(false, item.get("additionalProperties"));
        assertEquals(List.of("string", "null"),
                ((Map<String, Map<String, Object>>) item.get("properties")).get("note").get("type"));
        assertEquals("integer", ((Map<String, Map<String, Object>>) item.get("properties")).get("tokens_in").get("type"));
        Map<String, Object> values = (Map<String, Object>) props.get("by_model").get("additionalProperties");
        assertEquals("object", props.get("by_model").get("type"));
        assertEquals("object", values.get("type"));
        // The answer's keys are the schema's keys.
        Map<String, Object> answer = ResultJson.toMap(new Sample("n", null, List.of(new Inner(1, null)),
                Map.of("m", new Inner(2, "x"))));
        assertEquals(List.of("name", "inner", "items", "by_model"), List.copyOf(answer.keySet()));
        assertEquals(Map.of("tokens_in", 2L, "note", "x"), Map.copyOf((Map<String, Object>) ((Map<String, Object>) answer
                .get("by_model")).get("m")));
    }

    record Sparse(String name, @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> daily) {}

    @Variant(key = "mode", value = "other")
    record Empty(String mode, List<String> days) implements Shapes2 {}

    @Variant(key = "mode", value = "more")
    record Empty2(String mode, List<Long> days) implements Shapes2 {}

    sealed interface Shapes2 permits Empty, Empty2 {}

    @Test
    @SuppressWarnings("unchecked")
    void aKeyLeftOutWhenNullIsTypedButNotRequired() {
        Map<String, Object> s = ResultSchemaGenerator.generate(Sparse.class);
        assertEquals(List.of("name"), s.get("required"));
        assertEquals("array", ((Map<String, Map<String, Object>>) s.get("properties")).get("daily").get("type"));
        assertEquals(List.of("name"), List.copyOf(ResultJson.toMap(new Sparse("x", null)).keySet()));
        var validator = new DefaultJsonSchemaValidator();
        assertTrue(validator.validate(s, ResultJson.toMap(new Sparse("x", null))).valid());
        assertTrue(validator.validate(s, ResultJson.toMap(new Sparse("x", List.of(1L)))).valid());
        assertFalse(validator.validate(s, Map.of("name", "x", "daily", "no")).valid());
        assertFalse(validator.validate(s, Map.of("name", "x", "daily", java.util.Arrays.asList((Object) null))).valid());
    }

    @Test
    void aSealedInterfaceIsOneOfItsShapesEachWithItsKeyPinned() {
        Map<String, Object> s = ResultSchemaGenerator.generate(Shapes2.class);
        var validator = new DefaultJsonSchemaValidator();
        // Two shapes that would both accept an empty list: the pinned mode tells them apart.
        assertTrue(validator.validate(s, ResultJson.toMap(new Empty("other", List.of()))).valid());
        assertTrue(validator.validate(s, ResultJson.toMap(new Empty2("more", List.of(3L)))).valid());
        assertFalse(validator.validate(s, Map.of("mode", "more", "days", List.of("a"))).valid());
        assertFalse(validator.validate(s, Map.of("mode", "nope", "days", List.of())).valid());
        assertFalse(validator.validate(s, Map.of("mode", "other", "days", List.of(), "n", 1)).valid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultSchemaGenerator.generate(Mixed.class));
        assertTrue(e.getMessage().contains(Plain.class.getName()), e.getMessage());
    }

    sealed interface Mixed permits One2, Plain {}

    @Variant(key = "mode", value = "one")
    record One2(String mode) implements Mixed {}

    record Plain(String mode) implements Mixed {}

    @Test
    void aTypeLeftOutOfTheListIsNamedNotServedWithoutASchema() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultSchemas.of(Sample.class));
        assertTrue(e.getMessage().contains(Sample.class.getName()) && e.getMessage().contains("ResultTypes.ALL"),
                e.getMessage());
    }
}
