package dev.tokenomics.text;

import java.math.BigDecimal;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: records end in CRLF; a field holding a comma, a double quote, a CR or
 * an LF is enclosed in double quotes, and a double quote inside it is doubled (section 2, rules 5-7).
 * A field starting with '#' is quoted too, so that a reader that takes '#' lines as comments (the
 * report's blocks are named on such lines) never mistakes a value for one. Stored text passes
 * {@link Visible#text} first: a line break inside a note stays a line break, inside quotes; ESC and
 * the other control characters become visible escapes, as in every other text we print.
 *
 * <p>Written here rather than taken from a library: Apache Commons CSV, the one we would take, is
 * not among the build's dependencies, and quoting is these few lines. The tests read our output
 * back with Commons CSV's parser (a test dependency only).
 */
public final class Csv {
    static final String CRLF = "\r\n";

    private final StringBuilder out = new StringBuilder();

    private Csv() {}

    public static Csv create() {
        return new Csv();
    }

    /** A '#' line: the report names each of its CSV blocks with one ({@code # stage}). */
    public Csv comment(String text) {
        out.append("# ").append(Visible.cell(text)).append(CRLF);
        return this;
    }

    /** An empty line, between blocks. */
    public Csv blank() {
        out.append(CRLF);
        return this;
    }

    public Csv row(List<?> cells) {
        if (cells.size() == 1 && field(cells.get(0)).isEmpty()) {
            // One empty field alone would be an empty line, which readers skip: quoted, it is a record.
            out.append("\"\"").append(CRLF);
            return this;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append(CRLF);
        return this;
    }

    public boolean isEmpty() {
        return out.isEmpty();
    }

    public String render() {
        return out.toString();
    }

    /**
     * One value as a field: null is the empty field (an unpriced cost is empty, never 0), a number in
     * plain digits (no exponent, no grouping), true/false, and text quoted when it must be.
     */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // The shortest decimal that reads back as the same double, without 1.0E-5's exponent.
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                    : quote(value.toString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(Visible.text(value.toString()));
    }

    static String quote(String s) {
        boolean needs = s.startsWith("#");
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
