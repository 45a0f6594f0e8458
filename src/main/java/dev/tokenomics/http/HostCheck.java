package dev.tokenomics.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names a request may give in its Host header.
 *
 * <p>Why: a page on evil.example can make the browser resolve evil.example to 127.0.0.1 (DNS
 * rebinding) and then call this server "same-origin", with no Origin header to refuse. The Host
 * header still says evil.example, so the MCP transport spec's advice (basic/transports, "Security
 * Warning": validate Origin, bind to localhost) is completed by refusing Host names that are not
 * this machine's. Allowed: localhost, any 127.x.y.z, [::1], the host the server was bound to when
 * it is a real name or address, and each {@code --allow-host} (exact, or {@code *.example.com} for
 * any name under example.com). Case does not matter; a port does not matter.
 */
final class HostCheck {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");
    private static final List<String> ALWAYS = List.of("localhost", "[::1]");

    private final List<String> allowed;

    private HostCheck(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    static HostCheck of(HttpOptions options) {
        List<String> names = new ArrayList<>(ALWAYS);
        String bound = normalize(options.host());
        // 0.0.0.0 and :: are "every address", not names a client should send: a browser page that
        // reaches 0.0.0.0 reaches this machine, which is the very case this check guards against.
        if (!bound.equals("0.0.0.0") && !bound.equals("[::]") && !bound.equals("[0:0:0:0:0:0:0:0]")) {
            names.add(bound);
        }
        for (String h : options.extraHosts()) {
            names.add(normalize(h));
        }
        return new HostCheck(names);
    }

    /** True for a Host header value (with or without port) that names an allowed host. */
    boolean allows(String hostHeader) {
        String name = hostOnly(hostHeader);
        if (name == null) {
            return false;
        }
        if (LOOPBACK_V4.matcher(name).matches()) {
            return true;
        }
        for (String a : allowed) {
            if (a.equals(name) || a.startsWith("*.") && name.endsWith(a.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** The names accepted, for the 403 message. */
    String describe() {
        List<String> shown = new ArrayList<>(List.of("localhost", "127.0.0.1 (any 127.x)", "[::1]"));
        for (String a : allowed) {
            if (!ALWAYS.contains(a) && !a.equals("127.0.0.1")) {
                shown.add(a);
            }
        }
        return String.join(", ", shown);
    }

    /** The host part of a Host header, lower case, IPv6 in brackets; null when it is malformed. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = h.substring(0, end + 1);
            port = h.substring(end + 1);
        } else {
            int colon = h.indexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon);
        }
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
            return null;
        }
        // "localhost." is the same name as "localhost" (a fully qualified name's trailing dot).
        if (host.endsWith(".") && host.length() > 1) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }

    /** Checks an --allow-host value: a host name, an IP address, or *.domain; no scheme, no port. */
    static void checkPattern(String pattern) {
        String p = pattern == null ? "" : normalize(pattern);
        boolean ok = NAME.matcher(p).matches() && !p.equals("*") || IPV6.matcher(p).matches();
        if (!ok) {
            throw new IllegalArgumentException("--allow-host must be a host name, an IP address or *.domain "
                    + "(no scheme, no port), got '" + pattern + "'");
        }
    }

    static boolean isLoopback(String host) {
        String h = normalize(host);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]")
                || LOOPBACK_V4.matcher(h).matches();
    }

    /** Lower case, IPv6 addresses in brackets as a Host header writes them. */
    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
