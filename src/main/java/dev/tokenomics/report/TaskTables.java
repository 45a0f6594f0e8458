package dev.tokenomics.report;

import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.ReportRows.TaskRefRow;
import dev.tokenomics.report.ReportData.BreakevenTable;
import dev.tokenomics.report.ReportData.LaneRow;
import dev.tokenomics.report.ReportData.LaneTable;
import dev.tokenomics.report.ReportData.RefPoint;
import dev.tokenomics.report.ReportData.RefTrend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tables built from per-task, per-lane, per-ref sums of complete records: per-lane size, lane
 * breakeven and trend per ref, and the active LOC the bucket table divides by. A task's LOC is
 * the size of the distinct known refs its events carry; a task with none has no LOC (left out of
 * LOC medians and fits, never counted as zero).
 */
final class TaskTables {
    private final List<TaskRefRow> rows;
    private final Map<Ref.Key, Ref> refs;
    /** lane -> task -> its sums in that lane. */
    private final Map<String, Map<String, Task>> lanes = new TreeMap<>();
    private final Map<String, Long> laneRecords = new TreeMap<>();
    /** lane -> input, output, cache writes (5m + 1h), cache reads over all its records. */
    private final Map<String, long[]> laneBuckets = new TreeMap<>();

    /** One task's complete records in one lane. */
    private static final class Task {
        long records;
        long tokens;
        long costNanos;
        long unpriced;
        final Set<Ref.Key> refs = new HashSet<>();
    }

    TaskTables(List<TaskRefRow> rows, Map<Ref.Key, Ref> refs) {
        this.rows = rows;
        this.refs = refs;
        for (TaskRefRow r : rows) {
            String lane = TokenomicsReport.label(r.lane());
            laneRecords.merge(lane, r.records(), Long::sum);
            long[] b = laneBuckets.computeIfAbsent(lane, k -> new long[4]);
            b[0] += r.inputTokens();
            b[1] += r.outputTokens();
            b[2] += r.cacheWrite5mTokens() + r.cacheWrite1hTokens();
            b[3] += r.cacheReadTokens();
            if (r.taskId() == null) {
                continue;
            }
            Task t = lanes.computeIfAbsent(lane, k -> new TreeMap<>()).computeIfAbsent(r.taskId(), k -> new Task());
            t.records += r.records();
            t.tokens += r.tokens();
            t.costNanos += r.costNanos();
            t.unpriced += r.unpricedRecords();
            if (r.refId() != null) {
                t.refs.add(new Ref.Key(r.refType(), r.refId()));
            }
        }
    }

    /** Records, tokens (all buckets in one figure) and cost of every row, for the invariant check. */
    Sums sums() {
        long records = 0;
        long tokens = 0;
        long cost = 0;
        long unpriced = 0;
        for (TaskRefRow r : rows) {
            records += r.records();
            tokens += r.tokens();
            cost += r.costNanos();
            unpriced += r.unpricedRecords();
        }
        return new Sums(records, tokens, 0, 0, 0, 0, cost, unpriced);
    }

    /** LOC of the distinct known refs the window's complete records carry. */
    long activeLoc() {
        Set<Ref.Key> seen = new HashSet<>();
        long loc = 0;
        for (TaskRefRow r : rows) {
            if (r.refId() != null) {
                Ref.Key k = new Ref.Key(r.refType(), r.refId());
                Ref ref = refs.get(k);
                if (ref != null && seen.add(k)) {
                    loc += ref.loc();
                }
            }
        }
        return loc;
    }

    /** The task's LOC, or null when none of its refs has a known size. */
    private Long loc(Task t) {
        long loc = 0;
        boolean known = false;
        for (Ref.Key k : t.refs) {
            Ref ref = refs.get(k);
            if (ref != null) {
                loc += ref.loc();
                known = true;
            }
        }
        return known ? loc : null;
    }

    /** Per lane: tasks, records, cost, per-task medians; minutes from each task's in_progress -> done time. */
    LaneTable laneTable(Map<String, Long> latencyByTask) {
        List<LaneRow> out = new ArrayList<>();
        for (Map.Entry<String, Long> lane : laneRecords.entrySet()) {
            Map<String, Task> tasks = lanes.getOrDefault(lane.getKey(), Map.of());
            long[] tokens = new long[tasks.size()];
            long[] cost = new long[tasks.size()];
            List<Long> locs = new ArrayList<>();
            List<Long> minutes = new ArrayList<>();
            long laneCost = 0;
            int i = 0;
            for (Map.Entry<String, Task> e : tasks.entrySet()) {
                Task t = e.getValue();
                Long ms = latencyByTask.get(e.getKey());
                if (ms != null && ms > 0) {
                    minutes.add(ms);
                }
                tokens[i] = t.tokens;
                cost[i++] = t.costNanos;
                laneCost += t.costNanos;
                Long loc = loc(t);
                if (loc != null) {
                    locs.add(loc);
                }
            }
            long[] b = laneBuckets.get(lane.getKey());
            long n = lane.getValue();
            out.add(new LaneRow(lane.getKey(), tasks.size(), n, laneCost,
                    Num.oneDecimal(Stats.median(tokens)), Num.nanos(Stats.median(cost)),
                    Num.oneDecimal(Stats.median(locs.stream().mapToLong(Long::longValue).toArray())), locs.size(),
                    Num.minutes(Stats.median(minutes.stream().mapToLong(Long::longValue).toArray())), minutes.size(),
                    Num.per(b[0], n), Num.per(b[1], n), Num.per(b[2], n), Num.per(b[3], n)));
        }
        return new LaneTable(out);
    }

