package dev.tokenomics.ledger;

import java.time.Instant;

/** One entry of a task's status history; {@code fromStatus} is null when the change created the task. */
public record StatusChange(long id, String taskId, String fromStatus, String toStatus, String note,
        String sessionId, Long eventId, Instant ts) {}
