package dev.tokenomics.ledger;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a ledger lives: a SQLite file (any path) or a PostgreSQL database (a URL). What {@code --db}
 * and {@code TOKENOMICS_DB} take.
 *
 * <p>Both URL forms people paste are read: libpq's {@code postgresql://user[:password]@host[:port]/db?k=v}
 * (also {@code postgres://}) and pgJDBC's {@code jdbc:postgresql://host[:port]/db?user=..&password=..}.
 * The password never appears in {@link #display}, which is what messages print.
 */
public record LedgerLocation(Path file, String jdbcUrl, String user, String password, String display) {

    /** A SQLite ledger file. */
    public static LedgerLocation sqlite(Path file) {
        Path absolute = file.toAbsolutePath();
        return new LedgerLocation(absolute, null, null, null, absolute.toString());
    }

    public boolean isPostgres() {
        return jdbcUrl != null;
    }

    Dialect dialect() {
        return isPostgres() ? Dialect.POSTGRES : Dialect.SQLITE;
    }

    /** True when {@code text} is meant as a PostgreSQL URL rather than a file path. */
    public static boolean looksLikeUrl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("postgresql://") || t.startsWith("postgres://") || t.startsWith("jdbc:postgresql:");
    }

    /**
     * Reads {@code text} as a PostgreSQL URL when it starts like one, else as a file path. A URL it
     * cannot read fails with what is wrong in it (the password masked).
     */
    public static LedgerLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("db must be a ledger file path or a postgresql:// URL, got an empty value");
        }
        if (!looksLikeUrl(text)) {
            try {
                return sqlite(Path.of(text));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("db " + Times.quote(text) + " is not a usable file path: "
                        + e.getReason(), e);
            }
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return fromJdbc(t);
        }
        return fromLibpq(t);
    }

    private static LedgerLocation fromLibpq(String t) {
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw bad(t, "it is not a URL (" + e.getReason() + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw bad(t, "it names no host; the form is postgresql://user[:password]@host[:port]/dbname");
        }
        String db = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (db.isBlank()) {
            throw bad(t, "it names no database; the form is postgresql://user[:password]@host[:port]/dbname");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        Map<String, String> query = query(uri.getRawQuery());
        if (query.containsKey("user")) {
            user = query.remove("user");
        }
        if (query.containsKey("password")) {
            password = query.remove("password");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host);
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(db);
        appendQuery(jdbc, query);
        return new LedgerLocation(null, jdbc.toString(), user, password, display(jdbc.toString(), user));
    }

    private static LedgerLocation fromJdbc(String t) {
        int q = t.indexOf('?');
        String base = q < 0 ? t : t.substring(0, q);
        if (!base.matches("(?i)jdbc:postgresql://[^/]+/[^/?]+")) {
            throw bad(t, "the form is jdbc:postgresql://host[:port]/dbname[?user=...&password=...]");
        }
        Map<String, String> query = query(q < 0 ? null : t.substring(q + 1));
        String user = query.remove("user");
        String password = query.remove("password");
        StringBuilder jdbc = new StringBuilder(base);
        appendQuery(jdbc, query);
        return new LedgerLocation(null, jdbc.toString(), user, password, display(jdbc.toString(), user));
    }

    private static String display(String jdbc, String user) {
        return jdbc.replaceFirst("^jdbc:", "").replaceFirst("^postgresql://", "postgresql://"
                + (user == null ? "" : user + "@"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static void appendQuery(StringBuilder jdbc, Map<String, String> query) {
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            jdbc.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("db " + Times.quote(masked(url)) + " is not a PostgreSQL URL I can use: " + why);
    }

    /** The URL with any password replaced by ***, for messages. */
    static String masked(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return display;
    }
}
