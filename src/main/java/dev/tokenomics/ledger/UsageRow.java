package dev.tokenomics.ledger;

import java.time.Instant;

/**
 * Imported transcript usage of one model in one time slot (an hour, a minute, or one entry):
 * what the usage views add up. {@code key} is a session id in per-session rows, else null;
 * {@code source} is the agent ({@link Sources#agentOf}).
 */
public record UsageRow(Instant slot, String key, String model, String source, long records, long inputTokens, long outputTokens,
        long cacheWrite5mTokens, long cacheWrite1hTokens, long cacheReadTokens, long costNanos, long unpricedRecords,
        Instant first, Instant last) {
    public long totalTokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }
}
