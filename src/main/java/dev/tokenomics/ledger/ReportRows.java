package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the ledger hands the report: grouped sums and the few per-event values that cannot be
 * summed (durations for medians, intervals for the sweep). Parts not asked for are empty.
 */
public record ReportRows(List<DimRow> dims, List<DurationRow> durations, List<TaskRefRow> taskRefs, List<DayRow> days, Spans spans,
        List<StatusRow> statusHistory, Map<Ref.Key, Ref> refs, Instant prunedBefore, Overlap overlap,
        long startlessLeftOut) {

    /**
     * Sessions that were both self-reported and measured (imported) in the window: the self-reported
     * events' sums by dimension, and the measured events' complete-record sums in the same sessions.
     */
    public record Overlap(long sessions, List<DimRow> selfReported, long measuredRecords, long measuredTokens,
            long measuredCostNanos, long measuredUnpriced) {
        public static final Overlap NONE = new Overlap(0, List.of(), 0, 0, 0, 0);
    }

    /**
     * Sums of the events sharing stage, structure, role, model, completeness, status and source
     * (nulls kept): the source tells self-reported counts from transcript measurements;
     * {@code unstartedRecords} had no ts_start and sit in the window by their ts.
     */
    public record DimRow(String stage, String structure, String role, String model, boolean complete, String status,
            String source, long records, long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
            long cacheReadTokens, long costNanos, long unpricedRecords, long unstartedRecords) {
        public long tokens() {
            return inputTokens + outputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
        }
    }

    /** Every duration_ms of the events sharing stage, structure and completeness, for medians. */
    public record DurationRow(String stage, String structure, boolean complete, long[] durationsMs) {}

    /** Complete-record sums of the events sharing task, lane and ref (nulls kept), tokens also by bucket. */
    public record TaskRefRow(String taskId, String lane, String refType, String refId, long records, long tokens,
            long costNanos, long unpricedRecords, Instant lastTs, long inputTokens, long outputTokens,
            long cacheWrite5mTokens, long cacheWrite1hTokens, long cacheReadTokens) {}

    /** Complete-record sums of day {@code index} of the query's days. */
    public record DayRow(int index, long records, long tokens, long costNanos, long unpricedRecords) {}

    /**
     * Intervals of the events with ts_start before ts_end, as epoch milliseconds (unsorted, aligned
     * by index), and how many events in the window had no such interval (point-in-time records).
     */
    public record Spans(long[] startsMs, long[] endsMs, long pointInTime) {
        public static final Spans EMPTY = new Spans(new long[0], new long[0], 0);
    }

    /** One status change of a task that reached done in the window. */
    public record StatusRow(String taskId, String toStatus, Instant ts) {}
}
