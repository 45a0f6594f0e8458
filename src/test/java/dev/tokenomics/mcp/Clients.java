package dev.tokenomics.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Real SDK clients for the three transports. */
public final class Clients {
    private Clients() {}

    public static McpSyncClient streamable(int port, String token) {
        var b = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp");
        if (token != null) {
            b.httpRequestCustomizer((r, method, uri, body, context) -> r.header("Authorization", "Bearer " + token));
        }
        return connect(b.build(), null);
    }

    public static McpSyncClient sse(int port, String token) {
        var b = HttpClientSseClientTransport.builder("http://127.0.0.1:" + port).sseEndpoint("/sse");
        if (token != null) {
            b.httpRequestCustomizer((r, method, uri, body, context) -> r.header("Authorization", "Bearer " + token));
        }
        return connect(b.build(), null);
    }

    /** The shaded jar as a child process, speaking MCP on its stdin/stdout. */
    public static McpSyncClient stdio(Path db, Map<String, String> env, String... extraArgs) {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        List<String> args = new java.util.ArrayList<>(List.of("-jar", jar, "serve", "--db", db.toString()));
        args.addAll(List.of(extraArgs));
        ServerParameters params = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(args).env(env).build();
        return connect(new StdioClientTransport(params, McpJsonDefaults.getMapper()), null);
    }

    public static McpSyncClient connect(McpClientTransport transport, Consumer<LoggingMessageNotification> logs) {
        var spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60));
        if (logs != null) {
            spec.loggingConsumer(logs);
        }
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }
}