    /** The {@code n} costliest tasks (a task in two lanes counts once per lane), by cost then tokens. */
    List<ReportData.TaskCost> topTasks(int n) {
        List<ReportData.TaskCost> out = new ArrayList<>();
        lanes.forEach((lane, tasks) -> tasks.forEach((id, t) -> out.add(new ReportData.TaskCost(id, lane, t.records,
                t.tokens, t.costNanos, t.unpriced))));
        out.sort(Comparator.comparingLong(ReportData.TaskCost::costNanos).reversed()
                .thenComparing(Comparator.comparingLong(ReportData.TaskCost::tokens).reversed())
                .thenComparing(ReportData.TaskCost::taskId));
        return out.subList(0, Math.min(n, out.size()));
    }

    /** The lane breakeven between two lanes (default: highest and lowest median cost per task); see {@link LaneBreakeven}. */
    BreakevenTable breakeven(String fromLane, String toLane) {
        String from = fromLane;
        String to = toLane;
        if (from == null || to == null) {
            List<String> ranked = lanes.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .sorted(Comparator.comparing((Map.Entry<String, Map<String, Task>> e) -> -medianCost(e.getValue()))
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).toList();
            if (from == null && to == null) {
                from = ranked.isEmpty() ? null : ranked.get(0);
                to = ranked.size() < 2 ? null : ranked.get(ranked.size() - 1);
            } else if (from == null) {
                final String t = to;
                from = ranked.stream().filter(l -> !l.equals(t)).findFirst().orElse(null);
            } else {
                final String f = from;
                to = ranked.stream().filter(l -> !l.equals(f)).reduce((a, b) -> b).orElse(null);
            }
        }
        if (from == null || to == null) {
            return empty(from, to, "not enough data: needs tasks in two lanes; the window has "
                    + lanes.values().stream().filter(m -> !m.isEmpty()).count() + " lane(s) with tasks");
        }
        return LaneBreakeven.of(from, to, sized(lanes.getOrDefault(from, Map.of())),
                sized(lanes.getOrDefault(to, Map.of())));
    }

    private static BreakevenTable empty(String from, String to, String note) {
        return new BreakevenTable(from, to, null, null, null, note, List.of(), List.of(), List.of(), null);
    }

    private static double medianCost(Map<String, Task> tasks) {
        return Stats.median(tasks.values().stream().mapToLong(t -> t.costNanos).toArray()).orElse(0);
    }

    private List<LaneBreakeven.SizedTask> sized(Map<String, Task> tasks) {
        List<LaneBreakeven.SizedTask> out = new ArrayList<>();
        tasks.forEach((id, t) -> {
            Long loc = loc(t);
            if (loc != null) {
                out.add(new LaneBreakeven.SizedTask(id, loc, t.costNanos));
            }
        });
        return out;
    }

    /**
     * The {@code limit} most recent refs the window's complete records carry: by merged_at when the
     * ref is known, else by the last event's time; newest first.
     */
    RefTrend refTrend(int limit) {
        Map<Ref.Key, long[]> sums = new LinkedHashMap<>();
        Map<Ref.Key, Instant> last = new HashMap<>();
        for (TaskRefRow r : rows) {
            if (r.refId() == null) {
                continue;
            }
            Ref.Key k = new Ref.Key(r.refType(), r.refId());
            long[] s = sums.computeIfAbsent(k, x -> new long[4]);
            s[0] += r.records();
            s[1] += r.tokens();
            s[2] += r.costNanos();
            s[3] += r.unpricedRecords();
            last.merge(k, r.lastTs(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Ref.Key> keys = new ArrayList<>(sums.keySet());
        keys.sort(Comparator.comparing((Ref.Key k) -> recency(k, last.get(k))).reversed()
                .thenComparing(Ref.Key::refType).thenComparing(Ref.Key::refId));
        List<RefPoint> out = new ArrayList<>();
        for (Ref.Key k : keys.subList(0, Math.min(limit, keys.size()))) {
            long[] s = sums.get(k);
            Ref ref = refs.get(k);
            Long loc = ref == null ? null : ref.loc();
            out.add(new RefPoint(k.refType(), k.refId(), ref == null ? null : ref.title(),
                    ref == null ? null : ref.mergedAt(), s[0], s[1], s[2], s[3], loc,
                    loc == null ? null : Num.nanosPer(s[2], loc)));
        }
        return new RefTrend(limit, keys.size(), out);
    }

    private Instant recency(Ref.Key k, Instant lastEvent) {
        Ref ref = refs.get(k);
        return ref != null && ref.mergedAt() != null ? ref.mergedAt() : lastEvent;
    }
}
