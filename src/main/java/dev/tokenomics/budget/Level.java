package dev.tokenomics.budget;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How far into its budget a scope is: below the first threshold ok, then one level per threshold crossed. */
public enum Level {
    OK, INFO, WARNING, CRITICAL, HARD_STOP;

    public static final String NAMES = Arrays.stream(values()).map(Level::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0 for ok up to 4 for hard_stop: what the ledger stores as the last announced level. */
    public int rank() {
        return ordinal();
    }

    public static Level ofRank(int rank) {
        if (rank < 0 || rank >= values().length) {
            throw new IllegalArgumentException("level rank must be 0.." + (values().length - 1) + ", got " + rank);
        }
        return values()[rank];
    }

    public boolean atLeast(Level other) {
        return ordinal() >= other.ordinal();
    }

    public static Level max(Level a, Level b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public static Level parse(String field, String text) {
        for (Level l : values()) {
            if (l.wireName().equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + NAMES + "; got " + Texts.quote(text));
    }
}
