package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics diff}: the regression gate over saved summaries. */
class DiffCommandTest {
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

    static final String BASELINE = """
            {"by_model": {"claude-sonnet-4-5": {"cost_usd": 10.00, "tokens_total": 1000000},
                          "claude-haiku-4-5":  {"cost_usd": 1.00,  "tokens_total": 500000}},
             "by_stage": {"plan": {"cost_usd": 3}, "execute": {"cost_usd": 8}}}""";

    static final String CURRENT = """
            {"by_model": [{"model": "claude-sonnet-4-5", "cost_usd": 12.50, "tokens_total": 1200000},
                          {"model": "claude-opus-4-5",   "cost_usd": 0.75,  "tokens_total": 10000}],
             "by_stage": [{"stage": "plan", "cost_usd": 2.25}, {"stage": "execute", "cost_usd": 11}]}""";

    @Test
    void comparesPerModelAndStageLargestChangeFirstAndGatesOnLimits() throws Exception {
        Path a = file("a.json", BASELINE);
        Path b = file("b.json", CURRENT);
        CliRun plain = run("diff", "--baseline", a.toString(), "--current", b.toString(), "--json");
        assertEquals(0, plain.code(), plain.err());
        JsonNode j = JsonMapper.builder().build().readTree(plain.out());
        // Total: $11 -> $13.25 = +$2.25 = +20.45%.
        assertEquals("2.25", j.get("total").get("change_usd").asString());
        assertEquals("20.45", j.get("total").get("change_pct").asString());
        // |changes|: execute +3, sonnet +2.5, haiku -1 (removed), plan -0.75, opus +0.75 (added).
        StringBuilder order = new StringBuilder();
        j.get("lines").forEach(l -> order.append(l.get("table").asString()).append(':')
                .append(l.get("name").asString()).append(' '));
        assertEquals("stage:execute model:claude-sonnet-4-5 model:claude-haiku-4-5 model:claude-opus-4-5 stage:plan ",
                order.toString());
        assertTrue(j.get("lines").get(3).get("change_pct").isNull(), "an added line has no percent");
        // Limits: execute rose 37.5%, sonnet 25%, total 20.45%.
        assertEquals(1, run("diff", "--baseline", a.toString(), "--current", b.toString(), "--fail-on-pct", "30").code());
        assertEquals(0, run("diff", "--baseline", a.toString(), "--current", b.toString(), "--fail-on-pct", "40").code());
        CliRun usd = run("diff", "--baseline", a.toString(), "--current", b.toString(), "--fail-on-usd", "2.5");
        assertEquals(1, usd.code(), "execute rose $3 > $2.5");
        assertTrue(usd.out().contains("- stage execute rose $3 (limit $2.5): $8 -> $11"), usd.out());
        assertEquals(0, run("diff", "--baseline", a.toString(), "--current", b.toString(), "--fail-on-usd", "3").code());
        // Reversed the total fell, but haiku came back (+$1) and plan rose: a line past the limit still fails.
        assertEquals(1, run("diff", "--baseline", b.toString(), "--current", a.toString(), "--fail-on-usd", "0.5")
                .code());
    }

    @Test
    void acceptsTheJsonOfSummaryAsIs() throws Exception {
        Path db = dir.resolve("ledger.db");
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "1000000", "--db", db.toString())
                .code());
        CliRun a = run("summary", "--json", "--db", db.toString());
        assertEquals(0, run("record", "--model", "claude-haiku-4-5", "--tokens-in", "500000", "--db", db.toString())
                .code());
        CliRun b = run("summary", "--json", "--db", db.toString());
        CliRun d = run("diff", "--baseline", file("a.json", a.out()).toString(), "--current",
                file("b.json", b.out()).toString(), "--fail-on-pct", "49");
        assertEquals(1, d.code(), d.out() + d.err());
        assertTrue(d.out().contains("the total rose 50.00% (limit 49%): $1 -> $1.5"), d.out());
    }

    @Test
    void badFilesExitTwoWithTheReason() throws Exception {
        Path good = file("good.json", BASELINE);
        CliRun missing = run("diff", "--baseline", dir.resolve("nope.json").toString(), "--current", good.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());
        CliRun shape = run("diff", "--baseline", file("x.json", "{\"models\": {}}").toString(), "--current",
                good.toString());
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("no by_model"), shape.err());
        CliRun cost = run("diff", "--baseline", file("y.json", "{\"by_model\": {\"m\": {\"cost_usd\": \"lots\"}}}")
                .toString(), "--current", good.toString());
        assertEquals(2, cost.code());
        assertTrue(cost.err().contains("by_model.m.cost_usd must be a number, got lots"), cost.err());
        CliRun notJson = run("diff", "--baseline", file("z.json", "[1,2").toString(), "--current", good.toString());
        assertEquals(2, notJson.code());
        CliRun negative = run("diff", "--baseline", good.toString(), "--current", good.toString(), "--fail-on-pct", "-1");
        assertEquals(2, negative.code());
        assertEquals("error: --fail-on-pct must be >= 0, got -1", negative.err().strip());
    }

    @Test
    void readsTheReportsJsonPerStageAndAModelFreeInBothIsNotNew() throws Exception {
        Path db = dir.resolve("ledger.db");
        assertEquals(0, CliRun.withDb(db, "record", "--model", "claude-haiku-4-5", "--tokens-in", "1000000",
                "--stage", "plan", "--ts", "2026-11-20T10:00:00Z").code());
        CliRun before = CliRun.withDb(db, "report", "--since", "2026-11-20", "--until", "2026-11-20", "--format", "json");
        assertEquals(0, before.code(), before.err());
        Path a = file("before.json", before.out());
        assertEquals(0, CliRun.withDb(db, "record", "--model", "claude-haiku-4-5", "--tokens-in", "3000000",
                "--stage", "plan", "--ts", "2026-11-20T11:00:00Z").code());
        Path b = file("after.json", CliRun.withDb(db, "report", "--since", "2026-11-20", "--until", "2026-11-20",
                "--format", "json").out());
        CliRun d = run("diff", "--baseline", a.toString(), "--current", b.toString(), "--fail-on-pct", "100", "--json");
        assertEquals(1, d.code(), d.out() + d.err()); // plan: $1 -> $4, +300%
        JsonNode j = JsonMapper.builder().build().readTree(d.out());
        assertTrue(j.toString().contains("\"plan\""), j.toString());

        Path free = file("free.json", "{\"by_model\": {\"free-model\": {\"cost_usd\": 0, \"tokens_total\": 10}}}");
        CliRun same = run("diff", "--baseline", free.toString(), "--current", free.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(!same.out().contains("new") && !same.out().contains("added"), same.out());
    }
}
