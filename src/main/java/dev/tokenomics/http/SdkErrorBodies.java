package dev.tokenomics.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites the error bodies of the SDK's servlets into {@code {"error": "..."}}.
 *
 * <p>Why: the SDK's HTTP servlets (mcp 2.1.0) answer a bad request by serializing the whole
 * {@code McpError} exception with Jackson: its stack trace, suppressed list and all. Their classes
 * cannot be subclassed (private constructors), so this filter holds back whatever body they write
 * after setting a status of 400 or more, takes the error's message out of it, and writes our one
 * shape instead. Bodies with a status under 400 (the SSE streams, the JSON-RPC answers) pass
 * through untouched and unbuffered.
 */
final class SdkErrorBodies implements Filter {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Held held = new Held((HttpServletResponse) res);
        chain.doFilter(req, held);
        held.finish(((HttpServletRequest) req).getRequestURI());
    }

    /** The sentence inside an SDK error body, or null when there is none to find. */
    static String message(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : firstLine(text);
        }
        for (JsonNode m : new JsonNode[] {node.path("jsonRpcError").path("message"), node.path("message"),
                node.path("error").path("message"), node.path("error")}) {
            if (m.isString() && !m.asString().isBlank()) {
                return firstLine(m.asString());
            }
        }
        return null;
    }

    /** Jackson's parse errors run over several lines, with a source excerpt: the first says it. */
    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static final class Held extends HttpServletResponseWrapper {
        private ByteArrayOutputStream held;
        private PrintWriter writer;
        private ServletOutputStream stream;

        Held(HttpServletResponse response) {
            super(response);
        }

        private boolean holding() {
            if (held == null && getStatus() >= 400 && !isCommitted()) {
                held = new ByteArrayOutputStream();
            }
            return held != null;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!holding()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!holding()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        held.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        held.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new IllegalStateException("error bodies are written blocking");
                    }
                };
            }
            return stream;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (held == null) {
                super.flushBuffer();
            }
        }

        void finish(String path) throws IOException {
            if (held == null) {
                return;
            }
            if (writer != null) {
                writer.flush();
            }
            String message = message(held.toByteArray());
            JsonErrors.write((HttpServletResponse) getResponse(), getStatus(),
                    JsonErrors.sentence(getStatus(), message, path, false));
        }
    }
}
