package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Unpriced is never $0, in the CLI run in-process: summary, and diff over saved summaries. */
class UnpricedCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.of(args);
    }

    Path file(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    String db() {
        return dir.resolve("ledger.db").toString();
    }

    void record(String model, String tokensIn) {
        CliRun r = run("record", "--model", model, "--tokens-in", tokensIn, "--db", db());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void summaryOfUnpricedWorkIsNullInJsonAndDashesInText() throws Exception {
        record("acme-coder-9", "3000");
        CliRun json = run("summary", "--json", "--db", db());
        assertEquals(0, json.code(), json.err());
        JsonNode j = JSON.readTree(json.out());
        assertTrue(j.get("cost_usd").isNull(), "summary --json gave cost_usd 0: " + json.out());
        assertEquals(3_000, j.get("unpriced_tokens").asLong());
        assertEquals("acme-coder-9", j.get("unpriced_models").get(0).asString());
        CliRun text = run("summary", "--db", db());
        assertFalse(text.out().contains("$0"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("TOTAL") && l.strip().endsWith("--")), text.out());

        record("claude-haiku-4-5", "1210000"); // $1.21
        CliRun partial = run("summary", "--db", db());
        assertTrue(partial.out().lines().anyMatch(l -> l.startsWith("TOTAL") && l.strip().endsWith("\u2265 $1.21")),
                partial.out());
    }

    @Test
    void diffOfAnUnpricedModelInBothFilesIsUnpricedNotNew() throws Exception {
        record("acme-coder-9", "3000");
        record("claude-haiku-4-5", "1000000");
        Path a = file("a.json", run("summary", "--json", "--db", db()).out());
        record("acme-coder-9", "2000");
        Path b = file("b.json", run("summary", "--json", "--db", db()).out());
        CliRun d = run("diff", "--baseline", a.toString(), "--current", b.toString(), "--json", "--fail-on-usd", "0");
        assertEquals(0, d.code(), d.out() + d.err());
        JsonNode lines = JSON.readTree(d.out()).get("lines");
        JsonNode acme = null;
        for (JsonNode l : lines) {
            if (l.get("name").asString().equals("acme-coder-9")) {
                acme = l;
            }
        }
        assertEquals("changed", acme.get("status").asString(), "present in both files: not added");
        assertEquals("unpriced", acme.get("pricing").asString());
        assertTrue(acme.get("baseline_usd").isNull() && acme.get("current_usd").isNull(), acme.toString());
        assertTrue(acme.get("change_usd").isNull() && acme.get("change_pct").isNull(), acme.toString());
        assertEquals(2_000, acme.get("change_tokens").asLong());
        JsonNode total = JSON.readTree(d.out()).get("total");
        assertEquals("partial", total.get("pricing").asString());

        CliRun text = run("diff", "--baseline", a.toString(), "--current", b.toString());
        String row = text.out().lines().filter(l -> l.contains("acme-coder-9")).findFirst().orElseThrow();
        assertFalse(row.contains("new") || row.contains("$0"), row);
        assertTrue(row.contains("--") && row.contains("unpriced"), row);
        String totalRow = text.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        assertTrue(totalRow.contains("\u2265 $1"), totalRow);
    }

    @Test
    void diffReportsAChangeFromUnpricedToPricedAsSuchNotAsARise() throws Exception {
        Path a = file("a.json", """
                {"by_model": {"acme-coder-9": {"cost_usd": null, "cost_complete": false, "tokens_total": 5000},
                              "claude-haiku-4-5": {"cost_usd": 0, "tokens_total": 0}}}""");
        Path b = file("b.json", """
                {"by_model": {"acme-coder-9": {"cost_usd": 4.5, "tokens_total": 5000},
                              "claude-haiku-4-5": {"cost_usd": 0, "tokens_total": 0}}}""");
        CliRun d = run("diff", "--baseline", a.toString(), "--current", b.toString(), "--json", "--fail-on-pct", "10");
        assertEquals(0, d.code(), "a new price is not a regression: " + d.out());
        JsonNode j = JSON.readTree(d.out());
        Map<String, JsonNode> byName = new HashMap<>();
        j.get("lines").forEach(l -> byName.put(l.get("name").asString(), l));
        assertEquals("became_priced", byName.get("acme-coder-9").get("pricing").asString());
        assertTrue(byName.get("acme-coder-9").get("change_pct").isNull());
        // The baseline total is the priced part ($0 of haiku), a lower bound; it is not read as complete.
        assertEquals(Boolean.FALSE, j.get("total").get("baseline_cost_complete").asBoolean());
        assertEquals("partial", j.get("total").get("pricing").asString());
        assertEquals("same", byName.get("claude-haiku-4-5").get("status").asString());

        CliRun text = run("diff", "--baseline", a.toString(), "--current", b.toString());
        String acme = text.out().lines().filter(l -> l.contains("acme-coder-9")).findFirst().orElseThrow();
        assertTrue(acme.contains("now priced") && !acme.contains("100"), acme);
        String haiku = text.out().lines().filter(l -> l.contains("claude-haiku-4-5")).findFirst().orElseThrow();
        assertFalse(haiku.contains("new"), "a model at $0 in both files is not new: " + haiku);
        // The reverse: priced before, unpriced now.
        CliRun back = run("diff", "--baseline", b.toString(), "--current", a.toString(), "--json");
        JsonNode line = null;
        for (JsonNode l : JSON.readTree(back.out()).get("lines")) {
            if (l.get("name").asString().equals("acme-coder-9")) {
                line = l;
            }
        }
        assertEquals("became_unpriced", line.get("pricing").asString());
    }
}
