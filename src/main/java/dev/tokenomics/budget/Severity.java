package dev.tokenomics.budget;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much an insight finding matters; the largest decides `insights --fail-on`. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public static final String NAMES = Arrays.stream(values()).map(Severity::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String field, String text) {
        for (Severity s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + NAMES + "; got " + Texts.quote(text));
    }
}
