package dev.tokenomics.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio transport (spec 2025-06-18, "Transports / stdio"): newline-delimited JSON-RPC
 * messages on stdin and stdout, one client per process.
 *
 * <p>Why not the SDK's {@code StdioServerTransportProvider} (2.1.0): it stops reading for good at
 * the first line it cannot deserialize (no -32700 answer, and the process then never sees stdin
 * close), and it hands every answer to a unicast Reactor sink from whichever thread finished the
 * call. Two answers finishing at once make {@code tryEmitNext} fail (Reactive Streams rule 1.3,
 * "Failed to enqueue message"): the answer is dropped, the sink is dead, and the server answers
 * nothing more while its last write is already committed. Here every line gets its answer or an
 * error, answers are written whole under one lock by the thread that produced them (a slow reader
 * blocks that thread: back-pressure, not drops), and reading pauses while {@link #MAX_IN_FLIGHT}
 * requests are under way, so a client that pipelines thousands of calls fills the pipe, not memory.
 * At end of input the calls under way are answered, then {@link #awaitEnd} returns.
 */
public final class StdioTransport implements McpServerTransportProvider {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    static final int MAX_IN_FLIGHT = 32;
    private static final byte[] NEWLINE = {'\n'};

    private final McpJsonMapper jsonMapper;
    private final JsonRpcLines lines;
    private final InputStream in;
    private final OutputStream out;
    private final Duration drainLimit;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object writeLock = new Object();
    private volatile McpServerSession session;
    private final CountDownLatch sessionReady = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean();
    /** Answers an initialize read before the SDK's session exists; null: wait for the session. */
    private volatile java.util.function.Function<JSONRPCRequest, String> earlyInitialize;
    /** The id of the initialize answered early, and that answer: the SDK's own is then not sent. */
    private volatile Object earlyId;
    private volatile String earlyAnswer;
    private volatile boolean initialized;
    private volatile boolean outputGone;

    /** {@code drainLimit}: how long calls under way at end of input may take to be answered. */
    public StdioTransport(McpJsonMapper jsonMapper, InputStream in, OutputStream out, Duration drainLimit) {
        this.jsonMapper = jsonMapper;
        this.lines = new JsonRpcLines(jsonMapper);
        this.in = in;
        this.out = out;
        this.drainLimit = drainLimit;
    }

    /**
     * Starts reading stdin now, before the SDK's server is built (a fifth of a second on a cold JVM),
     * with {@code initializeAnswer} answering an {@code initialize} that arrives before then. The
     * request still goes to the SDK's session once it exists, so its state is the same; its own
     * answer is then not sent again. Claude Code waits for that first answer at every launch.
     */
    public void startReading(java.util.function.Function<JSONRPCRequest, String> initializeAnswer) {
        this.earlyInitialize = initializeAnswer;
        startReader();
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        this.session = sessionFactory.create(new SessionTransport());
        sessionReady.countDown();
        startReader();
    }

    private void startReader() {
        if (reading.compareAndSet(false, true)) {
            Thread reader = new Thread(this::readAll, "tokenomics-stdio-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Before the session exists: answers an initialize early when asked to, then waits for the session. */
    private void awaitSession(JSONRPCMessage message) throws InterruptedException {
        if (session != null) {
            return;
        }
        java.util.function.Function<JSONRPCRequest, String> early = earlyInitialize;
        if (early != null && earlyId == null && message instanceof JSONRPCRequest r
                && McpSchema.METHOD_INITIALIZE.equals(r.method())) {
            String answer;
            try {
                answer = early.apply(r);
            } catch (RuntimeException e) {
                answer = null; // e.g. params that are not an initialize request: the SDK answers that
                log.debug("initialize not answered early: {}", e.toString());
            }
            if (answer != null) {
                earlyAnswer = answer;
                earlyId = r.id();
                write(answer);
            }
        }
        sessionReady.await();
    }

    /** Blocks until stdin has closed and every call read before that has been answered. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    private void readAll() {
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        try {
            while (reader.next()) {
                if (reader.tooLong()) {
                    write(lines.tooLong(reader.lineBytes(), MAX_LINE_BYTES));
                    continue;
                }
                JsonRpcLines.Judged judged = lines.judge(reader.buffer(), reader.length());
                if (judged.accepted()) {
                    dispatch(judged.message());
                } else {
                    write(judged.refusal());
                }
            }
        } catch (IOException e) {
            log.debug("stdin failed; treating it as closed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("stdio reader stopped", e);
        } finally {
            drainThenEnd();
        }
    }

    private void dispatch(JSONRPCMessage message) throws InterruptedException {
        if (message instanceof JSONRPCRequest request && McpSchema.METHOD_PING.equals(request.method())) {
            // Answered here, so a ping works at any time, before initialization too (spec "Ping"); the
            // SDK's session would hold it until the client says it is initialized.
            write(lines.result(request.id(), Map.of()));
            return;
        }
        awaitSession(message);
        if (message instanceof JSONRPCNotification n
                && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(n.method())) {
            initialized = true;
        }
        if (message instanceof JSONRPCNotification n && "notifications/cancelled".equals(n.method())) {
            if (n.params() instanceof Map<?, ?> p && p.get("requestId") != null) {
                Cancellations.cancel(p.get("requestId"));
            }
            return; // the SDK has no use for it
        }
        if (message instanceof JSONRPCRequest request) {
            inFlight.acquire(); // back-pressure: stop reading until a call under way is answered
            JSONRPCRequest tagged = tagged(request);
            session.handle(tagged).doFinally(signal -> {
                Cancellations.finished(request.id());
                inFlight.release();
            }).subscribe(null, e -> log.warn("answering {} failed: {}", describe(message), e.toString()));
        } else {
            session.handle(message).subscribe(null, e -> log.warn("handling {} failed: {}", describe(message),
                    e.toString()));
        }
    }

    /**
     * A tools/call with its request id in {@code _meta}, so the tool can see a cancellation of it,
     * handed to the SDK as the CallToolRequest itself: {@link SameTypeMapper} then passes it on
     * without another copy of the arguments.
     */
    private static JSONRPCRequest tagged(JSONRPCRequest request) {
        if (!McpSchema.METHOD_TOOLS_CALL.equals(request.method()) || !(request.params() instanceof Map<?, ?> params)
                || !(params.get("name") instanceof String name)) {
            return request;
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        if (params.get("_meta") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), v));
        }
        meta.put(Cancellations.REQUEST_ID, request.id());
        Map<String, Object> arguments = null;
        if (params.get("arguments") instanceof Map<?, ?> a) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) a; // PlainJson's maps have String keys
            arguments = typed;
        }
        Cancellations.started(request.id());
        return new JSONRPCRequest(request.jsonrpc(), request.method(), request.id(),
                new McpSchema.CallToolRequest(name, arguments, meta));
    }

    private void drainThenEnd() {
        try {
            // Before initialization no call can complete (the SDK holds them for it): nothing to wait for.
            if (initialized && !inFlight.tryAcquire(MAX_IN_FLIGHT, drainLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stdin closed; {} calls were still running after {} s and are not answered",
                        MAX_IN_FLIGHT - inFlight.availablePermits(), drainLimit.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (writeLock) {
                try {
                    out.flush();
                } catch (IOException e) {
                    log.debug("stdout closed: {}", e.toString());
                }
            }
            ended.countDown();
        }
    }

    private void write(String json) {
        write(json.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] json) {
        synchronized (writeLock) {
            if (outputGone) {
                return;
            }
            try {
                out.write(json);
                out.write(NEWLINE);
                out.flush();
            } catch (IOException e) {
                // The client stopped reading: nothing can reach it any more. Its stdin closing ends us.
                outputGone = true;
                log.debug("stdout closed; answers are dropped from now on: {}", e.toString());
            }
        }
    }

    private static String describe(JSONRPCMessage message) {
        if (message instanceof JSONRPCRequest r) {
            return r.method() + " (id " + r.id() + ")";
        }
        if (message instanceof JSONRPCNotification n) {
            return n.method();
        }
        return "a response";
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.error(new IllegalStateException("no stdio session yet")) : s.sendNotification(method,
                params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    /** The one session's side of the pipe: what the SDK sends goes out as one line. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                String json;
                try {
                    json = jsonMapper.writeValueAsString(clarify(message));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot serialize " + describe(message) + ": " + e, e);
                }
                Object early = earlyId;
                if (early != null && message instanceof JSONRPCResponse r && early.equals(r.id())) {
                    earlyId = null;
                    if (!json.equals(earlyAnswer)) {
                        log.warn("the early initialize answer differed from the SDK's: {} vs {}", earlyAnswer, json);
                    }
                    return; // already answered
                }
                // JSON text never needs a raw newline; a message must stay on one line (spec: stdio).
                if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
                    json = json.replace("\r", "\\r").replace("\n", "\\n");
                }
                write(json);
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return jsonMapper.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {}
    }

    /**
     * The SDK (2.1.0) answers a call to an unknown tool with the literal message "Unknown tool:
     * invalid_tool_name" and the name only in {@code data}; the person reading the error needs it
     * in the message.
     */
    static JSONRPCMessage clarify(JSONRPCMessage message) {
        if (message instanceof JSONRPCResponse r && r.error() != null
                && "Unknown tool: invalid_tool_name".equals(r.error().message())
                && r.error().data() instanceof String data && data.startsWith("Tool not found: ")) {
            String name = data.substring("Tool not found: ".length());
            return new JSONRPCResponse(r.jsonrpc(), r.id(), null, new JSONRPCResponse.JSONRPCError(
                    r.error().code(), "Unknown tool: " + name + " (tools/list names the tools this server has)",
                    r.error().data()));
        }
        return message;
    }
}
