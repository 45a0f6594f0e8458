package dev.tokenomics.http;

import static dev.tokenomics.otlp.OtlpExports.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventFilter;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.otlp.OtlpExports;
import dev.tokenomics.otlp.OtlpExports.Point;
import dev.tokenomics.otlp.OtlpExports.Request;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP/HTTP intake on a real Jetty server: real POSTs of protobuf and JSON exports, exact totals. */
class OtlpHttpTest {
    static final String TOKEN = "s3cret-token";
    static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();

    void start() throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, TOKEN, null));
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

    HttpResponse<byte[]> post(String path, String contentType, byte[] body, String token, boolean gzip)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(body);
            }
            body = out.toByteArray();
            b.header("Content-Encoding", "gzip");
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> protobuf(String path, com.google.protobuf.Message m) throws Exception {
        return post(path, "application/x-protobuf", m.toByteArray(), TOKEN, false);
    }

    Totals totals() {
        return ledger.events().summarize(Scope.ALL, null, null, null).totals();
    }

    @Test
    void deltaTokenUsageIsAddedOnceAndARetriedExportAddsNothing() throws Exception {
        start();
        ExportMetricsServiceRequest export = OtlpExports.tokenUsage(false, List.of(
                new Point("s-1", "input", 1_200, T0, T0 + MINUTE), new Point("s-1", "output", 340, T0, T0 + MINUTE),
                new Point("s-1", "cacheRead", 50_000, T0, T0 + MINUTE),
                new Point("s-1", "cacheCreation", 7_000, T0, T0 + MINUTE)));
        HttpResponse<byte[]> r = protobuf("/v1/metrics", export);
        assertEquals(200, r.statusCode());
        assertEquals("application/x-protobuf", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0, ExportMetricsServiceResponse.parseFrom(r.body()).getPartialSuccess().getRejectedDataPoints());
        assertEquals(200, post("/v1/metrics", "application/x-protobuf", export.toByteArray(), TOKEN, true)
                .statusCode()); // the same export again, gzipped: a retry
        Totals t = totals();
        // The exporter's host.name is the events' machine.
        assertEquals(java.util.Set.of("laptop-1"),
                ledger.events().summarize(Scope.ALL, null, null, null).byMachine().keySet());
        assertEquals(List.of(1_200L, 340L, 50_000L, 7_000L), List.of(t.inputTokens(), t.outputTokens(),
                t.cacheReadTokens(), t.cacheWrite5mTokens()));
        assertEquals(4, t.events());
        StoredEvent e = ledger.events().listEvents(EventFilter.ALL, 10, null).events().get(0);
        assertEquals("otlp", e.event().source());
        assertEquals("s-1", e.event().sessionId());
        assertEquals("host laptop-1", e.event().note());
        assertEquals(OtlpExports.MODEL, e.event().model());
        // the next interval adds its own increment
        protobuf("/v1/metrics", OtlpExports.tokenUsage(false, List.of(
                new Point("s-1", "input", 800, T0 + MINUTE, T0 + 2 * MINUTE))));
        assertEquals(2_000, totals().inputTokens());
    }

    @Test
    void cumulativeTokenUsageIsDifferencedAgainstTheStoredSeriesAcrossARestart() throws Exception {
        start();
        protobuf("/v1/metrics", OtlpExports.tokenUsage(true, List.of(new Point("s-2", "input", 1_000, T0, T0 + MINUTE),
                new Point("s-2", "output", 100, T0, T0 + MINUTE))));
        protobuf("/v1/metrics", OtlpExports.tokenUsage(true, List.of(new Point("s-2", "input", 1_500, T0,
                T0 + 2 * MINUTE), new Point("s-2", "output", 100, T0, T0 + 2 * MINUTE))));
        server.close();
        ledger.close();
        start(); // a new server on the same ledger file: the series' last values were kept
        protobuf("/v1/metrics", OtlpExports.tokenUsage(true, List.of(new Point("s-2", "input", 1_500, T0,
                T0 + 2 * MINUTE)))); // a retry of the last export
        protobuf("/v1/metrics", OtlpExports.tokenUsage(true, List.of(new Point("s-2", "input", 2_250, T0,
                T0 + 3 * MINUTE))));
        // the exporter restarted: a new start time, counting from zero again
        protobuf("/v1/metrics", OtlpExports.tokenUsage(true, List.of(new Point("s-2", "input", 40, T0 + 4 * MINUTE,
                T0 + 5 * MINUTE))));
        Totals t = totals();
        assertEquals(2_290, t.inputTokens());
        assertEquals(100, t.outputTokens());
    }

    @Test
    void apiRequestLogsCountOnceAndMetricsOfTheSameSessionAreNotAddedWhicheverCameFirst() throws Exception {
        start();
        // s-3: metrics first, then its api_request events; s-4: events first, then metrics
        protobuf("/v1/metrics", OtlpExports.tokenUsage(false, List.of(new Point("s-3", "input", 999, T0, T0 + MINUTE),
                new Point("s-3", "output", 99, T0, T0 + MINUTE))));
        assertEquals(999, totals().inputTokens());
        var logs = OtlpExports.apiRequests(List.of(new Request("s-3", 1, 300, 40, 10_000, 500, "0.0123"),
                new Request("s-3", 2, 700, 60, 20_000, 0, "0.02"), new Request("s-4", 1, 5, 6, 7, 8, "0.001")));
        HttpResponse<byte[]> r = protobuf("/v1/logs", logs);
        assertEquals(200, r.statusCode());
        assertEquals(0, ExportLogsServiceResponse.parseFrom(r.body()).getPartialSuccess().getRejectedLogRecords());
        protobuf("/v1/logs", logs); // retry
        protobuf("/v1/metrics", OtlpExports.tokenUsage(false, List.of(new Point("s-4", "input", 5, T0, T0 + MINUTE),
                new Point("s-3", "input", 1_000, T0 + MINUTE, T0 + 2 * MINUTE))));
        Totals t = totals();
        assertEquals(3, t.events());
        assertEquals(1_005, t.inputTokens());
        assertEquals(106, t.outputTokens());
        assertEquals(30_007, t.cacheReadTokens());
        assertEquals(508, t.cacheWrite5mTokens());
        StoredEvent first = ledger.events().listEvents(EventFilter.ALL, 10, null).events().stream()
                .filter(e -> e.event().usage().inputTokens() == 300).findFirst().orElseThrow();
        assertEquals(1_200L, first.event().durationMs());
        assertEquals(0, new java.math.BigDecimal("0.0123").compareTo(first.event().reportedCostUsd()));
    }

    @Test
    void jsonEncodedExportsAreReadWithHexIdsAndAnsweredInJson() throws Exception {
        start();
        String metrics = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},
                 "scopeMetrics":[{"scope":{"name":"com.anthropic.claude_code"},"metrics":[{"name":"claude_code.token.usage",
                  "unit":"tokens","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
                   {"attributes":[{"key":"type","value":{"stringValue":"input"}},{"key":"session.id","value":{"stringValue":"s-j"}}],
                    "startTimeUnixNano":"1795000000000000000","timeUnixNano":"1795000060000000000","asDouble":4321},
                   {"attributes":[{"key":"type","value":{"stringValue":"bogus"}}],
                    "timeUnixNano":"1795000060000000000","asInt":"5"}]}}]}]}],"someFutureField":1}""";
        HttpResponse<byte[]> r = post("/v1/metrics", "application/json", metrics.getBytes(StandardCharsets.UTF_8),
                TOKEN, false);
        assertEquals(200, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"rejectedDataPoints\":\"1\""), body);
        assertTrue(body.contains("type must be one of input, output, cacheRead, cacheCreation, got \\\"bogus\\\""),
                body);
        assertEquals(4_321, totals().inputTokens());
        String traces = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my-agent"}}]},
                 "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                  "name":"chat","kind":3,"startTimeUnixNano":"1795000000000000000","endTimeUnixNano":"1795000002000000000",
                  "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},
                   {"key":"gen_ai.response.model","value":{"stringValue":"gpt-4o-2024-08-06"}},
                   {"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},
                   {"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"600"}},
                   {"key":"gen_ai.usage.output_tokens","value":{"intValue":"250"}}]}]}]}]}""";
        for (int i = 0; i < 2; i++) {
            r = post("/v1/traces", "application/json; charset=utf-8", traces.getBytes(StandardCharsets.UTF_8), TOKEN,
                    false);
            assertEquals(200, r.statusCode());
            assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
        }
        Totals t = totals();
        assertEquals(4_321 + 400, t.inputTokens());
        assertEquals(600, t.cacheReadTokens());
        assertEquals(250, t.outputTokens());
        StoredEvent span = ledger.events().listEvents(EventFilter.ALL, 10, null).events().stream()
                .filter(e -> e.event().usage().outputTokens() == 250).findFirst().orElseThrow();
        assertEquals("otlp:span:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174", span.event().recordKey());
        assertEquals("gpt-4o-2024-08-06", span.event().model());
        assertEquals(2_000L, span.event().durationMs());
    }

    @Test
    void protobufGenAiSpansCountOnce() throws Exception {
        start();
        var spans = OtlpExports.genAiSpan((byte) 7, "claude-haiku-4-5", 2_000, 300, 1_500);
        protobuf("/v1/traces", spans);
        protobuf("/v1/traces", spans);
        Totals t = totals();
        assertEquals(1, t.events());
        assertEquals(List.of(500L, 300L, 1_500L), List.of(t.inputTokens(), t.outputTokens(), t.cacheReadTokens()));
    }

    @Test
    void wrongTokenIs401AndWritesNothing() throws Exception {
        start();
        byte[] body = OtlpExports.tokenUsage(false, List.of(new Point("s", "input", 10, T0, T0 + MINUTE)))
                .toByteArray();
        assertEquals(401, post("/v1/metrics", "application/x-protobuf", body, "wrong", false).statusCode());
        assertEquals(401, post("/v1/logs", "application/x-protobuf", body, null, false).statusCode());
        assertEquals(0, totals().events());
    }

    @Test
    void malformedBodiesAre400AndWriteNothing() throws Exception {
        start();
        HttpResponse<byte[]> r = post("/v1/metrics", "application/x-protobuf", new byte[] {(byte) 0xff, 1, 2, 3}, TOKEN,
                false);
        assertEquals(400, r.statusCode());
        assertEquals("application/x-protobuf", r.headers().firstValue("Content-Type").orElseThrow());
        r = post("/v1/logs", "application/json", "{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8), TOKEN, false);
        assertEquals(400, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"code\":3") && body.contains("not a JSON-encoded OTLP logs export"), body);
        r = post("/v1/traces", "application/json",
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}"
                        .getBytes(StandardCharsets.UTF_8), TOKEN, false);
        assertEquals(400, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("traceId must be hex"));
        assertEquals(400, post("/v1/metrics", "application/x-protobuf", new byte[] {1, 2}, TOKEN, true).statusCode());
        assertEquals(415, post("/v1/metrics", "text/plain", new byte[0], TOKEN, false).statusCode());
        HttpRequest brotli = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/metrics"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "br")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                .build();
        assertEquals(415, http.send(brotli, HttpResponse.BodyHandlers.ofString()).statusCode());
        byte[] huge = new byte[OtlpServlet.MAX_BODY_BYTES + 1];
        assertEquals(413, post("/v1/logs", "application/x-protobuf", huge, TOKEN, true).statusCode());
        assertEquals(0, totals().events());
    }

    @Test
    void rejectedRecordsAreNamedInPartialSuccessAndTheRestIsTaken() throws Exception {
        start();
        var good = OtlpExports.apiRequests(List.of(new Request("s-5", 1, 100, 10, 0, 0, "0.001")));
        var bad = good.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).toBuilder().clearAttributes()
                .addAttributes(OtlpExports.kv("event.name", "api_request"))
                .addAttributes(OtlpExports.kv("input_tokens", "12.5")).build();
        var export = good.toBuilder().setResourceLogs(0, good.getResourceLogs(0).toBuilder().setScopeLogs(0,
                good.getResourceLogs(0).getScopeLogs(0).toBuilder().addLogRecords(bad))).build();
        HttpResponse<byte[]> r = protobuf("/v1/logs", export);
        assertEquals(200, r.statusCode());
        var partial = ExportLogsServiceResponse.parseFrom(r.body()).getPartialSuccess();
        assertEquals(1, partial.getRejectedLogRecords());
        assertTrue(partial.getErrorMessage().contains("input_tokens must be a whole number of tokens, got 12.5"),
                partial.getErrorMessage());
        assertEquals(1, totals().events());
        assertEquals(100, totals().inputTokens());
    }

    @Test
    void genAiSpansOfASessionWithApiRequestLogsAreLeftOut() throws Exception {
        start();
        var span = OtlpExports.genAiSpan((byte) 9, "claude-haiku-4-5", 5_000, 500, 0);
        var withSession = span.toBuilder().setResourceSpans(0, span.getResourceSpans(0).toBuilder().setScopeSpans(0,
                span.getResourceSpans(0).getScopeSpans(0).toBuilder().setSpans(0, span.getResourceSpans(0)
                        .getScopeSpans(0).getSpans(0).toBuilder().addAttributes(OtlpExports.kv("session.id", "s-6")))))
                .build();
        protobuf("/v1/traces", withSession);
        assertEquals(5_000, totals().inputTokens());
        protobuf("/v1/logs", OtlpExports.apiRequests(List.of(new Request("s-6", 1, 4_000, 400, 0, 0, "0.01"))));
        protobuf("/v1/traces", withSession); // and again after: left out
        assertEquals(List.of(1L, 4_000L, 400L), List.of(totals().events(), totals().inputTokens(),
                totals().outputTokens()));
    }

    @Test
    void foreignOriginIs403AndWritesNothing() throws Exception {
        start();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/metrics"))
                .header("Content-Type", "application/x-protobuf").header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofByteArray(OtlpExports
                        .tokenUsage(false, List.of(new Point("s", "input", 10, T0, T0 + MINUTE))).toByteArray()))
                .build();
        assertEquals(403, http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, totals().events());
    }
}
