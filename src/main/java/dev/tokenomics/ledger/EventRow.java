package dev.tokenomics.ledger;

/**
 * One token_events row as stored: times as ledger text, money in nano-dollars. The writer inserts
 * these and adds them to the rollups; a row read back for a replacement or a delete carries only
 * the columns the rollups group or sum by (the others null).
 */
record EventRow(
        String recordKey,
        String ts,
        String tsStart,
        String tsEnd,
        Long durationMs,
        String sessionId,
        String taskId,
        String workstream,
        String repo,
        String agent,
        String model,
        String stage,
        String role,
        String structure,
        String lane,
        String refType,
        String refId,
        long inputTokens,
        long outputTokens,
        long cacheCreationTokens,
        long cacheCreation1hTokens,
        long cacheReadTokens,
        Long reportedCostNanos,
        Long costNanos,
        String priceVersion,
        boolean usageComplete,
        String source,
        String status,
        String note,
        String createdAt,
        String speed,
        String machine) {

    /** A row without a machine (one the writer then stamps with its own). */
    EventRow(String recordKey, String ts, String tsStart, String tsEnd, Long durationMs, String sessionId,
            String taskId, String workstream, String repo, String agent, String model, String stage, String role,
            String structure, String lane, String refType, String refId, long inputTokens, long outputTokens,
            long cacheCreationTokens, long cacheCreation1hTokens, long cacheReadTokens, Long reportedCostNanos,
            Long costNanos, String priceVersion, boolean usageComplete, String source, String status, String note,
            String createdAt, String speed) {
        this(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo, agent, model, stage, role,
                structure, lane, refType, refId, inputTokens, outputTokens, cacheCreationTokens, cacheCreation1hTokens,
                cacheReadTokens, reportedCostNanos, costNanos, priceVersion, usageComplete, source, status, note,
                createdAt, speed, null);
    }

    /** A row without a speed. */
    EventRow(String recordKey, String ts, String tsStart, String tsEnd, Long durationMs, String sessionId,
            String taskId, String workstream, String repo, String agent, String model, String stage, String role,
            String structure, String lane, String refType, String refId, long inputTokens, long outputTokens,
            long cacheCreationTokens, long cacheCreation1hTokens, long cacheReadTokens, Long reportedCostNanos,
            Long costNanos, String priceVersion, boolean usageComplete, String source, String status, String note,
            String createdAt) {
        this(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo, agent, model, stage, role,
                structure, lane, refType, refId, inputTokens, outputTokens, cacheCreationTokens, cacheCreation1hTokens,
                cacheReadTokens, reportedCostNanos, costNanos, priceVersion, usageComplete, source, status, note,
                createdAt, null);
    }

    /** This row with another cost and the table that computed it: a reprice. */
    EventRow withCost(Long newCostNanos, String newPriceVersion) {
        return new EventRow(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo, agent,
                model, stage, role, structure, lane, refType, refId, inputTokens, outputTokens, cacheCreationTokens,
                cacheCreation1hTokens, cacheReadTokens, reportedCostNanos, newCostNanos, newPriceVersion,
                usageComplete, source, status, note, createdAt, speed, machine);
    }

    /** The UTC hour cell of this row: 'YYYY-MM-DDTHH', as substr(ts, 1, 13) in SQL. */
    String hour() {
        return ts.substring(0, 13);
    }

    /**
     * The UTC hour the work started, the report cells' key: ts_start's, or ts's when it has none or
     * a later one (ReportQueries.START says the same in SQL; stored times compare as text).
     */
    String startHour() {
        return tsStart != null && tsStart.compareTo(ts) < 0 ? tsStart.substring(0, 13) : hour();
    }

    long tokens() {
        return inputTokens + outputTokens + cacheCreationTokens + cacheCreation1hTokens + cacheReadTokens;
    }
}
