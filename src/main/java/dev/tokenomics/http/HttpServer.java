package dev.tokenomics.http;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.StatelessServer;
import dev.tokenomics.mcp.TokenomicsServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
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
 * 2024-11-05) for older clients; OTLP/HTTP intake at /v1/metrics, /v1/logs and /v1/traces.
 * Stateless, /mcp keeps no MCP session in the process (the SDK's stateless transport), so several
 * hub processes on one PostgreSQL ledger answer any request behind any load balancer; /sse stays
 * a per-process session by its nature.
 */
public final class HttpServer implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String SSE_PATH = "/sse";
    public static final String MESSAGE_PATH = "/message";

    private final Server jetty;
    /** Closes the MCP servers behind /mcp and /sse. */
    private final Runnable closeMcp;
    private final int port;

    private HttpServer(Server jetty, Runnable closeMcp, int port) {
        this.jetty = jetty;
        this.closeMcp = closeMcp;
        this.port = port;
    }

    public static HttpServer start(TokenLedger ledger, HttpOptions options) throws Exception {
        return start(ledger, options, false);
    }

    /** As {@link #start(TokenLedger, HttpOptions)}; {@code stateless}: /mcp keeps no session in this process. */
    public static HttpServer start(TokenLedger ledger, HttpOptions options, boolean stateless) throws Exception {
        var validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(options.allowedOrigins()).build();
        jakarta.servlet.Servlet mcpServlet;
        Runnable closeStreamable;
        if (stateless) {
            var transport = HttpServletStatelessServerTransport.builder()
                    .jsonMapper(McpJsonDefaults.getMapper())
                    .messageEndpoint(MCP_PATH)
                    .securityValidator(validator)
                    .maxRequestSize(CallParamsCheck.MAX_BODY_BYTES)
                    .build();
            var server = StatelessServer.on(transport, ledger);
            mcpServlet = transport;
            closeStreamable = server::closeGracefully;
        } else {
            var transport = HttpServletStreamableServerTransportProvider.builder()
                    .jsonMapper(McpJsonDefaults.getMapper())
                    .mcpEndpoint(MCP_PATH)
                    .securityValidator(validator)
                    .keepAliveInterval(Duration.ofSeconds(30))
                    .maxRequestSize(CallParamsCheck.MAX_BODY_BYTES)
                    .build();
            McpSyncServer server = TokenomicsServer.on(transport, ledger);
            mcpServlet = transport;
            closeStreamable = server::closeGracefully;
        }
        var sseTransport = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(MESSAGE_PATH)
                .securityValidator(validator)
                .keepAliveInterval(Duration.ofSeconds(30))
                .maxRequestSize(CallParamsCheck.MAX_BODY_BYTES)
                .build();
        McpSyncServer sse = TokenomicsServer.on(sseTransport, ledger);
        Runnable closeMcp = () -> {
            closeStreamable.run();
            sse.closeGracefully();
        };

        Server jetty = new Server();
        jetty.setErrorHandler(new JsonErrors.ServerHandler());
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(options.host());
        connector.setPort(options.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrors.ContextHandler());
        // In this order: refuse foreign hosts, origins and missing tokens first; then hold back the
        // SDK's error bodies; then answer malformed tools/call params before the SDK trips on them.
        var requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new AccessFilter(HostCheck.of(options), options.allowedOrigins(),
                options.authToken())), "/*", requests);
        FilterHolder sdkErrors = new FilterHolder(new SdkErrorBodies());
        sdkErrors.setAsyncSupported(true);
        for (String path : new String[] {MCP_PATH, SSE_PATH, MESSAGE_PATH}) {
            context.addFilter(sdkErrors, path, requests);
        }
        FilterHolder params = new FilterHolder(new CallParamsCheck(TokenomicsServer.tools(ledger, false).stream()
                .map(t -> t.tool().name()).collect(java.util.stream.Collectors.toUnmodifiableSet())));
        params.setAsyncSupported(true);
        context.addFilter(params, MCP_PATH, requests);
        // The SDK's servlets answer asynchronously (SSE streams, replies on a reactor thread).
        ServletHolder mcp = new ServletHolder("mcp-streamable", mcpServlet);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, MCP_PATH);
        ServletHolder legacy = new ServletHolder("mcp-sse", sseTransport);
        legacy.setAsyncSupported(true);
        context.addServlet(legacy, SSE_PATH);
        context.addServlet(legacy, MESSAGE_PATH);
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(ledger)), MetricsServlet.PATH);
        context.addServlet(new ServletHolder("sync", new SyncServlet(ledger)), SyncServlet.PATH);
        ServletHolder otlp = new ServletHolder("otlp", new OtlpServlet(new dev.tokenomics.otlp.OtlpIntake(ledger)));
        for (dev.tokenomics.otlp.OtlpSignal signal : dev.tokenomics.otlp.OtlpSignal.values()) {
            context.addServlet(otlp, signal.path());
        }
        ServletHolder dashboard = new ServletHolder("dashboard", new DashboardServlet(ledger));
        context.addServlet(dashboard, "/");
        context.addServlet(dashboard, "/api/*");
        jetty.setHandler(context);
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            closeMcp.run();
            jetty.stop();
            throw new IllegalStateException(listenFailure(options, e), e);
        }
        return new HttpServer(jetty, closeMcp, connector.getLocalPort());
    }

    /** One sentence naming the address and why it cannot be had, for the CLI to print as it is. */
    private static String listenFailure(HttpOptions options, Exception e) {
        String address = (options.host().contains(":") ? "[" + options.host() + "]" : options.host()) + ":"
                + options.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                String why = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (why.contains("in use")) {
                    return "cannot listen on " + address + ": port " + options.port()
                            + " is already in use (pick another with --http PORT, or 0 for a free one)";
                }
                if (why.contains("assign")) {
                    return "cannot listen on " + address + ": " + options.host()
                            + " is not an address of this machine (check --host)";
                }
                return "cannot listen on " + address + ": " + t.getMessage();
            }
        }
        return "cannot listen on " + address + ": " + e.getMessage();
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
            closeMcp.run();
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }
}
