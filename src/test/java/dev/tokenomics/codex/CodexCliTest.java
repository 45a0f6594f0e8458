package dev.tokenomics.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics import} with Codex beside Claude Code: each source's own counts, --source to limit. */
class CodexCliTest {
    @TempDir
    Path dir;

    @Test
    void importReadsEachSourceGivenAndCountsThemApart() throws Exception {
        Path codex = dir.resolve("codex");
        CodexImportTest.write(codex.resolve("sessions/2026/11/20/rollout-2026-11-20T10-00-00-s1.jsonl"),
                CodexImportTest.meta("s1", "2026-11-20T10:00:00.000Z", null),
                CodexImportTest.turn("2026-11-20T10:00:01.000Z", "gpt-5"),
                CodexImportTest.count("2026-11-20T10:00:10.000Z", CodexImportTest.usage(100, 40, 10, 0), null),
                "not json");
        Path claude = dir.resolve("claude");
        Files.createDirectories(claude.resolve("projects/p"));
        Files.writeString(claude.resolve("projects/p/c1.jsonl"), "{\"type\":\"assistant\",\"timestamp\":"
                + "\"2026-11-20T10:00:00.000Z\",\"sessionId\":\"c1\",\"requestId\":\"r1\",\"message\":{\"id\":\"m1\","
                + "\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":5,\"output_tokens\":6}}}\n");
        Path db = dir.resolve("l.db");
        CliRun r = CliRun.withDb(db, "import", "--claude-dir", claude.toString(), "--codex-dir", codex.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertEquals(2, j.get("added").asLong());
        assertEquals(1, j.get("by_source").get("codex").get("added").asLong());
        assertEquals(1, j.get("by_source").get("codex").get("malformed").asLong());
        assertEquals(1, j.get("by_source").get("claude-code").get("added").asLong());
        assertEquals(0, j.get("by_source").get("claude-code").get("malformed").asLong());

        CliRun only = CliRun.withDb(db, "import", "--codex-dir", codex.toString(), "--source", "codex", "--json");
        assertEquals(0, only.code(), only.err());
        JsonNode o = JsonMapper.builder().build().readTree(only.out());
        assertEquals(1, o.get("by_source").size());
        assertEquals(1, o.get("by_source").get("codex").get("files_unchanged").asLong());

        CliRun usage = CliRun.withDb(db, "usage", "daily", "--source", "codex", "--json");
        assertEquals(0, usage.code(), usage.err());
        // 100 input of which 40 cached: 60 + 40 + 10 output
        assertEquals(110, JsonMapper.builder().build().readTree(usage.out()).get("totals").get("total_tokens").asLong());

        CliRun summary = CliRun.withDb(db, "summary", "all");
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().contains("codex") && summary.out().contains("claude-code"), summary.out());

        CliRun bad = CliRun.withDb(db, "import", "--source", "nope");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("claude-code, codex"), bad.err());
    }
}
