package dev.tokenomics.text;

/**
 * Stored text made safe to print: a task id, note or model name may hold ESC or other control
 * characters, and printed raw they would drive the reader's terminal (colour, cursor moves, a
 * cleared screen) or hide text. Each becomes a visible escape ({@code \e}, {@code \n},
 * {@code \u0007}); JSON keeps the stored value, escaped by JSON itself. Bidirectional overrides
 * count too: they reorder what a reader sees ("Trojan Source", CVE-2021-42574).
 */
public final class Visible {
    private Visible() {}

    /** For one cell or value: every control character escaped, line breaks included. */
    public static String cell(String s) {
        return escape(s, false);
    }

    /** For a whole text: the same, but its line breaks stay line breaks. */
    public static String text(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c, keepNewlines)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case 0x1b -> out.append("\\e");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c, boolean keepNewlines) {
        if (c == '\n') {
            return !keepNewlines;
        }
        return Character.isISOControl(c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
