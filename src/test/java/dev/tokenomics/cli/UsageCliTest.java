package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code usage} as a user types it, over transcripts imported by {@code import}. */
class UsageCliTest {
    static final String PROJECT = "-home-me-src-app";

    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    private static String line(int n, String ts, long in, long out) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"" + ts + "\",\"requestId\":\"req_" + n
                + "\",\"cwd\":\"/home/me/src/app\",\"message\":{\"id\":\"msg_" + n + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\",\"content\":[],\"usage\":"
                + "{\"input_tokens\":" + in + ",\"output_tokens\":" + out + ",\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0}}}\n";
    }

    @BeforeEach
    void importTwoBlocks() throws Exception {
        Path project = Files.createDirectories(dir.resolve("claude/projects").resolve(PROJECT));
        // Two 5-hour blocks: 10:00Z (1,200 tokens in two responses) and 20:00Z (600 tokens).
        Files.writeString(project.resolve("s1.jsonl"), line(1, "2026-07-01T10:05:00.000Z", 500, 100)
                + line(2, "2026-07-01T11:05:00.000Z", 500, 100) + line(3, "2026-07-01T20:10:00.000Z", 500, 100));
        CliRun imported = run("import", "--claude-dir", dir.resolve("claude").toString());
        assertEquals(0, imported.code(), imported.err());
    }

    @Test
    void blocksTextIsInTheRequestedTimezone() {
        CliRun utc = run("usage", "blocks");
        assertEquals(0, utc.code(), utc.err());
        assertTrue(utc.out().contains("2026-07-01 10:00"), utc.out());
        CliRun tokyo = run("usage", "blocks", "--timezone", "Asia/Tokyo");
        assertEquals(0, tokyo.code(), tokyo.err());
        assertTrue(tokyo.out().contains("block start (Asia/Tokyo)"), tokyo.out());
        assertTrue(tokyo.out().contains("2026-07-01 19:00"), tokyo.out()); // 10:00Z is 19:00 in Tokyo
        assertTrue(tokyo.out().contains("2026-07-02 05:00"), tokyo.out()); // 20:00Z, the next day there
        assertFalse(tokyo.out().contains("2026-07-01 10:00"), tokyo.out());
    }

    @Test
    void tokenLimitMaxShowsInTheText() {
        CliRun plain = run("usage", "blocks");
        CliRun max = run("usage", "blocks", "--token-limit", "max");
        assertEquals(0, max.code(), max.err());
        assertTrue(max.out().contains("Token limit per block: 1,200 (max: the largest finished block)"), max.out());
        assertTrue(max.out().contains("done, 100.0% of limit"), max.out());
        assertTrue(max.out().contains("done, 50.0% of limit"), max.out());
        assertFalse(plain.out().contains("of limit"), plain.out());
        CliRun fixed = run("usage", "blocks", "--token-limit", "1000");
        assertTrue(fixed.out().contains("done, 120.0% of limit (over)"), fixed.out());
        CliRun json = run("usage", "blocks", "--token-limit", "max", "--json");
        assertEquals(1200, JsonMapper.builder().build().readTree(json.out()).get("token_limit").asLong(), json.out());
    }

    @Test
    void projectTakesARealFolderNameThatStartsWithADash() {
        for (String[] form : new String[][] {{"--project", PROJECT}, {"--project=" + PROJECT}}) {
            String[] args = new String[form.length + 2];
            args[0] = "usage";
            args[1] = "daily";
            System.arraycopy(form, 0, args, 2, form.length);
            CliRun r = run(args);
            assertEquals(0, r.code(), String.join(" ", form) + ": " + r.err());
            assertTrue(r.out().contains("project " + PROJECT), r.out());
            assertTrue(r.out().contains("2026-07-01"), r.out());
        }
        CliRun json = run("usage", "session", "--project", PROJECT, "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals(PROJECT, JsonMapper.builder().build().readTree(json.out()).get("project").asString());
        CliRun other = run("usage", "daily", "--project", "-home-me-src-other");
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().contains("No imported transcript usage"), other.out());
        CliRun missing = run("usage", "daily", "--project", "--json");
        assertEquals(2, missing.code(), missing.out());
        assertTrue(missing.err().contains("Expected parameter for option '--project'"), missing.err());
    }
}
