package dev.tokenomics.ledger;

/** What update_task_status did: the task after it, the history entry, and the event if one was recorded. */
public record TaskUpdateResult(Task task, boolean created, StatusChange change, RecordedEvent event) {}
