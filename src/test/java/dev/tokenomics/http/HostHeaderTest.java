package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Host header rule (DNS rebinding), on a real Jetty server, with requests written by hand. */
class HostHeaderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;

    int start(HttpOptions options) throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, options);
        return server.port();
    }

    int start(List<String> hosts) throws Exception {
        return start(new HttpOptions("127.0.0.1", 0, null, null, hosts));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void foreignHostWithoutOriginIsRefusedOnEveryPath() throws Exception {
        int port = start(List.of());
        for (String path : List.of("/", "/dashboard", "/api/dashboard", "/api/summary", "/sse")) {
            RawHttp.Reply r = RawHttp.get(port, path, "evil.example");
            assertEquals(403, r.status(), path);
            assertEquals("application/json", r.header("Content-Type").split(";")[0], path);
            String error = JSON.readTree(r.body()).get("error").asString();
            assertTrue(error.contains("host evil.example is not allowed"), error);
            assertTrue(error.contains("--allow-host evil.example"), error);
        }
        for (String path : List.of("/mcp", "/message")) {
            RawHttp.Reply r = RawHttp.post(port, path, "evil.example:" + port, null, HttpAccessTest.INIT);
            assertEquals(403, r.status(), path);
            assertTrue(r.body().contains("--allow-host evil.example"), r.body());
        }
    }

    @Test
    void localNamesAreAcceptedWithOrWithoutPort() throws Exception {
        int port = start(List.of());
        for (String host : List.of("localhost", "localhost:" + port, "LOCALHOST", "127.0.0.1", "127.0.0.1:" + port,
                "127.1.2.3", "[::1]", "[::1]:" + port, "localhost.")) {
            assertEquals(200, RawHttp.get(port, "/api/summary", host).status(), host);
            RawHttp.Reply mcp = RawHttp.post(port, "/mcp", host, null, HttpAccessTest.INIT);
            assertEquals(200, mcp.status(), host + ": " + mcp.body());
        }
        for (String host : List.of("localhost.evil.example", "127.0.0.1.evil.example", "128.0.0.1", "[::2]",
                "evil.example:" + port)) {
            assertEquals(403, RawHttp.get(port, "/api/summary", host).status(), host);
        }
        RawHttp.Reply badPort = RawHttp.get(port, "/api/summary", "localhost:80x");
        assertEquals(400, badPort.status(), "Jetty refuses a malformed Host itself");
        assertTrue(JSON.readTree(badPort.body()).get("error").isString(), badPort.body());
    }

    @Test
    void allowHostAddsExactNamesAndSuffixes() throws Exception {
        int port = start(List.of("ledger.lan", "*.example.com"));
        assertEquals(200, RawHttp.get(port, "/api/summary", "ledger.lan:" + port).status());
        assertEquals(200, RawHttp.get(port, "/api/summary", "Ledger.LAN").status());
        assertEquals(200, RawHttp.get(port, "/api/summary", "a.example.com").status());
        assertEquals(200, RawHttp.get(port, "/api/summary", "a.b.example.com:8080").status());
        assertEquals(403, RawHttp.get(port, "/api/summary", "example.com").status());
        assertEquals(403, RawHttp.get(port, "/api/summary", "evilexample.com").status());
        assertEquals(403, RawHttp.get(port, "/api/summary", "other.lan").status());
    }

    @Test
    void theBoundHostIsAcceptedWhenNamed() throws Exception {
        int port = start(new HttpOptions("127.0.0.1", 0, null, null, List.of()));
        assertEquals(200, RawHttp.get(port, "/api/summary", "127.0.0.1").status());
        HostCheck named = HostCheck.of(new HttpOptions("ledger.example", 0, "t", null, List.of()));
        assertTrue(named.allows("ledger.example:8765"));
        HostCheck wildcard = HostCheck.of(new HttpOptions("0.0.0.0", 0, "t", null, List.of()));
        assertFalse(wildcard.allows("0.0.0.0"), "0.0.0.0 reaches this machine from a browser: not a name to allow");
        assertTrue(HostCheck.of(new HttpOptions("::1", 0, null, null, List.of())).allows("[::1]:80"));
    }

    @Test
    void missingHostOnHttp11IsRefusedByJettyWithJson() throws Exception {
        int port = start(List.of());
        RawHttp.Reply r = RawHttp.get(port, "/api/summary", null);
        assertEquals(400, r.status());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.get("error").isString(), r.body());
    }

    @Test
    void jettyRefusesTheOtherWaysToNameAHost() throws Exception {
        int port = start(List.of());
        // An absolute URI names a host too; Jetty insists it matches Host, so the check above holds.
        RawHttp.Reply absolute = RawHttp.send(port, "GET http://evil.example/api/summary HTTP/1.1\r\nHost: localhost",
                null);
        assertEquals(400, absolute.status());
        assertEquals("bad request: Authority!=Host", JSON.readTree(absolute.body()).get("error").asString());
        RawHttp.Reply twice = RawHttp.send(port, "GET /api/summary HTTP/1.1\r\nHost: localhost\r\nHost: evil.example",
                null);
        assertEquals(400, twice.status());
        // HTTP/1.0 needs no Host; no browser sends it, so there is no rebinding to stop.
        assertEquals(200, RawHttp.send(port, "GET /api/summary HTTP/1.0", null).status());
    }

    @Test
    void badAllowHostValuesAreRefusedWithTheValue() {
        for (String bad : List.of("http://x.example", "x.example:8080", "*", "a b", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HttpOptions("127.0.0.1", 0, null, null, List.of(bad)), bad);
            assertTrue(e.getMessage().contains("--allow-host") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
