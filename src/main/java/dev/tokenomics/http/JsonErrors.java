package dev.tokenomics.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error this server answers over HTTP has one shape, {@code {"error": "one sentence"}}, with
 * the status that fits; never an HTML page, a stack trace or a serialized exception. Our own
 * servlets and filters write it with {@link #write}; Jetty's own errors (a bad request line, a
 * {@code sendError} from the SDK's servlets, an exception no servlet caught) go through the two
 * error handlers below, one for the server and one for the servlet context.
 */
final class JsonErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonErrors() {}

    static byte[] body(String message) {
        return JSON.writeValueAsBytes(Map.of("error", message));
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = body(message);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The sentence for a status and Jetty's message: Jetty's bare reason phrases ("Not Found")
     * become a sentence that names the path; an exception's text (a 5xx) is never shown, since it
     * says more about our code than about the request.
     */
    static String sentence(int status, String message, String path, boolean fromException) {
        String reason = HttpStatus.getMessage(status);
        boolean bare = message == null || message.isBlank() || message.equals(reason);
        if (status >= 500 && (bare || fromException)) {
            return "the server failed while answering " + path + " (" + status + " " + reason
                    + "); its log has the details";
        }
        if (bare) {
            return switch (status) {
                case 404 -> "no such path: " + path;
                case 405 -> "this method is not allowed on " + path;
                case 413 -> "the request body is too large for " + path;
                default -> reason.toLowerCase(Locale.ROOT) + ": " + path;
            };
        }
        return message;
    }

    /** Jetty's own 400 reasons are terse ("Authority!=Host", "Duplicate Host Header"): say what they are. */
    private static String fromJetty(int status, String message, Request request, Throwable cause) {
        String s = sentence(status, message, path(request), cause != null);
        return status == 400 && !s.startsWith("bad request") ? "bad request: " + s : s;
    }

    private static String path(Request request) {
        return request == null ? "?" : request.getHttpURI().getPath();
    }

    /** Jetty's errors outside the servlet context: bad request lines and headers, unknown hosts. */
    static final class ServerHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
        ServerHandler() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            // Whatever the client said it accepts: JSON is the only error format this server has.
            return super.generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(new String(body(fromJetty(code, message, request, cause)), StandardCharsets.UTF_8));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            // A request Jetty could not parse (no Host on HTTP/1.1, headers too large): no path to name.
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
            String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
            return ByteBuffer.wrap(body("bad request: " + why));
        }
    }

    /** The servlet context's errors: sendError from a servlet, and exceptions no servlet caught. */
    static final class ContextHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ContextHandler() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            // Jetty writes a body for GET, POST and HEAD only; DELETE /mcp errors need one too.
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(new String(body(fromJetty(code, message, request, cause)), StandardCharsets.UTF_8));
        }
    }
}
