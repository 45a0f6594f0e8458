package dev.tokenomics.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.CliRun;
import dev.tokenomics.gemini.GeminiImportTestFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics import} with Gemini CLI and OpenCode folders: each source's own counts, --source to limit. */
class AgentsCliTest {
    @TempDir
    Path dir;

    @Test
    void importReadsGeminiAndOpenCodeEachWithItsOwnCounts() throws Exception {
        Path gemini = dir.resolve("gemini");
        GeminiImportTestFiles.chat(gemini.resolve("p/chats/session-2026-11-20T10-00-cccc3333.jsonl"), "sessC",
                "gemini-2.5-pro", 1000, 400, 50, 30); // 600 + 400 + 80 tokens
        Path opencode = dir.resolve("opencode");
        java.nio.file.Files.createDirectories(opencode);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + opencode.resolve("opencode.db"))) {
            OpenCodeImportTest.schema(c);
            c.createStatement().execute("INSERT INTO session VALUES ('s', 'p', NULL, 's', '/x', 't', '1', 0, 0, 0, 0, "
                    + "0, 0, 0, 0)");
            // 100 in, 10 + 5 out, 20 cache read
            OpenCodeImportTest.message(c, "m1", "s", OpenCodeImportTest.T, OpenCodeImportTest.T,
                    OpenCodeImportTest.assistant("gpt-5", OpenCodeImportTest.T, 100, 10, 5, 20, 0, "0"));
            OpenCodeImportTest.message(c, "m2", "s", OpenCodeImportTest.T, OpenCodeImportTest.T, "not json");
        }
        Path db = dir.resolve("l.db");
        CliRun r = CliRun.withDb(db, "import", "--gemini-dir", gemini.toString(), "--opencode-dir", opencode.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertEquals(2, j.get("added").asLong());
        assertEquals(1, j.get("by_source").get("gemini-cli").get("added").asLong());
        assertEquals(0, j.get("by_source").get("gemini-cli").get("malformed").asLong());
        assertEquals(1, j.get("by_source").get("opencode").get("added").asLong());
        assertEquals(1, j.get("by_source").get("opencode").get("malformed").asLong());

        CliRun only = CliRun.withDb(db, "import", "--opencode-dir", opencode.toString(), "--source", "opencode", "--json");
        assertEquals(0, only.code(), only.err());
        JsonNode o = JsonMapper.builder().build().readTree(only.out());
        assertEquals(1, o.get("by_source").size());
        assertEquals(1, o.get("by_source").get("opencode").get("files_unchanged").asLong());

        CliRun usage = CliRun.withDb(db, "usage", "daily", "--source", "gemini-cli", "--json");
        assertEquals(0, usage.code(), usage.err());
        assertEquals(1080, JsonMapper.builder().build().readTree(usage.out()).get("totals").get("total_tokens").asLong());
        CliRun oc = CliRun.withDb(db, "usage", "daily", "--source", "opencode", "--json");
        assertEquals(135, JsonMapper.builder().build().readTree(oc.out()).get("totals").get("total_tokens").asLong());

        CliRun summary = CliRun.withDb(db, "summary", "all");
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().contains("gemini-cli") && summary.out().contains("opencode"), summary.out());
    }
}
