package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ~} is {@code $HOME}: the packaged CLI, run with HOME set to one folder and Java's user.home
 * (the passwd entry) to another, writes and reads only under HOME.
 */
class HomeIT {
    @TempDir
    Path home;

    @TempDir
    Path passwdHome;

    record Run(int code, String out, String err) {}

    private Run cli(String... args) throws Exception {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + passwdHome, "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        Map<String, String> env = pb.environment();
        for (String v : List.of("TOKENOMICS_DB", "TOKENOMICS_PRICES", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_SESSION_ID",
                "CLAUDE_PROJECT_DIR")) {
            env.remove(v);
        }
        env.put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tokenomics " + String.join(" ", args) + " finished");
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void demoRecordAndImportUseHomeNotUserHome() throws Exception {
        Run demo = cli("demo");
        assertEquals(0, demo.code(), demo.err());
        assertTrue(Files.isRegularFile(home.resolve(".tokenomics/demo.db")), demo.out());
        assertTrue(demo.out().contains(home.resolve(".tokenomics/demo.db").toString()), demo.out());

        Run record = cli("record", "--task-id", "T1", "--model", "claude-haiku-4-5", "--tokens-in", "5");
        assertEquals(0, record.code(), record.err());
        assertTrue(Files.isRegularFile(home.resolve(".tokenomics/ledger.db")));

        Path project = Files.createDirectories(home.resolve(".claude/projects/-home-me-src-app"));
        Files.writeString(project.resolve("s1.jsonl"), """
                {"type":"assistant","sessionId":"s1","timestamp":"2026-07-01T10:00:00.000Z","requestId":"req_1",\
                "cwd":"/home/me/src/app","message":{"id":"msg_1","type":"message","role":"assistant",\
                "model":"claude-haiku-4-5-20251001","content":[],"usage":{"input_tokens":100,\
                "output_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}
                """);
        Run imported = cli("import", "--json");
        assertEquals(0, imported.code(), imported.err());
        var summaryOfImport = JsonMapper.builder().build().readTree(imported.out());
        assertEquals(home.resolve(".claude").toString(), summaryOfImport.get("dirs").get(0).asString(), imported.out());
        assertEquals(1, summaryOfImport.get("added").asLong(), imported.out());

        Run summary = cli("summary", "all", "--json");
        assertEquals(0, summary.code(), summary.err());
        assertEquals(2, JsonMapper.builder().build().readTree(summary.out()).get("event_count").asLong(),
                summary.out());
        assertEquals(List.of(), listing(passwdHome), "nothing is written under user.home");
    }
}
