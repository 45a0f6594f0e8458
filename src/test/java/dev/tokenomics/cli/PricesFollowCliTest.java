package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --prices} on a read command changes its numbers, and its JSON names the table they came from. */
class PricesFollowCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    Path override;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    @BeforeEach
    void ledgerWithAModelTheBundledTableDoesNotPrice() throws Exception {
        Path project = Files.createDirectories(dir.resolve("claude/projects/-home-me-src-app"));
        // One imported response of mystery-model: 1,000,000 tokens in, none out.
        Files.writeString(project.resolve("s1.jsonl"), "{\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":"
                + "\"2026-07-01T10:05:00.000Z\",\"requestId\":\"req_1\",\"cwd\":\"/home/me/src/app\",\"message\":"
                + "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"mystery-model\",\"content\":[],"
                + "\"usage\":{\"input_tokens\":1000000,\"output_tokens\":0}}}\n");
        assertEquals(0, run("import", "--claude-dir", dir.resolve("claude").toString()).code());
        override = dir.resolve("override.json");
        Files.writeString(override, "{\"mystery-model\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6}}");
    }

    private JsonNode json(CliRun r) {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void summaryUsageAndReportFollowPricesAndNameTheTable() {
        JsonNode bundled = json(run("summary", "all", "--json"));
        assertTrue(bundled.get("cost_usd").isNull(), "unpriced under the bundled table: " + bundled);
        assertEquals("litellm-2026-07-24", bundled.get("prices").get("version").asString());
        assertEquals("2026-07-24", bundled.get("prices").get("date").asString());
        assertTrue(bundled.get("prices").get("source").asString().startsWith("bundled LiteLLM"), bundled.toString());

        JsonNode priced = json(run("summary", "all", "--json", "--prices", override.toString()));
        assertEquals(0, BigDecimal.ONE.compareTo(new BigDecimal(priced.get("cost_usd").asString())), priced.toString());
        assertTrue(priced.get("prices").get("source").asString().contains("override " + override), priced.toString());
        assertTrue(priced.get("prices").get("version").asString().contains("+override:override.json@"));

        JsonNode usage = json(run("usage", "daily", "--json", "--since", "2026-07-01", "--until", "2026-07-01",
                "--prices", override.toString()));
        assertEquals(0, BigDecimal.ONE.compareTo(usage.get("totals").get("cost_usd").decimalValue()), usage.toString());
        assertTrue(usage.get("prices").get("version").asString().contains("+override:"), usage.toString());

        JsonNode report = json(run("report", "--format", "json", "--since", "2026-07-01", "--until", "2026-07-01"));
        assertEquals("litellm-2026-07-24", report.get("prices").get("version").asString(), report.toString());

        // Back on the bundled table, the model is unpriced again: the table in use decides, not the last one.
        JsonNode again = json(run("usage", "daily", "--json", "--since", "2026-07-01", "--until", "2026-07-01"));
        assertTrue(again.get("totals").get("cost_usd").isNull(), again.toString());
        assertEquals("mystery-model", again.get("unpriced_models").get(0).asString());
    }
}
