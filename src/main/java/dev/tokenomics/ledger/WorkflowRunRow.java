package dev.tokenomics.ledger;

/** What a workflow run's telemetry says of the run itself: its status and its own token total. */
public record WorkflowRunRow(String runId, String workflow, String status, long totalTokens, String path) {
    public WorkflowRunRow {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is required");
        }
        if (totalTokens < 0) {
            throw new IllegalArgumentException("totalTokens must be >= 0, got " + totalTokens);
        }
    }
}
