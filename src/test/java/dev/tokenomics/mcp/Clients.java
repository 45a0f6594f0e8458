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
        return connect(new SerialSends(new StdioClientTransport(params, McpJsonDefaults.getMapper())), null);
    }

    /**
     * The SDK's StdioClientTransport (2.1.0) emits each outgoing message into a unicast sink from the
     * calling thread, retrying a concurrent emission for only 100 ms (Reactive Streams rule 1.3): on a
     * loaded machine two client threads calling at once fail with "Failed to enqueue message" before
     * the server sees either. The emission is eager, so serializing it here keeps every call in flight
     * at once (the server still answers them concurrently) and takes the client's race out of the tests.
     */
    private static final class SerialSends implements McpClientTransport {
        private final McpClientTransport delegate;

        SerialSends(McpClientTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public reactor.core.publisher.Mono<Void> connect(java.util.function.Function<
                reactor.core.publisher.Mono<io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage>,
                reactor.core.publisher.Mono<io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage>> handler) {
            return delegate.connect(handler);
        }

        @Override
        public void setExceptionHandler(Consumer<Throwable> handler) {
            delegate.setExceptionHandler(handler);
        }

        @Override
        public synchronized reactor.core.publisher.Mono<Void> sendMessage(
                io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage message) {
            return delegate.sendMessage(message);
        }

        @Override
        public reactor.core.publisher.Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public <T> T unmarshalFrom(Object data, io.modelcontextprotocol.json.TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
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
