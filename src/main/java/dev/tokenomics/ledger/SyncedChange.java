package dev.tokenomics.ledger;

import java.time.Instant;

/**
 * One task status change as a sync push carries it: the change with the task's own fields (so a
 * hub that has not seen the task yet can create it), and the record_key of the token event
 * recorded with it (the hub has that event under its machine-prefixed key). {@code id} is the
 * change's id on the machine that made it: with the machine, what makes a re-push a no-op.
 */
public record SyncedChange(long id, String taskId, String fromStatus, String toStatus, String note, String sessionId,
        String eventRecordKey, Instant ts, String title, String workstream, String repo) {
    public SyncedChange {
        taskId = EventInput.text("task_id", taskId, EventInput.MAX_ID_LENGTH);
        if (taskId == null) {
            throw new IllegalArgumentException("task_id is required");
        }
        try {
            Task.checkStatus(toStatus);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to_" + e.getMessage());
        }
        if (fromStatus != null) {
            try {
                Task.checkStatus(fromStatus);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("from_" + e.getMessage());
            }
        }
        note = EventInput.text("note", note, EventInput.MAX_NOTE_LENGTH);
        title = EventInput.text("title", title, 1_000);
        workstream = EventInput.text("workstream", workstream, EventInput.MAX_ID_LENGTH);
        repo = EventInput.text("repo", repo, EventInput.MAX_ID_LENGTH);
        sessionId = EventInput.text("session_id", sessionId, EventInput.MAX_ID_LENGTH);
        if (ts == null) {
            throw new IllegalArgumentException("ts is required");
        }
        if (id < 1) {
            throw new IllegalArgumentException("id must be a whole number >= 1, got " + id);
        }
    }
}
