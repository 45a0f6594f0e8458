package dev.tokenomics.ledger;

import java.util.List;

/**
 * New complete lines of one file of an agent source, turned into events, with the cursor to store
 * once they are in: events and cursor commit in one transaction, so an import killed at any moment
 * resumes with no duplicate and no gap. Every event has a record key that the source derives from
 * what it describes, so the same usage read twice (a file copied into two folders) is stored once.
 */
public record SourceBatch(ImportCursor cursorAfter, List<EventInput> events) {
    public SourceBatch {
        events = List.copyOf(events);
        for (EventInput e : events) {
            if (e.recordKey() == null) {
                throw new IllegalArgumentException("record_key is required for imported events (source "
                        + cursorAfter.source() + ", file " + cursorAfter.path() + ")");
            }
        }
    }

    /** What writing a batch did: new events, and events whose key was already stored (left as they were). */
    public record Outcome(long added, long duplicates) {
        public static final Outcome NONE = new Outcome(0, 0);

        public Outcome plus(Outcome o) {
            return new Outcome(added + o.added, duplicates + o.duplicates);
        }
    }
}
