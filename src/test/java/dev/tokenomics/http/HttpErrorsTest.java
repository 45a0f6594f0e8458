package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Error answers over HTTP: one JSON shape, {"error": "..."}, whoever produced them (our servlets,
 * the SDK's, Jetty), and a JSON-RPC -32602 answer for tools/call params of the wrong shape.
 */
class HttpErrorsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null));
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        ledger.close();
    }

    /** The one error shape; never a serialized exception (stackTrace, localizedMessage, ...). */
    static String error(RawHttp.Reply r) {
        assertEquals("application/json", r.header("Content-Type").split(";")[0].trim(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(1, body.size(), r.body());
        assertTrue(body.get("error").isString(), r.body());
        assertFalse(r.body().contains("stackTrace") || r.body().contains("Exception"), r.body());
        return body.get("error").asString();
    }

    String initialize() throws Exception {
        RawHttp.Reply r = RawHttp.post(port, "/mcp", "localhost", null, HttpAccessTest.INIT);
        assertEquals(200, r.status(), r.body());
        String session = r.header("Mcp-Session-Id");
        assertNotNull(session);
        RawHttp.Reply ack = RawHttp.post(port, "/mcp", "localhost", "Mcp-Session-Id: " + session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(202, ack.status(), ack.body());
        return session;
    }

    RawHttp.Reply post(String session, String body) throws Exception {
        return RawHttp.post(port, "/mcp", "localhost", "Mcp-Session-Id: " + session, body);
    }

    RawHttp.Reply call(String session, String params) throws Exception {
        return RawHttp.post(port, "/mcp", "localhost", "Mcp-Session-Id: " + session,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"" + (params == null ? "" : ",\"params\":" + params)
                        + "}");
    }

    @Test
    void arrayArgumentsGetInvalidParamsNamingArguments() throws Exception {
        String session = initialize();
        RawHttp.Reply r = call(session, "{\"name\":\"record_token_event\",\"arguments\":[1,2]}");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type").split(";")[0]);
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(7, answer.get("id").asInt(), r.body());
        assertEquals(-32602, answer.get("error").get("code").asInt(), r.body());
        String message = answer.get("error").get("message").asString();
        assertTrue(message.startsWith("arguments must be an object") && message.endsWith("got an array [1,2]"), message);
        assertEquals(0, ledger.events().summarize(dev.tokenomics.ledger.Scope.ALL, null, null, null).totals().events(), "nothing recorded");
    }

    @Test
    void otherMalformedCallParamsGetInvalidParamsToo() throws Exception {
        String session = initialize();
        for (String[] c : new String[][] {
                {null, "tools/call needs params"},
                {"[1]", "params must be an object, got an array"},
                {"{\"arguments\":{}}", "params.name must be the tool's name as a string, got nothing"},
                {"{\"name\":5}", "params.name must be the tool's name as a string, got a number"},
                {"{\"name\":\"get_token_summary\",\"arguments\":\"all\"}", "arguments must be an object"}}) {
            JsonNode answer = JSON.readTree(call(session, c[0]).body());
            assertEquals(-32602, answer.get("error").get("code").asInt(), c[0]);
            assertTrue(answer.get("error").get("message").asString().startsWith(c[1]), answer.toString());
        }
    }

    @Test
    void aCallToAnUnknownToolNamesIt() throws Exception {
        String session = initialize();
        JsonNode answer = JSON.readTree(call(session, "{\"name\":\"no_such_tool\",\"arguments\":{}}").body());
        assertEquals(-32602, answer.get("error").get("code").asInt(), answer.toString());
        assertTrue(answer.get("error").get("message").asString().startsWith("Unknown tool: no_such_tool"), answer.toString());
    }

    @Test
    void aMessageThatIsNotJsonRpcTwoIsRefusedAsOverStdio() throws Exception {
        String session = initialize();
        RawHttp.Reply r = post(session, "{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"tools/list\"}");
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(9, answer.get("id").asInt(), r.body());
        assertEquals(-32600, answer.get("error").get("code").asInt(), r.body());
        assertTrue(answer.get("error").get("message").asString().contains("jsonrpc must be \"2.0\""), r.body());
        RawHttp.Reply batch = post(session, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
        assertEquals(400, batch.status(), batch.body());
        assertTrue(batch.body().contains("batch"), batch.body());
    }

    @Test
    void wellFormedCallsStillReachTheSdkAfterTheCheckReadTheirBody() throws Exception {
        String session = initialize();
        RawHttp.Reply r = call(session, "{\"name\":\"record_token_event\",\"arguments\":{\"input_tokens\":5}}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"id\":7") && r.body().contains("\"result\""), r.body());
        RawHttp.Reply none = call(session, "{\"name\":\"get_token_summary\",\"arguments\":null}");
        assertTrue(none.body().contains("\"result\""), "null arguments mean none: " + none.body());
    }

    @Test
    void sdkErrorsAreOneSentenceNotSerializedExceptions() throws Exception {
        RawHttp.Reply junk = RawHttp.post(port, "/mcp", "localhost", null, "{not json");
        assertEquals(400, junk.status());
        assertTrue(error(junk).startsWith("Invalid message format"), junk.body());

        RawHttp.Reply noSession = RawHttp.post(port, "/mcp", "localhost", null,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertEquals(400, noSession.status());
        assertTrue(error(noSession).contains("mcp-session-id"), noSession.body());

        RawHttp.Reply unknown = RawHttp.post(port, "/mcp", "localhost", "Mcp-Session-Id: nope",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertEquals(404, unknown.status());
        assertEquals("Session not found: nope", error(unknown));

        RawHttp.Reply noAccept = RawHttp.send(port, "POST /mcp HTTP/1.1\r\nHost: localhost", HttpAccessTest.INIT);
        assertEquals(400, noAccept.status());
        assertTrue(error(noAccept).contains("Accept header"), noAccept.body());

        RawHttp.Reply deleteUnknown = RawHttp.send(port, "DELETE /mcp HTTP/1.1\r\nHost: localhost\r\nMcp-Session-Id: nope",
                null);
        assertEquals(404, deleteUnknown.status());
        assertEquals("no such path: /mcp", error(deleteUnknown));

        RawHttp.Reply sseMessage = RawHttp.post(port, "/message", "localhost", null, HttpAccessTest.INIT);
        assertEquals(400, sseMessage.status());
        assertTrue(error(sseMessage).contains("Session ID missing"), sseMessage.body());
    }

    @Test
    void jettyErrorsAreJsonWhateverTheClientAccepts() throws Exception {
        RawHttp.Reply put = RawHttp.send(port, "PUT /api/summary HTTP/1.1\r\nHost: localhost\r\nAccept: text/html",
                "{}");
        assertEquals(405, put.status());
        assertTrue(error(put).contains("PUT"), put.body());

        RawHttp.Reply notFound = RawHttp.send(port, "GET /nope HTTP/1.1\r\nHost: localhost\r\nAccept: text/html", null);
        assertEquals(404, notFound.status());
        assertTrue(error(notFound).contains("/nope"), notFound.body());

        RawHttp.Reply tooBig = RawHttp.send(port, "POST /mcp HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (CallParamsCheck.MAX_BODY_BYTES + 1), null);
        assertEquals(413, tooBig.status());
        assertTrue(error(tooBig).contains(String.valueOf(CallParamsCheck.MAX_BODY_BYTES)), tooBig.body());

        RawHttp.Reply badLine = RawHttp.send(port, "GET /%zz HTTP/1.1\r\nHost: localhost", null);
        assertEquals(400, badLine.status());
        error(badLine);
    }

    @Test
    void legacySseAnswersArrayArgumentsWithAJsonRpcErrorOnTheStream() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/sse")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String endpoint = dataOf(events, "endpoint");
        post(http, endpoint, HttpAccessTest.INIT);
        assertTrue(dataOf(events, "message").contains("\"result\""));
        post(http, endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(http, endpoint, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"record_token_event\",\"arguments\":[1]}}");
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> dataOf(events, "message"));
        JsonNode error = JSON.readTree(answer.get(20, TimeUnit.SECONDS)).get("error");
        assertNotNull(error, "a JSON-RPC error answer, not silence");
        stream.body().close();
    }

    private static void post(HttpClient http, String endpoint, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
    }

    private String dataOf(BufferedReader events, String type) {
        try {
            String event = null;
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && type.equals(event)) {
                    String data = line.substring(5).trim();
                    return data.startsWith("/") ? "http://127.0.0.1:" + port + data : data;
                }
            }
            throw new AssertionError("stream ended before a " + type + " event");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sentencesNameThePathAndHideExceptionText() {
        assertEquals("no such path: /x", JsonErrors.sentence(404, "Not Found", "/x", false));
        assertEquals("Server is shutting down", JsonErrors.sentence(503, "Server is shutting down", "/mcp", false));
        String failed = JsonErrors.sentence(500, "java.lang.NullPointerException: boom", "/mcp", true);
        assertFalse(failed.contains("NullPointer"), failed);
        assertTrue(failed.contains("/mcp"), failed);
        assertEquals("bad thing", SdkErrorBodies.message("{\"jsonRpcError\":{\"message\":\"bad thing\"},\"stackTrace\":[]}"
                .getBytes(StandardCharsets.UTF_8)));
    }
}
