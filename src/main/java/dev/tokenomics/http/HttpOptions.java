package dev.tokenomics.http;

import java.util.ArrayList;
import java.util.List;

/**
 * How to serve HTTP. Loopback by default: the ledger is personal data and the server has no
 * accounts. Browser pages from localhost origins may call it; others only when named. Requests
 * must name this machine in their Host header (localhost, 127.x, [::1]), the bound host, or a
 * host given with {@code --allow-host}.
 */
public record HttpOptions(String host, int port, String authToken, List<String> extraOrigins,
        List<String> extraHosts) {
    public static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");

    public HttpOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            host = "127.0.0.1";
        }
        if (authToken != null && authToken.isBlank()) {
            throw new IllegalArgumentException("auth token must not be blank (give a real one, or none)");
        }
        extraOrigins = extraOrigins == null ? List.of() : List.copyOf(extraOrigins);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        for (String h : extraHosts) {
            HostCheck.checkPattern(h);
        }
    }

    public HttpOptions(String host, int port, String authToken, List<String> extraOrigins) {
        this(host, port, authToken, extraOrigins, List.of());
    }

    public List<String> allowedOrigins() {
        List<String> all = new ArrayList<>(LOCAL_ORIGINS);
        all.addAll(extraOrigins);
        return all;
    }

    /** True when {@link #host()} is a loopback address or name, reachable from this machine only. */
    public boolean loopbackOnly() {
        return HostCheck.isLoopback(host);
    }
}
