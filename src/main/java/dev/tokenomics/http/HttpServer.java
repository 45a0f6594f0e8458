package dev.tokenomics.http;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One Jetty server, one ledger, two MCP transports: Streamable HTTP at /mcp (spec 2025-03-26 and
 * later) and the legacy HTTP+SSE transport at /sse with its POST endpoint /message (spec
 * 2024-11-05) for older clients.
 */
public final class HttpServer implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String SSE_PATH = "/sse";
    public static final String MESSAGE_PATH = "/message";

    private final Server jetty;
    private final McpSyncServer streamable;
    private final McpSyncServer sse;
    private final int port;

    private HttpServer(Server jetty, McpSyncServer streamable, McpSyncServer sse, int port) {
        this.jetty = jetty;
        this.streamable = streamable;
        this.sse = sse;
        this.port = port;
    }

    public static HttpServer start(TokenLedger ledger, HttpOptions options) throws Exception {
        var validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(options.allowedOrigins()).build();
        var streamableTransport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(MCP_PATH)
                .securityValidator(validator)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        var sseTransport = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(MESSAGE_PATH)
                .securityValidator(validator)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        McpSyncServer streamable = TokenomicsServer.on(streamableTransport, ledger);
        McpSyncServer sse = TokenomicsServer.on(sseTransport, ledger);

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(options.host());
        connector.setPort(options.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AccessFilter(options.allowedOrigins(), options.authToken())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        // The SDK's servlets answer asynchronously (SSE streams, replies on a reactor thread).
        ServletHolder mcp = new ServletHolder("mcp-streamable", streamableTransport);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, MCP_PATH);
        ServletHolder legacy = new ServletHolder("mcp-sse", sseTransport);
        legacy.setAsyncSupported(true);
        context.addServlet(legacy, SSE_PATH);
        context.addServlet(legacy, MESSAGE_PATH);
        ServletHolder dashboard = new ServletHolder("dashboard", new DashboardServlet(ledger));
        context.addServlet(dashboard, "/");
        context.addServlet(dashboard, "/api/*");
        jetty.setHandler(context);
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            streamable.close();
            sse.close();
            jetty.stop();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        return new HttpServer(jetty, streamable, sse, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        try {
            streamable.closeGracefully();
            sse.closeGracefully();
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }
}
