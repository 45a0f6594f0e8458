package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * notifications/cancelled stops a running import_transcripts at its next chunk: the call answers
 * with an error saying so, what was committed stays, and the next import finishes exactly.
 */
class StdioCancelIT {
    static final int FILES = 1_500;
    static final int LINES = 20;

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCancelledImportStopsKeepsWhatItCommittedAndTheNextOneFinishes() throws Exception {
        CancelTree.write(dir.resolve("claude"), FILES, LINES);
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "serve", "--db", dir.resolve("ledger.db").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = server.getOutputStream();
        send(in, StdioRobustnessIT.INIT);
        String claude = dir.resolve("claude").toString().replace("\\", "\\\\");
        String importCall = "{\"jsonrpc\":\"2.0\",\"id\":\"%s\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"import_transcripts\",\"arguments\":{\"dirs\":[\"" + claude + "\"]},\"_meta\":{\"progressToken\":\"t\"}}}\n";
        send(in, String.format(importCall, "imp"));

        JsonNode answer = null;
        boolean cancelSent = false;
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode m = StdioRobustnessIT.JSON.readTree(line);
            if (!cancelSent && "notifications/progress".equals(m.path("method").asString(""))) {
                send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"imp\","
                        + "\"reason\":\"the user pressed Esc\"}}\n");
                cancelSent = true;
            }
            if ("imp".equals(m.path("id").asString(""))) {
                answer = m;
                break;
            }
        }
        assertTrue(cancelSent, "a progress notification came before the answer");
        assertTrue(answer.path("result").path("isError").asBoolean(false), answer.toString());
        assertTrue(answer.toString().contains("import cancelled by the client"), answer.toString());
        long kept = events(in, out, "sum-1");
        assertTrue(kept < (long) FILES * LINES, "stopped before the end: " + kept);

        send(in, String.format(importCall, "imp-2"));
        JsonNode second = until(out, "imp-2");
        assertTrue(!second.path("result").path("isError").asBoolean(false), second.toString());
        assertEquals((long) FILES * LINES, events(in, out, "sum-2"), "the next import finishes exactly");
        in.close();
        assertEquals(0, server.waitFor());
    }

    private static long events(OutputStream in, BufferedReader out, String id) throws Exception {
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_token_summary\",\"arguments\":{\"scope\":\"all\"}}}\n");
        return until(out, id).path("result").path("structuredContent").path("event_count").asLong(-1);
    }

    private static JsonNode until(BufferedReader out, String id) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode m = StdioRobustnessIT.JSON.readTree(line);
            if (id.equals(m.path("id").asString(""))) {
                return m;
            }
        }
        throw new IllegalStateException("no answer to " + id);
    }

    private static void send(OutputStream in, String lines) throws Exception {
        in.write(lines.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
