package dev.tokenomics.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a summary adds up: one task, workstream, repo, commit, release, session, model, agent, machine, or all. */
public enum Scope {
    TASK, WORKSTREAM, REPO, COMMIT, RELEASE, SESSION, MODEL, AGENT, MACHINE, ALL;

    public static final String NAMES = Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text) {
        for (Scope s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope must be one of " + NAMES + "; got " + Times.quote(text));
    }

    /** The filter that selects this scope's events for {@code id} (ignored for ALL). */
    public EventFilter filter(String id) {
        return switch (this) {
            case TASK -> new EventFilter(id, null, null, null, null, null, null, null, null, null, null);
            case WORKSTREAM -> new EventFilter(null, id, null, null, null, null, null, null, null, null, null);
            case REPO -> new EventFilter(null, null, id, null, null, null, null, null, null, null, null);
            case COMMIT -> new EventFilter(null, null, null, "commit", id, null, null, null, null, null, null);
            case RELEASE -> new EventFilter(null, null, null, "release", id, null, null, null, null, null, null);
            case SESSION -> new EventFilter(null, null, null, null, null, null, null, id, null, null, null);
            case MODEL -> new EventFilter(null, null, null, null, null, id, null, null, null, null, null);
            case AGENT -> new EventFilter(null, null, null, null, null, null, id, null, null, null, null);
            case MACHINE -> new EventFilter(null, null, null, null, null, null, null, null, null, null, null, id);
            case ALL -> EventFilter.ALL;
        };
    }
}
