package dev.tokenomics.otlp;

import static dev.tokenomics.otlp.OtlpExports.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shaded jar serves OTLP: protobuf and gzipped JSON exports to {@code serve --http} as a child
 * process (the protobuf runtime and the OpenTelemetry classes shaded in), then {@code summary --json}
 * of the same jar reads the exact totals back.
 */
class OtlpJarIT {
    private static final Pattern PORT = Pattern.compile("Streamable HTTP: http://[^:]+:(\\d+)/mcp");

    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theShadedJarTakesProtobufAndGzippedJsonExports() throws Exception {
        Path db = dir.resolve("ledger.db");
        Process server = new ProcessBuilder(java("serve", "--http", "0", "--auth-token", "tok", "--db", db.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
                    StandardCharsets.UTF_8));
            Integer port = null;
            for (String line; port == null && (line = err.readLine()) != null; ) {
                Matcher m = PORT.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertNotNull(port, "serve --http printed its port");
            Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            HttpClient http = HttpClient.newHttpClient();
            byte[] metrics = OtlpExports.tokenUsage(false, List.of(new OtlpExports.Point("s-m", "input", 7_000, T0,
                    T0 + 1), new OtlpExports.Point("s-m", "output", 900, T0, T0 + 1))).toByteArray();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/metrics")).header("Content-Type", "application/x-protobuf").header("Authorization",
                    "Bearer tok").POST(HttpRequest.BodyPublishers.ofByteArray(metrics)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            String logs = com.google.protobuf.util.JsonFormat.printer().print(OtlpExports.apiRequests(List.of(
                    new OtlpExports.Request("s-l", 1, 120, 30, 4_000, 60, "0.01"))));
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
                z.write(logs.getBytes(StandardCharsets.UTF_8));
            }
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .header("Authorization", "Bearer tok").POST(HttpRequest.BodyPublishers.ofByteArray(
                            zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
        } finally {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        }
        Process summary = new ProcessBuilder(java("summary", "all", "--json", "--source", "otlp", "--db",
                db.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(summary.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(summary.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, summary.exitValue(), json);
        JsonNode s = JsonMapper.builder().build().readTree(json);
        assertEquals(3, s.get("event_count").asLong(), json);
        assertEquals(7_120, s.get("tokens_in").asLong(), json);
        assertEquals(930, s.get("tokens_out").asLong(), json);
    }
}
