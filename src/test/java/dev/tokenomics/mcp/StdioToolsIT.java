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
