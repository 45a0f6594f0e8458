package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initialize answer written before the SDK's server exists must be the SDK's own, byte for
 * byte, for every protocol version a client may ask (supported or not) and both kinds of id.
 */
class EarlyInitializeTest {
    @TempDir
    Path dir;

    private static final List<String> ASKED = List.of("2025-06-18", "2024-11-05", "2025-11-25", "1999-01-01");

    @Test
    void theEarlyAnswerIsTheSdksForEveryVersionAndIdKind() throws Exception {
        for (String version : ASKED) {
            for (Object id : List.of(7, "init-\"1\"")) {
                String line = "{\"jsonrpc\":\"2.0\",\"id\":" + (id instanceof String s ? quoted(s) : id)
                        + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                        + "\",\"capabilities\":{\"roots\":{}},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
                String sdk = sdkAnswer(line, false);
                StdioTransport probe = new StdioTransport(McpJsonDefaults.getMapper(), null, null, Duration.ZERO);
                String early = EarlyInitialize.answer(new JSONRPCRequest("2.0", "initialize", id, params(version)),
                        probe.protocolVersions());
                assertEquals(sdk, early, "asked " + version + ", id " + id);
            }
        }
    }

    @Test
    void throughTheTransportTheClientGetsExactlyOneAnswerAndTheSessionWorks() throws Exception {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        List<String> lines = exchange(List.of(line, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"), true, 2);
        assertEquals(sdkAnswer(line, false), lines.get(0));
        assertNotNull(lines.get(1));
        assertEquals(true, lines.get(1).startsWith("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":"), lines.get(1));
    }

    @Test
    void whatIsNotAnInitializeRequestIsLeftToTheSdk() {
        assertNull(EarlyInitialize.answer(new JSONRPCRequest("2.0", "initialize", 1, Map.of("protocolVersion", 5)),
                List.of("2025-06-18")));
        assertNull(EarlyInitialize.answer(new JSONRPCRequest("2.0", "initialize", 1, null), List.of("2025-06-18")));
    }

    private static Map<String, Object> params(String version) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("protocolVersion", version);
        p.put("capabilities", Map.of("roots", Map.of()));
        p.put("clientInfo", Map.of("name", "t", "version", "1"));
        return p;
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder();
        EarlyInitialize.string(b, s);
        return b.toString();
    }

    private String sdkAnswer(String initializeLine, boolean early) throws Exception {
        return exchange(List.of(initializeLine), early, 1).get(0);
    }

    /** Sends {@code lines} to a real server over a piped stdio transport and reads {@code answers} lines back. */
    private List<String> exchange(List<String> lines, boolean early, int answers) throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        OutputStream serverOut = new PipedOutputStream(fromServer);
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), serverIn, serverOut,
                Duration.ofSeconds(5));
        if (early) {
            transport.startReading(r -> TokenomicsServer.initializeAnswer(r, transport.protocolVersions()));
        }
        for (String l : lines) {
            toServer.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        toServer.flush();
        try (TokenLedger ledger = TokenLedger.open(dir.resolve("l" + System.nanoTime() + ".db"), PriceTable.bundled(),
                EventDefaults.NONE)) {
            McpSyncServer server = TokenomicsServer.stdio(ledger, false, transport);
            BufferedReader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                got.add(in.readLine());
            }
            toServer.close();
            transport.awaitEnd();
            // Nothing more: the SDK's own initialize answer was not sent a second time.
            serverOut.close();
            assertNull(in.readLine(), "an extra line after the answers");
            server.closeGracefully();
            return got;
        }
    }
}
