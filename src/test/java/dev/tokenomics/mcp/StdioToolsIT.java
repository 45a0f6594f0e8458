package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool over stdio: the shaded jar as a child process, as Claude Code launches it. */
class StdioToolsIT extends ToolContractTests {
    @TempDir
    Path dir;

    McpSyncClient client;

    @BeforeEach
    void start() {
        client = Clients.stdio(dir.resolve("ledger.db"), Map.of());
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
    }

    @Override
    McpSyncClient client() {
        return client;
    }

    @Test
    void answersEveryRequestSentBeforeTheClientClosedStdin() throws Exception {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "serve", "--db", dir.resolve("pipe.db").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder requests = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        for (int i = 1; i <= 20; i++) {
            requests.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"record_token_event\",\"arguments\":{\"input_tokens\":1,\"record_key\":\"p")
                    .append(i).append("\"}}}\n");
        }
        try (var in = p.getOutputStream()) {
            in.write(requests.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "server exits after answering");
        assertEquals(21, out.lines().filter(l -> l.contains("\"result\"")).count(), out);
    }

    @Test
    void underClaudeCodeEventsDefaultToItsSessionAndProject() {
        McpSyncClient claude = Clients.stdio(dir.resolve("claude.db"),
                Map.of("CLAUDE_CODE_SESSION_ID", "sess-123", "CLAUDE_PROJECT_DIR", "/home/me/work/my-repo"));
        try {
            var r = (Map<?, ?>) claude.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                    "record_token_event", Map.of("input_tokens", 10))).structuredContent();
            assertEquals("sess-123", r.get("session_id"));
            assertEquals("my-repo", r.get("repo"));
            var given = (Map<?, ?>) claude.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                    "record_token_event", Map.of("input_tokens", 10, "session_id", "other", "repo", "r2")))
                    .structuredContent();
            assertEquals("other", given.get("session_id"), "the caller's value wins");
            assertEquals("r2", given.get("repo"));
        } finally {
            claude.closeGracefully();
        }
    }
}
