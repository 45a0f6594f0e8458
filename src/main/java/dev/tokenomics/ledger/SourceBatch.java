package dev.tokenomics.ledger;

import java.util.List;

/**
 * New complete lines of one file of an agent source, turned into events, with the cursor to store
 * once they are in: events and cursor commit in one transaction, so an import killed at any moment
 * resumes with no duplicate and no gap. Every event has a record key that the source derives from
 * what it describes, so the same usage read twice (a file copied into two folders) is stored once.
 * {@code replace}: a key already stored takes the new event (a file that is rewritten whole, such as
 * a workflow run's telemetry); otherwise it is a copy, counted and left. {@code run}: the workflow
 * run the file describes, or null.
 */
public record SourceBatch(ImportCursor cursorAfter, List<EventInput> events, boolean replace, WorkflowRunRow run) {
    public SourceBatch {
        events = List.copyOf(events);
        for (EventInput e : events) {
            if (e.recordKey() == null) {
                throw new IllegalArgumentException("record_key is required for imported events (source "
                        + cursorAfter.source() + ", file " + cursorAfter.path() + ")");
            }
        }
    }

    /** Events that are never rewritten, and no run. */
    public SourceBatch(ImportCursor cursorAfter, List<EventInput> events) {
        this(cursorAfter, events, false, null);
    }

    /** What writing a batch did: new events, replaced ones, and copies of stored ones (left as they were). */
    public record Outcome(long added, long replaced, long duplicates) {
        public static final Outcome NONE = new Outcome(0, 0, 0);

        public Outcome plus(Outcome o) {
            return new Outcome(added + o.added, replaced + o.replaced, duplicates + o.duplicates);
        }
    }
}
