package dev.tokenomics.ledger;

import java.util.List;

/**
 * A task with its status history (oldest first), its self-reported token summary, and what
 * imported transcripts measured for it ({@code measured} null when no session can be matched);
 * {@code task} is null for a task id known only from events.
 */
public record TaskView(String taskId, Task task, List<StatusChange> history, Summary summary, MeasuredUsage measured) {

    /** A self-report marked as a lower bound gives way to a measurement of the same work. */
    public boolean selfReportSuperseded() {
        return measured != null && summary.totals().lowerBoundEvents() > 0;
    }
}
