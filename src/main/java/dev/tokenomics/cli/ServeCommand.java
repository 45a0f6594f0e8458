package dev.tokenomics.cli;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.StdioTransport;
import dev.tokenomics.mcp.TokenomicsServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics serve}: the MCP server, on stdio (default) or HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the MCP tools. Without --http: on stdin/stdout, as Claude Code launches it "
                + "(claude mcp add tokenomics -- /abs/path/tokenomics serve). With --http PORT: Streamable HTTP "
                + "at /mcp and legacy SSE at /sse (+ /message), from one process on one ledger.",
                "Under Claude Code, stdio events default to its session (CLAUDE_CODE_SESSION_ID) and repo "
                        + "(the name of CLAUDE_PROJECT_DIR). Over HTTP, callers pass session_id themselves."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--http", paramLabel = "PORT", description = "Serve HTTP on PORT (0 picks a free one) instead of stdio.")
    Integer httpPort;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind with --http (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--auth-token", paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on every HTTP request (default: env TOKENOMICS_AUTH_TOKEN).")
    String authToken;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Also accept browser requests from ORIGIN (e.g. https://dash.example:8443, or http://host:* "
                    + "for any port). Localhost origins are always accepted; any other Origin gets 403.")
    List<String> allowOrigins;

    @Option(names = "--bench-tools", hidden = true, description = "Add a no-op tool, the benchmark's baseline.")
    boolean benchTools;

    @Override
    public Integer call() throws Exception {
        if (httpPort == null) {
            return serveStdio();
        }
        String token = authToken != null ? authToken : System.getenv("TOKENOMICS_AUTH_TOKEN");
        HttpOptions options = new HttpOptions(host, httpPort, token, allowOrigins);
        // Over HTTP no session identity arrives with a call: no session defaults.
        try (TokenLedger l = TokenLedger.open(ledger.dbPath(), ledger.priceTable(), EventDefaults.NONE);
                HttpServer server = HttpServer.start(l, options)) {
            var err = spec.commandLine().getErr();
            err.println("tokenomics " + TokenomicsServer.VERSION + " serving ledger " + l.database().file());
            err.println("  Streamable HTTP: http://" + hostForUrl(options.host()) + ":" + server.port() + HttpServer.MCP_PATH);
            err.println("  legacy SSE:      http://" + hostForUrl(options.host()) + ":" + server.port() + HttpServer.SSE_PATH);
            err.println(options.authToken() == null ? "  no auth token: anyone who can reach this address can call it"
                    : "  bearer token required");
            err.flush();
            server.join();
        }
        return Exit.OK;
    }

    private int serveStdio() throws InterruptedException {
        TokenLedger l = ledger.open();
        // Calls still running when the client closes stdin get up to the request timeout to finish
        // and be answered (a client may pipeline requests, close its end, and still read).
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), System.in, System.out,
                TokenomicsServer.REQUEST_TIMEOUT);
        McpSyncServer server = TokenomicsServer.stdio(l, benchTools, transport);
        transport.awaitEnd();
        server.closeGracefully();
        l.close();
        return Exit.OK;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
