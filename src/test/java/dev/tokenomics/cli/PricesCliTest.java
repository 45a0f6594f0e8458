package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** prices show / update, and the table in use following an update. */
class PricesCliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.of(args);
    }

    String db() {
        return dir.resolve("ledger.db").toString();
    }

    @Test
    void showNamesTheRatesTheLayerAndTheDate() throws Exception {
        CliRun r = run("prices", "show", "claude-sonnet-4-5-20250929", "--json", "--db", db());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertEquals("bundled", j.get("source").asString());
        assertEquals("2026-07-24", j.get("table_date").asString());
        assertEquals("3", j.get("usd_per_million").get("input").asString());
        assertEquals("6", j.get("long_context_usd_per_million").get("input").asString());
        CliRun text = run("prices", "show", "claude-haiku-4-5", "--db", db());
        assertTrue(text.out().contains("from: bundled LiteLLM") && text.out().contains("2026-07-24"), text.out());
        assertTrue(text.out().contains("fast mode (speed fast): no fast-mode rate: fast events are unpriced"), text.out());
        CliRun opus = run("prices", "show", "claude-opus-4-6", "--db", db());
        assertTrue(opus.out().contains("fast mode (speed fast): 6x every rate"), opus.out());
        assertTrue(j.get("fast_mode_multiplier").isNull(), "sonnet 4.5 has no fast mode in the 2026-07-24 table");
        CliRun unknown = run("prices", "show", "acme-coder-9", "--db", db());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no price for model acme-coder-9"), unknown.err());
    }

    @Test
    void anOldTableIsSaidOncePerCommand() {
        CliRun r = run("summary", "all", "--db", db());
        long warnings = r.rawErr().lines().filter(l -> l.startsWith("warning: the price table is from 2026-07-24")).count();
        // The bundled table is dated 2026-07-24: the warning is due from 2026-10-23 on.
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).isAfter(java.time.LocalDate.of(2026, 10, 22))
                ? 1 : 0, warnings, r.rawErr());
    }

    @Test
    void updateKeepsANewerTableThatLaterCommandsPriceWith() throws Exception {
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, """
                {"last_updated": "2026-11-30T00:00:00Z",
                 "sample_spec": {"input_cost_per_token": "docs"},
                 "acme-coder-9": {"input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6, "litellm_provider": "acme"}}""");
        CliRun u = run("prices", "update", "--from", newer.toString(), "--db", db());
        assertEquals(0, u.code(), u.err());
        assertTrue(u.out().contains("kept 1 priced models dated 2026-11-30"), u.out());
        assertTrue(Files.isRegularFile(dir.resolve("prices").resolve("prices.tsv")));
        CliRun show = run("prices", "show", "acme-coder-9", "--json", "--db", db());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("\"source\" : \"updated\""), show.out());
        // still the bundled models beside it, and no age warning: the table in use is a day old
        assertEquals(0, run("prices", "show", "claude-haiku-4-5", "--db", db()).code());
        assertTrue(run("summary", "all", "--db", db()).rawErr().isEmpty());
        CliRun rec = run("record", "--tokens-in", "1000000", "--model", "acme-coder-9", "--json", "--db", db());
        assertTrue(rec.out().contains("\"cost_usd\" : 2"), rec.out());
    }

    @Test
    void aBadTableIsRefusedAndTheOldOneStays() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 1}}");
        CliRun u = run("prices", "update", "--from", bad.toString(), "--db", db());
        assertEquals(2, u.code());
        assertTrue(u.err().contains("m.input_cost_per_token must be >= 0"), u.err());
        assertTrue(Files.notExists(dir.resolve("prices").resolve("prices.tsv")));
    }
}
