package dev.tokenomics.http;

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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a JSON-RPC request POSTed to /mcp whose params have the wrong shape with a JSON-RPC
 * error -32602 (Invalid params) that names the field, before the SDK sees it.
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
 */
final class CallParamsCheck implements Filter {
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final int INVALID_PARAMS = -32602;
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        String problem = message == null ? null : problem(message);
        if (problem != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", INVALID_PARAMS);
            error.put("message", problem);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("jsonrpc", "2.0");
            answer.put("id", message.get("id"));
            answer.put("error", error);
            byte[] json = JSON.writeValueAsBytes(answer);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
            return;
        }
        chain.doFilter(new Replay(request, body), res);
    }

    /** What is wrong with the params of a JSON-RPC request, or null (also for anything else). */
    static String problem(JsonNode message) {
        JsonNode method = message.path("method");
        if (!message.isObject() || !method.isString() || !message.has("id")) {
            return null; // not a request: the SDK answers notifications, responses and junk itself
        }
        JsonNode params = message.path("params");
        boolean given = !params.isMissingNode() && !params.isNull();
        if (given && !params.isObject()) {
            return "params must be an object, got " + kind(params);
        }
        if (!"tools/call".equals(method.asString())) {
            return null;
        }
        if (!given) {
            return "tools/call needs params with the tool's name and its arguments";
        }
        if (!params.path("name").isString()) {
            return "params.name must be the tool's name as a string, got " + kind(params.path("name"));
        }
        JsonNode arguments = params.path("arguments");
        if (!arguments.isMissingNode() && !arguments.isNull() && !arguments.isObject()) {
            return "arguments must be an object of argument names to values, got " + kind(arguments);
        }
        return null;
    }

    private static String kind(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase();
        };
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
