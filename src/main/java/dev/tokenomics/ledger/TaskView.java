package dev.tokenomics.ledger;

import java.util.List;

/** A task with its status history (oldest first) and token summary; {@code task} is null for a task id known only from events. */
public record TaskView(String taskId, Task task, List<StatusChange> history, Summary summary) {}
