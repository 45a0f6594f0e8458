package dev.tokenomics.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The Host, Origin and bearer-token checks in front of every HTTP path.
 *
 * <p>Host first: a request naming another host in its Host header gets 403 (see {@link HostCheck}
 * for why: DNS rebinding sends no Origin). A request with no Host header at all is HTTP/1.0 (Jetty
 * answers 400 to an HTTP/1.1 one), which no browser sends, so it passes to the checks below.
 *
 * <p>The MCP transport spec (basic/transports, "Security Warning") says servers MUST validate the
 * Origin header to stop DNS-rebinding attacks from a browser page: a request whose Origin is not
 * on the allowed list gets 403. A request with no Origin is not from a browser page and passes.
 * With a token configured, every request must carry {@code Authorization: Bearer <token>} or gets
 * 401; the comparison takes the same time whatever the guess.
 */
final class AccessFilter implements Filter {
    private final HostCheck hosts;
    private final List<String> allowedOrigins;
    private final byte[] expectedAuthorization;

    AccessFilter(HostCheck hosts, List<String> allowedOrigins, String authToken) {
        this.hosts = hosts;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.expectedAuthorization = authToken == null ? null
                : ("Bearer " + authToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String host = request.getHeader("Host");
        if (host != null && !hosts.allows(host)) {
            String name = HostCheck.hostOnly(host);
            deny(request, response, 403, "host " + host + " is not allowed; allowed: " + hosts.describe()
                    + (name == null ? "" : " (add one with --allow-host " + name + ")"));
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isBlank() && !originAllowed(allowedOrigins, origin)) {
            deny(request, response, 403, "origin " + origin + " is not allowed; allowed: "
                    + String.join(", ", allowedOrigins) + " (add one with --allow-origin)");
            return;
        }
        // The page and its assets hold no data: a browser loads them without the token and then
        // sends it (from the URL's #token=...) to /api/*, which stays guarded like /mcp.
        boolean publicAsset = "GET".equals(request.getMethod())
                && DashboardServlet.ASSETS.containsKey(request.getRequestURI());
        if (expectedAuthorization != null && !publicAsset) {
            String auth = request.getHeader("Authorization");
            byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, expectedAuthorization)) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"tokenomics\"");
                deny(request, response, 401, auth == null ? "missing Authorization: Bearer <token> header"
                        : "wrong bearer token");
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** Exact match, or a pattern ending in ":*" that matches any port of that scheme and host. */
    static boolean originAllowed(List<String> allowed, String origin) {
        for (String a : allowed) {
            if (a.equals(origin)) {
                return true;
            }
            if (a.endsWith(":*")) {
                String base = a.substring(0, a.length() - 2);
                if (origin.equals(base) || origin.startsWith(base + ":") && origin.substring(base.length() + 1).matches("[0-9]{1,5}")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A denied request's body is read, at most this much, before the answer goes out. */
    static final int DRAIN_LIMIT = 1 << 20;

    /**
     * Answers {@code status} after reading what is left of the request's body (up to DRAIN_LIMIT):
     * a reply sent while the client is still sending its body makes the server close on unread
     * bytes, and the TCP reset that follows can destroy the reply before the client reads it (the
     * client then sees no response at all, not the 401 that says why).
     */
    private static void deny(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        try {
            var in = request.getInputStream();
            byte[] buf = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away or sent a broken body: the answer below is still the right one.
        }
        JsonErrors.write(response, status, message);
    }
}
