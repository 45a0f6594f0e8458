package dev.tokenomics.http;

import dev.tokenomics.mcp.Cancellations;
import dev.tokenomics.mcp.JsonRpcShape;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a message POSTed to /mcp that is not one MCP can take (see {@link JsonRpcShape}: the
 * same verdict as over stdio) with its JSON-RPC error, naming the field, before the SDK sees it.
 *
 * <p>Why here: the SDK (mcp 2.1.0) turns {@code tools/call} params into a {@code CallToolRequest}
 * synchronously, outside the reactive chain that maps failures to JSON-RPC errors, so on the
 * Streamable HTTP transport an array {@code arguments} (or missing params, or no tool name) ends
 * the already-started SSE answer with 200 and an empty body: the client waits for an answer that
 * never comes. The SDK's classes are not open to change, so this filter reads the body (at most
 * {@link #MAX_BODY_BYTES}, the same limit the SDK applies), checks the shapes the SDK would trip
 * on, and hands the same bytes on. It answers as the Streamable HTTP spec allows for a POSTed
 * request, with one JSON object (Content-Type application/json) carrying the request's id.
 *
 * <p>The legacy SSE transport (/message) is left alone: its answers travel on the SSE stream, and
 * there the SDK already answers such a request with a JSON-RPC error (-32603).
 *
 * <p>Cancellation: the SDK drops {@code notifications/cancelled}. Here a tools/call is tagged in its
 * {@code _meta} with its session and id, and a cancellation from the same session marks it, so a
 * long import stops at its next commit as on stdio (see {@link Cancellations}). A stateless hub has
 * no session: a cancellation reaches the call only when it arrives at the same process.
 */
final class CallParamsCheck implements Filter {
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Set<String> toolNames;

    /** {@code toolNames}: the tools the server has, so a call to another is named in the error. */
    CallParamsCheck(Set<String> toolNames) {
        this.toolNames = toolNames;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = request.getContentLengthLong() > MAX_BODY_BYTES ? null
                : readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            JsonErrors.write(response, 413, "the request body is larger than " + MAX_BODY_BYTES
                    + " bytes, the limit for " + request.getRequestURI());
            return;
        }
        JsonNode message = parse(body);
        JsonRpcShape.Refusal problem = message == null ? null : JsonRpcShape.problem(message);
        if (problem == null && message != null) {
            problem = unknownTool(message);
        }
        if (problem != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", problem.code());
            error.put("message", problem.message());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("jsonrpc", "2.0");
            answer.put("id", problem.id());
            answer.put("error", error);
            byte[] json = JSON.writeValueAsBytes(answer);
            // A request we can answer gets its JSON-RPC error as the answer (200); anything else
            // (no usable id: a batch, a bad notification) is refused as a bad POST (Streamable HTTP:
            // "the server MUST return an HTTP error status code").
            response.setStatus(problem.id() != null ? 200 : 400);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
            return;
        }
        chain.doFilter(new Replay(request, message == null ? body : cancellable(request, message, body)), res);
    }

    /** A tools/call tagged with its session and id; a cancellation noted. Any other body as it came. */
    private static byte[] cancellable(HttpServletRequest request, JsonNode message, byte[] body) {
        String method = message.path("method").asString("");
        String session = request.getHeader("Mcp-Session-Id");
        if ("notifications/cancelled".equals(method)) {
            JsonNode id = message.path("params").path("requestId");
            if (id.isNumber() || id.isString()) {
                Cancellations.cancel(Cancellations.httpRequestId(session, id.isNumber() ? id.longValue() : id.asString()));
            }
            return body;
        }
        JsonNode id = message.path("id");
        // Only a call that can be cancelled is rewritten: a record call passes on as it came.
        if (!"tools/call".equals(method) || !(id.isNumber() || id.isString())
                || !(message.path("params") instanceof ObjectNode params)
                || !Cancellations.CANCELLABLE.contains(params.path("name").asString(""))) {
            return body;
        }
        String tag = Cancellations.httpRequestId(session, id.isNumber() ? id.longValue() : id.asString());
        JsonNode meta = params.path("_meta");
        ObjectNode m = meta instanceof ObjectNode o ? o : params.putObject("_meta");
        m.put(Cancellations.REQUEST_ID, tag);
        Cancellations.started(tag);
        return JSON.writeValueAsBytes(message);
    }

    /**
     * The SDK (2.1.0) answers a call to a tool it does not have with the literal message "Unknown
     * tool: invalid_tool_name"; the reader needs the name it sent.
     */
    private JsonRpcShape.Refusal unknownTool(JsonNode message) {
        Object id = JsonRpcShape.id(message);
        if (id == null || !"tools/call".equals(message.path("method").asString(""))) {
            return null;
        }
        String name = message.path("params").path("name").asString();
        return toolNames.contains(name) ? null : new JsonRpcShape.Refusal(id, JsonRpcShape.INVALID_PARAMS,
                "Unknown tool: " + name + " (tools/list names the tools this server has)");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null; // the SDK answers unparsable bodies with 400 itself
        }
    }

    /** The whole stream, or null when it holds more than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The request with its body, already read, to be read again by the SDK. */
    private static final class Replay extends HttpServletRequestWrapper {
        private final byte[] body;

        Replay(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
        }
    }
}
