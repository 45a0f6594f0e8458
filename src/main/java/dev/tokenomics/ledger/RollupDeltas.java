package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one transaction's event changes do to the four rollups, added up per cell in memory and
 * written once per touched cell by {@link #flush}. Only {@link EventWriter} feeds it.
 *
 * <p>The rules are the ones the schema's triggers kept until migration 6, cell for cell:
 * <ul>
 *   <li>running_totals (per task and per workstream, all time) and spend_hourly (global, repo,
 *       workstream, agent, model, source per UTC hour): every change adds its delta; rows are never deleted,
 *       and a prune leaves both alone (a task's totals and a budget's spend must not shrink because
 *       old raw events were pruned).
 *   <li>report_dims_hourly and report_tasks_hourly (complete records only): every change, prunes
 *       included, adds its delta, and a cell whose record count reaches 0 is deleted.
 *   <li>report_tasks_hourly.last_ts is the latest ts added since the cell last came into being: a
 *       removal never lowers it, but a cell emptied and refilled within the transaction starts over.
 * </ul>
 */
final class RollupDeltas {
    private static final String RUNNING = """
            INSERT INTO running_totals (scope, scope_id, events, input_tokens, output_tokens, cache_creation_tokens,
              cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
            VALUES (?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (scope, scope_id) DO UPDATE SET events = running_totals.events + excluded.events,
              input_tokens = running_totals.input_tokens + excluded.input_tokens, output_tokens = running_totals.output_tokens + excluded.output_tokens,
              cache_creation_tokens = running_totals.cache_creation_tokens + excluded.cache_creation_tokens,
              cache_creation_1h_tokens = running_totals.cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
              cache_read_tokens = running_totals.cache_read_tokens + excluded.cache_read_tokens, cost_nanos = running_totals.cost_nanos + excluded.cost_nanos,
              unpriced_events = running_totals.unpriced_events + excluded.unpriced_events,
              lower_bound_events = running_totals.lower_bound_events + excluded.lower_bound_events""";
    private static final String SPEND = """
            INSERT INTO spend_hourly (scope, scope_id, hour, events, input_tokens, output_tokens, cache_creation_tokens,
              cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, lower_bound_events)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (scope, scope_id, hour) DO UPDATE SET events = spend_hourly.events + excluded.events,
              input_tokens = spend_hourly.input_tokens + excluded.input_tokens, output_tokens = spend_hourly.output_tokens + excluded.output_tokens,
              cache_creation_tokens = spend_hourly.cache_creation_tokens + excluded.cache_creation_tokens,
              cache_creation_1h_tokens = spend_hourly.cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
              cache_read_tokens = spend_hourly.cache_read_tokens + excluded.cache_read_tokens, cost_nanos = spend_hourly.cost_nanos + excluded.cost_nanos,
              unpriced_events = spend_hourly.unpriced_events + excluded.unpriced_events,
              lower_bound_events = spend_hourly.lower_bound_events + excluded.lower_bound_events""";
    private static final String DIMS = """
            INSERT INTO report_dims_hourly (stage, structure, role, model, usage_complete, status, source, hour, records,
              input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos,
              unpriced_records, unstarted_records)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (stage, structure, role, model, usage_complete, status, source, hour) DO UPDATE SET records = report_dims_hourly.records + excluded.records,
              input_tokens = report_dims_hourly.input_tokens + excluded.input_tokens, output_tokens = report_dims_hourly.output_tokens + excluded.output_tokens,
              cache_creation_tokens = report_dims_hourly.cache_creation_tokens + excluded.cache_creation_tokens,
              cache_creation_1h_tokens = report_dims_hourly.cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
              cache_read_tokens = report_dims_hourly.cache_read_tokens + excluded.cache_read_tokens, cost_nanos = report_dims_hourly.cost_nanos + excluded.cost_nanos,
              unpriced_records = report_dims_hourly.unpriced_records + excluded.unpriced_records,
              unstarted_records = report_dims_hourly.unstarted_records + excluded.unstarted_records""";
    private static final String DIMS_EMPTY = """
            DELETE FROM report_dims_hourly WHERE stage = ? AND structure = ? AND role = ? AND model = ?
              AND usage_complete = ? AND status = ? AND source = ? AND hour = ? AND records = 0""";
    private static final String TASKS_VALUES = """
            INSERT INTO report_tasks_hourly (hour, task_id, lane, ref_type, ref_id, records, tokens, cost_nanos,
              unpriced_records, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens,
              cache_read_tokens, last_ts)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (hour, task_id, lane, ref_type, ref_id) DO UPDATE SET records = report_tasks_hourly.records + excluded.records, tokens = report_tasks_hourly.tokens + excluded.tokens,
              cost_nanos = report_tasks_hourly.cost_nanos + excluded.cost_nanos, unpriced_records = report_tasks_hourly.unpriced_records + excluded.unpriced_records,
              input_tokens = report_tasks_hourly.input_tokens + excluded.input_tokens,
              output_tokens = report_tasks_hourly.output_tokens + excluded.output_tokens,
              cache_creation_tokens = report_tasks_hourly.cache_creation_tokens + excluded.cache_creation_tokens,
              cache_creation_1h_tokens = report_tasks_hourly.cache_creation_1h_tokens + excluded.cache_creation_1h_tokens,
              cache_read_tokens = report_tasks_hourly.cache_read_tokens + excluded.cache_read_tokens,
            """;
    private static final String TASKS_ADD = TASKS_VALUES + "  last_ts = CASE WHEN excluded.last_ts > report_tasks_hourly.last_ts"
            + " THEN excluded.last_ts ELSE report_tasks_hourly.last_ts END";
    private static final String TASKS_SET = TASKS_VALUES + "  last_ts = excluded.last_ts";
    private static final String TASKS_READ = """
            SELECT records, last_ts FROM report_tasks_hourly
            WHERE hour = ? AND task_id = ? AND lane = ? AND ref_type = ? AND ref_id = ?""";
    private static final String TASKS_DELETE = """
            DELETE FROM report_tasks_hourly WHERE hour = ? AND task_id = ? AND lane = ? AND ref_type = ? AND ref_id = ?""";

    record ScopeKey(String scope, String scopeId) {}

    record SpendKey(String scope, String scopeId, String hour) {}

    record DimsKey(String stage, String structure, String role, String model, int usageComplete, String status,
            String source, String hour) {}

    record TaskKey(String hour, String taskId, String lane, String refType, String refId) {}

    /** How many sums a report_dims_hourly cell keeps: records, the five buckets, cost, unpriced, unstarted. */
    static final int DIMS_SUMS = 9;

    /** How many sums a report_tasks_hourly cell keeps. */
    static final int TASK_SUMS = 9;

    /** A report_tasks_hourly cell's delta, and what last_ts needs: see the class comment. */
    static final class TaskCell {
        /** records, tokens, cost_nanos, unpriced_records, then input, output, cache write 5m and 1h, cache read. */
        final long[] sums = new long[TASK_SUMS];
        String addedMaxTs; // latest ts added before the first removal
        List<Object[]> afterRemoval; // {Long records delta, String ts or null}, in order, from the first removal on
    }

    private final Map<ScopeKey, long[]> running = new LinkedHashMap<>();
    private final Map<SpendKey, long[]> spend = new LinkedHashMap<>();
    private final Map<DimsKey, long[]> dims = new LinkedHashMap<>();
    private final Map<TaskKey, TaskCell> tasks = new LinkedHashMap<>();
    /** Cells a reprice touched: they hold the recosted event, so a records delta of 0 cannot empty them. */
    private final Set<DimsKey> recostedDims = new HashSet<>();

    /** Adds a row ({@code sign} 1) or takes it away ({@code sign} -1) everywhere it counts. */
    void add(EventRow r, int sign) {
        long cost = r.costNanos() == null ? 0 : r.costNanos();
        long unpriced = r.costNanos() == null ? 1 : 0;
        long lowerBound = r.usageComplete() ? 0 : 1;
        long[] totals = {1, r.inputTokens(), r.outputTokens(), r.cacheCreationTokens(), r.cacheCreation1hTokens(),
                r.cacheReadTokens(), cost, unpriced, lowerBound};
        if (r.taskId() != null) {
            plus(running.computeIfAbsent(new ScopeKey("task", r.taskId()), k -> new long[9]), totals, sign);
        }
        if (r.workstream() != null) {
            plus(running.computeIfAbsent(new ScopeKey("workstream", r.workstream()), k -> new long[9]), totals, sign);
        }
        String hour = r.hour();
        plus(spend.computeIfAbsent(new SpendKey("global", "", hour), k -> new long[9]), totals, sign);
        spend(r.repo() == null ? null : new SpendKey("repo", r.repo(), hour), totals, sign);
        spend(r.workstream() == null ? null : new SpendKey("workstream", r.workstream(), hour), totals, sign);
        spend(r.agent() == null ? null : new SpendKey("agent", r.agent(), hour), totals, sign);
        spend(r.model() == null ? null : new SpendKey("model", r.model(), hour), totals, sign);
        spend(r.source() == null ? null : new SpendKey("source", r.source(), hour), totals, sign);
        long[] cell = {1, r.inputTokens(), r.outputTokens(), r.cacheCreationTokens(), r.cacheCreation1hTokens(),
                r.cacheReadTokens(), cost, unpriced, r.tsStart() == null ? 1 : 0};
        plus(dims.computeIfAbsent(dimsKey(r), k -> new long[DIMS_SUMS]), cell, sign);
        if (r.usageComplete()) {
            taskCell(new TaskKey(r.startHour(), blank(r.taskId()), blank(r.lane()), blank(r.refType()), blank(r.refId())),
                    new long[] {1, r.tokens(), cost, unpriced, r.inputTokens(), r.outputTokens(),
                            r.cacheCreationTokens(), r.cacheCreation1hTokens(), r.cacheReadTokens()}, sign, r.ts());
        }
    }

    /**
     * A stored event's cost changes to {@code newCostNanos} (a reprice): every cell it counts in
     * moves by the difference in cost and in unpriced count; no count of events or tokens moves.
     */
    void recost(EventRow old, Long newCostNanos) {
        long cost = (newCostNanos == null ? 0 : newCostNanos) - (old.costNanos() == null ? 0 : old.costNanos());
        long unpriced = (newCostNanos == null ? 1 : 0) - (old.costNanos() == null ? 1 : 0);
        long[] totals = {0, 0, 0, 0, 0, 0, cost, unpriced, 0};
        if (old.taskId() != null) {
            plus(running.computeIfAbsent(new ScopeKey("task", old.taskId()), k -> new long[9]), totals, 1);
        }
        if (old.workstream() != null) {
            plus(running.computeIfAbsent(new ScopeKey("workstream", old.workstream()), k -> new long[9]), totals, 1);
        }
        String hour = old.hour();
        plus(spend.computeIfAbsent(new SpendKey("global", "", hour), k -> new long[9]), totals, 1);
        spend(old.repo() == null ? null : new SpendKey("repo", old.repo(), hour), totals, 1);
        spend(old.workstream() == null ? null : new SpendKey("workstream", old.workstream(), hour), totals, 1);
        spend(old.agent() == null ? null : new SpendKey("agent", old.agent(), hour), totals, 1);
        spend(old.model() == null ? null : new SpendKey("model", old.model(), hour), totals, 1);
        spend(old.source() == null ? null : new SpendKey("source", old.source(), hour), totals, 1);
        DimsKey key = dimsKey(old);
        plus(dims.computeIfAbsent(key, k -> new long[DIMS_SUMS]), new long[] {0, 0, 0, 0, 0, 0, cost, unpriced, 0}, 1);
        recostedDims.add(key);
        if (old.usageComplete()) {
            // As an addition of no records: the cell's last_ts is already at least this event's ts.
            taskCell(new TaskKey(old.startHour(), blank(old.taskId()), blank(old.lane()), blank(old.refType()),
                    blank(old.refId())), new long[] {0, 0, cost, unpriced, 0, 0, 0, 0, 0}, 1, old.ts());
        }
    }

    /** A prune's removal of a whole group of report_dims_hourly rows: only the report cells shrink. */
    void prunedDims(DimsKey key, long[] sums) {
        plus(dims.computeIfAbsent(key, k -> new long[DIMS_SUMS]), sums, -1);
    }

    /** A prune's removal of a whole group of report_tasks_hourly rows. */
    void prunedTasks(TaskKey key, long[] sums) {
        taskCell(key, sums, -1, null);
    }

    boolean isEmpty() {
        return running.isEmpty() && spend.isEmpty() && dims.isEmpty() && tasks.isEmpty();
    }

    static DimsKey dimsKey(EventRow r) {
        return new DimsKey(blank(r.stage()), blank(r.structure()), blank(r.role()), blank(r.model()),
                r.usageComplete() ? 1 : 0, r.status(), r.source(), r.startHour());
    }

    /** '' stands for a missing value in the report cells (ids are never blank). */
    static String blank(String s) {
        return s == null ? "" : s;
    }

    private void spend(SpendKey key, long[] totals, int sign) {
        if (key != null) {
            plus(spend.computeIfAbsent(key, k -> new long[9]), totals, sign);
        }
    }

    private void taskCell(TaskKey key, long[] sums, int sign, String ts) {
        TaskCell cell = tasks.computeIfAbsent(key, k -> new TaskCell());
        plus(cell.sums, sums, sign);
        if (sign < 0 && cell.afterRemoval == null) {
            cell.afterRemoval = new ArrayList<>();
        }
        if (cell.afterRemoval != null) {
            cell.afterRemoval.add(new Object[] {sign * sums[0], sign > 0 ? ts : null});
        } else if (cell.addedMaxTs == null || ts.compareTo(cell.addedMaxTs) > 0) {
            cell.addedMaxTs = ts;
        }
    }

    private static void plus(long[] into, long[] values, int sign) {
        for (int i = 0; i < into.length; i++) {
            into[i] += sign * values[i];
        }
    }

    /** Writes every touched cell once and forgets the deltas; the caller's transaction commits them. */
    void flush(Connection c) throws SQLException {
        if (isEmpty()) {
            return;
        }
        if (!running.isEmpty()) {
            PreparedStatement ps = StatementCache.prepare(c, RUNNING);
            for (Map.Entry<ScopeKey, long[]> e : running.entrySet()) {
                ps.setString(1, e.getKey().scope());
                ps.setString(2, e.getKey().scopeId());
                bindSums(ps, 3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!spend.isEmpty()) {
            PreparedStatement ps = StatementCache.prepare(c, SPEND);
            for (Map.Entry<SpendKey, long[]> e : spend.entrySet()) {
                ps.setString(1, e.getKey().scope());
                ps.setString(2, e.getKey().scopeId());
                ps.setString(3, e.getKey().hour());
                bindSums(ps, 4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        flushDims(c);
        flushTasks(c);
        running.clear();
        spend.clear();
        dims.clear();
        tasks.clear();
        recostedDims.clear();
    }

    private void flushDims(Connection c) throws SQLException {
        if (dims.isEmpty()) {
            return;
        }
        PreparedStatement ps = StatementCache.prepare(c, DIMS);
        boolean anyEmptied = false;
        for (Map.Entry<DimsKey, long[]> e : dims.entrySet()) {
            bindDimsKey(ps, e.getKey());
            bindSums(ps, 9, e.getValue());
            ps.addBatch();
            anyEmptied |= mayEmpty(e);
        }
        ps.executeBatch();
        if (anyEmptied) {
            PreparedStatement empty = StatementCache.prepare(c, DIMS_EMPTY);
            for (Map.Entry<DimsKey, long[]> e : dims.entrySet()) {
                if (mayEmpty(e)) {
                    bindDimsKey(empty, e.getKey());
                    empty.addBatch();
                }
            }
            empty.executeBatch();
        }
    }

    /** A cell whose records fell, or came and went within the transaction (0 and not a stored event's). */
    private boolean mayEmpty(Map.Entry<DimsKey, long[]> e) {
        return e.getValue()[0] < 0 || e.getValue()[0] == 0 && !recostedDims.contains(e.getKey());
    }

    private void flushTasks(Connection c) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        PreparedStatement add = StatementCache.prepare(c, TASKS_ADD);
        boolean anyAdd = false;
        for (Map.Entry<TaskKey, TaskCell> e : tasks.entrySet()) {
            TaskCell cell = e.getValue();
            if (cell.afterRemoval == null) {
                bindTask(add, e.getKey(), cell.sums, cell.addedMaxTs);
                add.addBatch();
                anyAdd = true;
            }
        }
        if (anyAdd) {
            add.executeBatch();
        }
        for (Map.Entry<TaskKey, TaskCell> e : tasks.entrySet()) {
            if (e.getValue().afterRemoval != null) {
                replay(c, e.getKey(), e.getValue());
            }
        }
    }

    /**
     * A cell that lost records: replays its changes in order on the stored count to find whether it
     * emptied (then it is deleted, and last_ts starts over with what is added after) and what
     * last_ts ends as. Removals are rare (replacements and prunes), so the read is too.
     */
    private static void replay(Connection c, TaskKey key, TaskCell cell) throws SQLException {
        PreparedStatement read = StatementCache.prepare(c, TASKS_READ);
        bindTaskKey(read, key);
        long count = 0;
        String last = null;
        try (ResultSet rs = read.executeQuery()) {
            if (rs.next()) {
                count = rs.getLong(1);
                last = rs.getString(2);
            }
        }
        long headRecords = cell.sums[0];
        for (Object[] op : cell.afterRemoval) {
            headRecords -= (Long) op[0];
        }
        count += headRecords;
        last = max(last, cell.addedMaxTs);
        for (Object[] op : cell.afterRemoval) {
            count += (Long) op[0];
            if (count <= 0) {
                last = null;
            } else if (op[1] != null) {
                last = max(last, (String) op[1]);
            }
        }
        if (count <= 0) {
            PreparedStatement delete = StatementCache.prepare(c, TASKS_DELETE);
            bindTaskKey(delete, key);
            delete.executeUpdate();
        } else {
            PreparedStatement set = StatementCache.prepare(c, TASKS_SET);
            bindTask(set, key, cell.sums, last);
            set.executeUpdate();
        }
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private static void bindSums(PreparedStatement ps, int first, long[] sums) throws SQLException {
        for (int i = 0; i < sums.length; i++) {
            ps.setLong(first + i, sums[i]);
        }
    }

    private static void bindDimsKey(PreparedStatement ps, DimsKey k) throws SQLException {
        ps.setString(1, k.stage());
        ps.setString(2, k.structure());
        ps.setString(3, k.role());
        ps.setString(4, k.model());
        ps.setInt(5, k.usageComplete());
        ps.setString(6, k.status());
        ps.setString(7, k.source());
        ps.setString(8, k.hour());
    }

    private static void bindTaskKey(PreparedStatement ps, TaskKey k) throws SQLException {
        ps.setString(1, k.hour());
        ps.setString(2, k.taskId());
        ps.setString(3, k.lane());
        ps.setString(4, k.refType());
        ps.setString(5, k.refId());
    }

    private static void bindTask(PreparedStatement ps, TaskKey k, long[] sums, String lastTs) throws SQLException {
        bindTaskKey(ps, k);
        bindSums(ps, 6, sums);
        ps.setString(6 + TASK_SUMS, lastTs);
    }
}
