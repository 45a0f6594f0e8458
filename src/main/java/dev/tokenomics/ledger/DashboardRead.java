package dev.tokenomics.ledger;

import java.util.List;
import java.util.Map;

/**
 * The window's spend: {@code days} the global scope per UTC day (YYYY-MM-DD, only days with
 * events), {@code scopes} each broad scope's ids (repo, workstream, agent, model) with their sums,
 * largest first by cost then tokens; events without the scope's column are in no id.
 */
public record DashboardRead(Map<String, Sums> days, Map<String, Map<String, Sums>> scopes, List<TaskSums> topTasks) {
    /** Sums over events; cost over the priced ones only. */
    public record Sums(long events, long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
            long costNanos, long unpricedEvents, long lowerBoundEvents) {
        public static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0, 0, 0);

        public long totalTokens() {
            return inputTokens + outputTokens + cacheWriteTokens + cacheReadTokens;
        }

        public Sums plus(Sums o) {
            return new Sums(events + o.events, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                    cacheWriteTokens + o.cacheWriteTokens, cacheReadTokens + o.cacheReadTokens, costNanos + o.costNanos,
                    unpricedEvents + o.unpricedEvents, lowerBoundEvents + o.lowerBoundEvents);
        }

        public Sums minus(Sums o) {
            return new Sums(events - o.events, inputTokens - o.inputTokens, outputTokens - o.outputTokens,
                    cacheWriteTokens - o.cacheWriteTokens, cacheReadTokens - o.cacheReadTokens,
                    costNanos - o.costNanos, unpricedEvents - o.unpricedEvents, lowerBoundEvents - o.lowerBoundEvents);
        }
    }

    /** One task's complete records in the window, with its status and title when the task is known. */
    public record TaskSums(String taskId, long records, long tokens, long costNanos, long unpricedRecords,
            String status, String title) {}
}
