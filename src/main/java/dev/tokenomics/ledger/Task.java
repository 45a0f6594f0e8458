package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.List;

/** A unit of work, named by the caller (e.g. CUST-WP-0029-T01). */
public record Task(String taskId, String title, String status, String workstream, String repo,
        Instant createdAt, Instant updatedAt) {

    public static final List<String> STATUSES = List.of("todo", "in_progress", "blocked", "done", "cancelled");

    public static String checkStatus(String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + String.join(", ", STATUSES)
                    + "; got " + Times.quote(status));
        }
        return status;
    }
}
