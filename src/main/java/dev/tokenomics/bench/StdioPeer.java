package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** The server as a child process, spoken to in newline-delimited JSON-RPC (the stdio transport). */
final class StdioPeer implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader outReader;
    private long nextId = 1;
    final long initializeMillis;

    private StdioPeer(Process process, long initializeMillis, BufferedWriter in, BufferedReader outReader) {
        this.process = process;
        this.initializeMillis = initializeMillis;
        this.in = in;
        this.outReader = outReader;
    }

    static StdioPeer launch(Path jar, String javaOpts, Path db) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!javaOpts.isBlank()) {
            cmd.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--bench-tools", "--db", db.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        w.write("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n");
        w.flush();
        String answer = r.readLine();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (answer == null || !answer.contains("\"result\"")) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not answer initialize: " + answer);
        }
        w.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        w.flush();
        return new StdioPeer(p, ms, w, r);
    }

    /** Calls a tool and returns its result object; notifications in between are skipped. */
    JsonNode call(String tool, Map<String, Object> args) throws IOException {
        return send("tools/call", Map.of("name", tool, "arguments", args), tool);
    }

    /** Sends a request without parameters (tools/list, ...) and returns its whole answer. */
    JsonNode request(String method) throws IOException {
        long id = nextId;
        JsonNode result = send(method, Map.of(), method);
        return ToolRunner.JSON_COMPACT.valueToTree(Map.of("jsonrpc", "2.0", "id", id, "result", result));
    }

    /**
     * A tools/call request encoded ahead of time, for {@link #send(Encoded)}: the benches time the
     * server, not this client's JSON encoding (as the sqlite3 floor gets its rows already loaded).
     */
    Encoded encode(String tool, Map<String, Object> args) {
        long id = nextId++;
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
                Map.of("name", tool, "arguments", args));
        return new Encoded(id, ToolRunner.JSON_COMPACT.writeValueAsString(request), tool);
    }

    record Encoded(long id, String line, String what) {}

    /** Sends an encoded request and returns its result object; notifications in between are skipped. */
    JsonNode send(Encoded request) throws IOException {
        in.write(request.line());
        in.write('\n');
        in.flush();
        return answer(request.id(), request.what());
    }

    private JsonNode send(String method, Map<String, Object> params, String what) throws IOException {
        long id = nextId++;
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params);
        in.write(ToolRunner.JSON_COMPACT.writeValueAsString(request));
        in.write('\n');
        in.flush();
        return answer(id, what);
    }

    private JsonNode answer(long id, String what) throws IOException {
        while (true) {
            String line = outReader.readLine();
            if (line == null) {
                throw new IOException("server closed stdout");
            }
            JsonNode msg = ToolRunner.JSON_COMPACT.readTree(line);
            if (msg.has("id") && msg.get("id").asLong() == id) {
                if (msg.has("error")) {
                    throw new IllegalStateException(what + ": " + msg.get("error"));
                }
                return msg.get("result");
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
