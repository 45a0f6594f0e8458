package dev.tokenomics.ledger;

import java.time.Instant;

/**
 * A commit, pull request, release or other ref with the lines it changed. Events carry refs by
 * {@code (ref_type, ref_id)}; the report divides their cost by {@link #loc()}.
 */
public record Ref(String refType, String refId, String repo, String title, long locAdded, long locRemoved,
        Instant mergedAt, String source) {
    public static final int MAX_TITLE_LENGTH = 1_000;

    public Ref {
        refType = EventInput.text("ref_type", refType, EventInput.MAX_ID_LENGTH);
        refId = EventInput.text("ref_id", refId, EventInput.MAX_ID_LENGTH);
        if (refType == null) {
            throw new IllegalArgumentException("ref_type is required, e.g. commit or pr");
        }
        if (refId == null) {
            throw new IllegalArgumentException("ref_id is required, e.g. a commit SHA or a PR number");
        }
        repo = EventInput.text("repo", repo, EventInput.MAX_ID_LENGTH);
        title = EventInput.text("title", title, MAX_TITLE_LENGTH);
        if (locAdded < 0) {
            throw new IllegalArgumentException("loc_added must be >= 0, got " + locAdded);
        }
        if (locRemoved < 0) {
            throw new IllegalArgumentException("loc_removed must be >= 0, got " + locRemoved);
        }
        source = source == null ? "manual" : source;
    }

    /** Lines changed: added plus removed, the divisor of cost per LOC. */
    public long loc() {
        return locAdded + locRemoved;
    }

    /** The join key events use. */
    public Key key() {
        return new Key(refType, refId);
    }

    public record Key(String refType, String refId) {
        @Override
        public String toString() {
            return refType + ":" + refId;
        }
    }
}
