package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.MalformedLines;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stdio server under the inputs and the load it exists for: it answers every line, and never wedges. */
class StdioRobustnessIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    @TempDir
    Path dir;

    final List<Process> started = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    Process server(Path db) throws Exception {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "serve", "--db", db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyMalformedLineGetsAnErrorAndTheNextPingIsAnswered() throws Exception {
        Process p = server(dir.resolve("bad.db"));
        List<byte[]> bad = MalformedLines.all();
        assertEquals(36, bad.size());
        List<JsonNode> replies = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (replies) {
                        replies.add(JSON.readTree(line));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(INIT.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < bad.size(); i++) {
                in.write(bad.get(i));
                in.write('\n');
                in.write(("{\"jsonrpc\":\"2.0\",\"id\":\"ping-" + i + "\",\"method\":\"ping\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"record_token_event\",\"arguments\":{\"input_tokens\":7,\"record_key\":\"after-bad\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server exits once stdin closes");
        reader.join(10_000);
        long pings = replies.stream().filter(r -> r.path("id").asString("").startsWith("ping-")
                && r.has("result")).count();
        List<JsonNode> errors = replies.stream().filter(r -> r.has("error")).toList();
        assertEquals(36, pings, "every ping after a bad line is answered: " + replies);
        assertEquals(36, errors.size(), "every bad line gets one error reply: " + errors);
        for (JsonNode e : errors) {
            int code = e.path("error").path("code").asInt();
            assertTrue(List.of(-32700, -32600, -32601, -32602).contains(code), e.toString());
            assertTrue(e.path("error").path("message").asString().length() > 10, e.toString());
        }
        JsonNode last = replies.stream().filter(r -> "last".equals(r.path("id").asString(""))).findFirst().orElseThrow();
        assertEquals(false, last.path("result").path("isError").asBoolean(true), last.toString());
        assertEquals(1, rows(dir.resolve("bad.db")), "only the valid call wrote");
        assertTrue(errors.stream().anyMatch(e -> e.path("error").path("message").asString()
                .contains("Unknown tool: no_such_tool")), "an unknown tool is named: " + errors);
        assertTrue(errors.stream().anyMatch(e -> e.path("id").asLong() == 4
                && e.path("error").path("message").asString().contains("jsonrpc must be \"2.0\"")), errors.toString());
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pipelinedCallsAreAllAnsweredWhenTheClientClosesStdinAtOnce() throws Exception {
        Process p = server(dir.resolve("pipe.db"));
        int calls = 2_000;
        StringBuilder requests = new StringBuilder(INIT);
        for (int i = 1; i <= calls; i++) {
            requests.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"record_token_event\",\"arguments\":{\"input_tokens\":1,\"record_key\":\"p")
                    .append(i).append("\"}}}\n");
        }
        // Written from another thread: the server stops reading while it is busy (back-pressure),
        // so a writer that does not also read would block once the pipes fill.
        Thread writer = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(requests.toString().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "server exits after answering");
        assertEquals(calls + 1, out.lines().filter(l -> l.contains("\"result\"")).count());
        assertEquals(calls, rows(dir.resolve("pipe.db")));
    }

    /**
     * Eight sessions on one ledger, each client calling from several threads at once: the case where
     * the SDK's transport dropped answers and stopped (two answers finishing together).
     */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eightServersOnOneLedgerAnswerEveryConcurrentCall() throws Exception {
        int servers = 8;
        int threadsPerClient = 3;
        int callsPerThread = 60;
        Path db = dir.resolve("shared.db");
        List<McpSyncClient> clients = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            clients.add(Clients.stdio(db, Map.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers * threadsPerClient);
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            McpSyncClient client = clients.get(s);
            for (int t = 0; t < threadsPerClient; t++) {
                String prefix = "s" + s + "-t" + t + "-";
                work.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        CallToolResult r = client.callTool(new CallToolRequest("record_token_event",
                                Map.of("input_tokens", 3, "model", "claude-haiku-4-5", "record_key", prefix + i)));
                        if (Boolean.TRUE.equals(r.isError())) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get(240, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (McpSyncClient c : clients) {
            c.ping(); // still answering after the load
            assertTrue(c.closeGracefully(), "server closes when its client does");
        }
        assertEquals(0, failures.get());
        assertEquals(servers * threadsPerClient * callsPerThread, rows(db));
    }

    static long rows(Path db) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM token_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
