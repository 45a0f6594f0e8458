package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenomics hook} as the plugin's Stop and SessionEnd hooks run it. */
class HookCliTest {
    @TempDir
    Path dir;

    private String run(Path db, String stdin) {
        StringWriter err = new StringWriter();
        StatuslineCommand.Args a = StatuslineCommand.fast(new String[] {"hook", "--db", db.toString(), "--debug"},
                HookCommand.FLAGS);
        assertEquals(0, HookCommand.run(a, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(err, true), Map.of()));
        return err.toString();
    }

    private static String hookJson(Path transcript, String event) {
        return "{\"session_id\":\"s1\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\"/home/dev/app\","
                + "\"hook_event_name\":\"" + event + "\",\"reason\":\"exit\"}";
    }

    @Test
    void importsTheSessionOnceWhicheverHookFires() throws IOException {
        Path transcript = dir.resolve(".claude/projects/-home-dev-app/s1.jsonl");
        Files.createDirectories(transcript.getParent());
        String line = "{\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"requestId\":\"r1\","
                + "\"message\":{\"id\":\"m1\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}}\n";
        Files.writeString(transcript, line);
        Path db = dir.resolve("ledger.db");
        assertTrue(run(db, hookJson(transcript, "Stop")).contains("imported 1 new"));
        assertTrue(run(db, hookJson(transcript, "SessionEnd")).contains("imported 0 new"), "cursors: nothing twice");
        CliRun summary = CliRun.withDb(db, "summary", "session", "s1", "--json");
        assertTrue(summary.out().contains("\"event_count\" : 1") || summary.out().contains("\"event_count\":1"),
                summary.out());
    }

    @Test
    void badHookInputImportsNothingAndStillExitsZero() {
        Path db = dir.resolve("ledger.db");
        assertTrue(run(db, "").contains("hook: nothing imported: stdin is empty"));
        assertTrue(run(db, "{oops").contains("stdin is not JSON"));
        assertTrue(run(db, "{\"session_id\":\"s1\"}").contains("no transcript_path"));
        assertTrue(run(db, hookJson(dir.resolve("gone.jsonl"), "Stop")).contains("is not a file"));
        assertFalse(Files.exists(db), "nothing written");
    }
}
