package dev.tokenomics.mcp;

import io.modelcontextprotocol.client.McpSyncClient;

/** Every tool over the legacy HTTP+SSE transport (/sse and /message), same server process. */
class SseHttpToolsTest extends StreamableHttpToolsTest {
    @Override
    McpSyncClient connect(int port) {
        return Clients.sse(port, null);
    }
}
