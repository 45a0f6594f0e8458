package dev.tokenomics.ledger;

import java.time.Instant;

/**
 * A status change to record. {@code event} is the token event to record with it, or null when
 * the caller gave no token counts; its task_id is set to this task. {@code at}: when the change
 * happened, for rebuilding the history of past work (null: now).
 */
public record TaskUpdate(String taskId, String status, String note, String title, String workstream,
        String repo, String sessionId, EventInput event, Instant at) {

    /** A change happening now. */
    public TaskUpdate(String taskId, String status, String note, String title, String workstream, String repo,
            String sessionId, EventInput event) {
        this(taskId, status, note, title, workstream, repo, sessionId, event, null);
    }

    public TaskUpdate {
        taskId = EventInput.text("task_id", taskId, EventInput.MAX_ID_LENGTH);
        if (taskId == null) {
            throw new IllegalArgumentException("task_id is required");
        }
        Task.checkStatus(status);
        note = EventInput.text("note", note, EventInput.MAX_NOTE_LENGTH);
        title = EventInput.text("title", title, 1_000);
        workstream = EventInput.text("workstream", workstream, EventInput.MAX_ID_LENGTH);
        repo = EventInput.text("repo", repo, EventInput.MAX_ID_LENGTH);
        sessionId = EventInput.text("session_id", sessionId, EventInput.MAX_ID_LENGTH);
        if (at != null) {
            Times.checkInstant("ts", at, at.toString());
        }
    }
}
