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
                + "at /mcp and legacy SSE at /sse (+ /message), from one process on one ledger, and OTLP/HTTP "
                + "exports at /v1/metrics, /v1/logs and /v1/traces (Claude Code's OpenTelemetry, GenAI spans).",
                "Under Claude Code, stdio events default to its session (CLAUDE_CODE_SESSION_ID) and repo "
                        + "(the name of CLAUDE_PROJECT_DIR). Over HTTP, callers pass session_id themselves."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--http", paramLabel = "PORT", description = "Serve HTTP on PORT (0 picks a free one) instead of stdio.")
    Integer httpPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind with --http (default ${DEFAULT-VALUE}: this machine only). "
                    + "Any address beyond loopback (e.g. 0.0.0.0) needs --auth-token.")
    String host;

    @Option(names = "--auth-token", paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on every HTTP request (default: env TOKENOMICS_AUTH_TOKEN). "
                    + "Must not be empty.")
    String authToken;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also accept requests whose Host header names NAME (e.g. ledger.lan, or *.example.com for "
                    + "any name under it); repeatable. Accepted always: localhost, 127.x.x.x, [::1] and the --host "
                    + "address. Any other Host gets 403 (this stops DNS-rebinding pages).")
    List<String> allowHosts;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Also accept browser requests from ORIGIN (e.g. https://dash.example:8443, or http://host:* "
                    + "for any port). Localhost origins are always accepted; any other Origin gets 403.")
    List<String> allowOrigins;

    @Option(names = "--stateless",
            description = "With --http: /mcp keeps no MCP session in this process, so several hub processes on one "
                    + "PostgreSQL ledger can sit behind any load balancer (no progress or log notifications; /sse "
                    + "stays per process).")
    boolean stateless;

    @Option(names = "--bench-tools", hidden = true, description = "Add a no-op tool, the benchmark's baseline.")
    boolean benchTools;

    @Override
    public Integer call() throws Exception {
        if (httpPort == null) {
            if (stateless) {
                throw new IllegalArgumentException("--stateless is for --http PORT; stdio serves one client");
            }
            return serveStdio();
        }
        String token = authToken(authToken, System.getenv("TOKENOMICS_AUTH_TOKEN"));
        HttpOptions options = new HttpOptions(host, httpPort, token, allowOrigins, allowHosts);
        if (!options.loopbackOnly() && token == null) {
            // The ledger is personal data and the server has no accounts: off this machine, a token
            // is the only thing between it and whoever can reach the address.
            throw new IllegalArgumentException("--host " + host + " is reachable from other machines; "
                    + "give --auth-token TOKEN (or env TOKENOMICS_AUTH_TOKEN) to serve it, or bind 127.0.0.1");
        }
        // Over HTTP no session identity arrives with a call: no session defaults.
        try (TokenLedger l = TokenLedger.open(ledger.location(), ledger.priceTable(),
                new EventDefaults(null, null, ledger.machine()));
                HttpServer server = HttpServer.start(l, options, stateless)) {
            var err = spec.commandLine().getErr();
            err.println("tokenomics " + TokenomicsServer.VERSION + " serving ledger " + l.location());
            err.println("  Streamable HTTP: http://" + hostForUrl(options.host()) + ":" + server.port() + HttpServer.MCP_PATH
                    + (stateless ? " (stateless: any hub process answers any request)" : ""));
            err.println("  legacy SSE:      http://" + hostForUrl(options.host()) + ":" + server.port() + HttpServer.SSE_PATH);
            // The token rides in the fragment (#token=...), which the browser never sends: the page keeps it.
            err.println("  dashboard:       http://" + hostForUrl(options.host()) + ":" + server.port() + "/"
                    + (options.authToken() == null ? "" : "#token=YOUR_TOKEN"));
            err.println("  OTLP/HTTP:       http://" + hostForUrl(options.host()) + ":" + server.port()
                    + " (/v1/metrics, /v1/logs, /v1/traces: OTEL_EXPORTER_OTLP_ENDPOINT)");
            err.println(options.authToken() == null ? "  no auth token: any program on this machine can call it"
                    : "  bearer token required");
            if (List.of("0.0.0.0", "::", "[::]").contains(options.host()) && options.extraHosts().isEmpty()) {
                err.println("  only Host localhost, 127.x and [::1] accepted: give --allow-host NAME for the name or "
                        + "address other machines use");
            }
            err.flush();
            server.join();
        }
        return Exit.OK;
    }

    /** The flag's token, else the environment's; a given but empty one is a mistake, not "no token". */
    static String authToken(String flag, String env) {
        if (flag != null) {
            if (flag.isBlank()) {
                throw new IllegalArgumentException("--auth-token must not be empty or blank");
            }
            return flag;
        }
        if (env != null && env.isBlank()) {
            throw new IllegalArgumentException("TOKENOMICS_AUTH_TOKEN is set but empty or blank; "
                    + "unset it, or give a real token");
        }
        return env;
    }

    private int serveStdio() throws InterruptedException {
        TokenomicsServer.warmUpInBackground();
        StdioTransport transport = stdioTransport();
        return serveStdio(ledger.openInBackground(), benchTools, transport);
    }

    /**
     * The flags of the usual stdio launch ({@code serve}, {@code --db}, {@code --machine},
     * {@code --prices}, {@code --bench-tools}), read without picocli: Claude Code waits for the first answer, and
     * building picocli's model costs a tenth of a second of it. Null for any other command line,
     * which picocli then reads (and explains when wrong).
     */
    static Integer fast(String[] args, java.io.PrintWriter err) throws InterruptedException {
        String db = null;
        String machine = null;
        java.nio.file.Path prices = null;
        boolean bench = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (name.equals("--bench-tools") && eq < 0) {
                bench = true;
                continue;
            }
            if (!name.equals("--db") && !name.equals("--prices") && !name.equals("--machine")) {
                return null;
            }
            String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (name.equals("--db")) {
                db = value;
            } else if (name.equals("--machine")) {
                machine = value;
            } else {
                prices = java.nio.file.Path.of(value);
            }
        }
        TokenomicsServer.warmUpInBackground();
        // Reading starts before the price table loads (a fifth of a second): initialize needs neither.
        StdioTransport transport = stdioTransport();
        return serveStdio(LedgerOptions.openInBackground(db, prices, machine, err), bench, transport);
    }

    /**
     * Stdin read from now on, an initialize answered at once. Calls still running when the client
     * closes stdin get up to the request timeout to finish and be answered (a client may pipeline
     * requests, close its end, and still read).
     */
    private static StdioTransport stdioTransport() {
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), System.in, System.out,
                TokenomicsServer.REQUEST_TIMEOUT);
        transport.startReading(request -> TokenomicsServer.initializeAnswer(request, transport.protocolVersions()));
        return transport;
    }

    private static int serveStdio(TokenLedger l, boolean benchTools, StdioTransport transport)
            throws InterruptedException {
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
