package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only code that inserts, replaces or deletes token_events rows (a rule test holds every other
 * class to it). It keeps the rollups in the same transaction: each change adds its delta to
 * {@link RollupDeltas}, and {@link #flush} (also run by {@link #close}) writes each touched cell
 * once, before the caller's transaction commits. A replacement is the old row taken away and the
 * new one added; a delete is a removal; a prune removes from the report cells only.
 *
 * <p>Until schema version 6 triggers did this, one upsert per cell per row: 9 statements per
 * inserted event. One writer per transaction; not for use across threads.
 */
final class EventWriter implements AutoCloseable {
    static final String COLUMNS = "record_key, ts, ts_start, ts_end, duration_ms, session_id, task_id, workstream, "
            + "repo, agent, model, stage, role, structure, lane, ref_type, ref_id, input_tokens, output_tokens, "
            + "cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, reported_cost_nanos, cost_nanos, "
            + "price_version, usage_complete, source, status, note, created_at, speed, machine";
    private static final String INSERT = "INSERT INTO token_events (" + COLUMNS + ") "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    // created_at keeps the first write's time: a replacement changes what the event says, not when it arrived.
    private static final String UPSERT = INSERT + """
             ON CONFLICT (record_key) DO UPDATE SET
              ts = excluded.ts, ts_start = excluded.ts_start, ts_end = excluded.ts_end,
              duration_ms = excluded.duration_ms, session_id = excluded.session_id, task_id = excluded.task_id,
              workstream = excluded.workstream, repo = excluded.repo, agent = excluded.agent,
              model = excluded.model, stage = excluded.stage, role = excluded.role,
              structure = excluded.structure, lane = excluded.lane, ref_type = excluded.ref_type,
              ref_id = excluded.ref_id, input_tokens = excluded.input_tokens,
              output_tokens = excluded.output_tokens, cache_creation_tokens = excluded.cache_creation_tokens,
              cache_creation_1h_tokens = excluded.cache_creation_1h_tokens,
              cache_read_tokens = excluded.cache_read_tokens, reported_cost_nanos = excluded.reported_cost_nanos,
              cost_nanos = excluded.cost_nanos, price_version = excluded.price_version,
              usage_complete = excluded.usage_complete, source = excluded.source, status = excluded.status,
              note = excluded.note, speed = excluded.speed, machine = excluded.machine
            RETURNING id""";
    /** The columns the rollups group or sum by, in {@link #cellRow} order. */
    static final String CELL_COLUMNS = "ts, task_id, workstream, repo, agent, model, stage, role, structure, "
            + "lane, ref_type, ref_id, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, "
            + "cache_read_tokens, cost_nanos, usage_complete, source, status, ts_start";
    /** A batch's first pass: new keys are inserted, a key already stored is left for {@link #upsertAll}'s second. */
    private static final String INSERT_IF_NEW = INSERT + " ON CONFLICT (record_key) DO NOTHING";
    // The first row of each key in batch order inserts; later rows of a key, and keys already stored,
    // are left to upsertAll's second pass (replacements, one by one). Ids follow the batch order.
    private static final String INSERT_STAGED = "INSERT INTO token_events (" + COLUMNS + ") SELECT "
            + COLUMNS + " FROM (SELECT DISTINCT ON (record_key) * FROM " + PostgresCopy.STAGING
            + " ORDER BY record_key, n) first_of_key ORDER BY n ON CONFLICT (record_key) DO NOTHING "
            + "RETURNING id, record_key";
    /** The same when no key repeats in the batch (the usual case): no sort by key first. */
    private static final String INSERT_STAGED_UNIQUE = "INSERT INTO token_events (" + COLUMNS + ") SELECT "
            + COLUMNS + " FROM " + PostgresCopy.STAGING + " ORDER BY n ON CONFLICT (record_key) DO NOTHING "
            + "RETURNING id, record_key";
    private static final String MAX_ID = "SELECT COALESCE(MAX(id), 0) FROM token_events";
    private static final String EXISTING = "SELECT " + CELL_COLUMNS + " FROM token_events WHERE record_key = ?";
    private static final String DELETE_KEY = "DELETE FROM token_events WHERE record_key = ? RETURNING " + CELL_COLUMNS;
    private static final String PRUNED_DIMS = """
            SELECT COALESCE(stage, ''), COALESCE(structure, ''), COALESCE(role, ''), COALESCE(model, ''),
              usage_complete, status, source, substr(START, 1, 13), COUNT(*),
              SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens),
              SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), COUNT(*) - COUNT(ts_start)
            FROM token_events WHERE ts < ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8""".replace("START", ReportQueries.START);
    private static final String PRUNED_TASKS = """
            SELECT substr(START, 1, 13), COALESCE(task_id, ''),
              COALESCE(lane, ''), COALESCE(ref_type, ''),
              COALESCE(ref_id, ''), COUNT(*), SUM(input_tokens + output_tokens + cache_creation_tokens
              + cache_creation_1h_tokens + cache_read_tokens), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos),
              SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens),
              SUM(cache_read_tokens)
            FROM token_events WHERE ts < ? AND usage_complete = 1 GROUP BY 1, 2, 3, 4, 5""".replace("START",
            ReportQueries.START); // the report cells' key: the hour work started

    private static final String RECOST = "UPDATE token_events SET cost_nanos = ?, price_version = ? WHERE id = ?";
    /** Recosts are sent in batches of this many. */
    private static final int RECOST_BATCH = 10_000;

    /** What an upsert did: the row's id, and the row it replaced (null for a new key). */
    record Written(long id, EventRow replaced) {}

    private final Connection c;
    private final RollupDeltas deltas = new RollupDeltas();
    private PreparedStatement recosts;
    private int pendingRecosts;

    EventWriter(Connection c) {
        this.c = c;
    }

    /** Inserts the row, or replaces the row of the same record_key. */
    Written upsert(EventRow row) throws SQLException {
        // Most keys are new: one insert that returns no row when the key is already stored, instead of
        // a look-up before every write.
        PreparedStatement insert = StatementCache.prepare(c, INSERT_IF_NEW + " RETURNING id");
        bind(insert, row);
        try (ResultSet rs = insert.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                deltas.add(row, 1);
                return new Written(id, null);
            }
        }
        EventRow old = find(row.recordKey());
        PreparedStatement ps = StatementCache.prepare(c, UPSERT);
        bind(ps, row);
        long id;
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        if (old != null) {
            deltas.add(old, -1);
        }
        deltas.add(row, 1);
        return new Written(id, old);
    }

    /**
     * Upserts {@code rows} in order, with the outcome (stored rows, ids, rollup deltas in the same
     * order) of calling {@link #upsert} on each, in two passes over the batch instead of a look-up
     * and a RETURNING query per row: one executeBatch of INSERT ... ON CONFLICT DO NOTHING, whose
     * update counts say which rows were new, then the few rows whose key was already stored (or
     * came earlier in the batch) replace it one by one.
     *
     * <p>The new rows' ids are known without reading them back: token_events' id is an INTEGER
     * PRIMARY KEY without AUTOINCREMENT, so each insert takes the largest id so far plus one
     * (https://sqlite.org/autoinc.html), and this transaction holds the write lock, so nothing
     * else inserts in between. On PostgreSQL the first pass is {@link PostgresCopy}: COPY into a
     * temp table and one INSERT ... SELECT that returns the new rows' ids.
     */
    List<Written> upsertAll(List<EventRow> rows) throws SQLException {
        if (Dialect.of(c) == Dialect.POSTGRES) {
            // PostgreSQL's ids come from a sequence, not max + 1: the copy returns the new rows' ids.
            long[] ids = insertStaged(rows);
            int[] inserted = new int[rows.size()];
            for (int i = 0; i < ids.length; i++) {
                inserted[i] = ids[i] != 0 ? 1 : 0;
            }
            return written(rows, inserted, 0, ids);
        }
        long lastId;
        try (ResultSet rs = StatementCache.prepare(c, MAX_ID).executeQuery()) {
            lastId = rs.next() ? rs.getLong(1) : 0;
        }
        PreparedStatement insert = StatementCache.prepare(c, INSERT_IF_NEW);
        for (EventRow row : rows) {
            bind(insert, row);
            insert.addBatch();
        }
        int[] inserted = insert.executeBatch();
        if (inserted.length != rows.size()) {
            throw new SQLException("batch insert of " + rows.size() + " events reported " + inserted.length + " counts");
        }
        return written(rows, inserted, lastId, null);
    }

    /**
     * PostgreSQL: stages {@code rows} over COPY, inserts those whose record_key is new (its first
     * row in the batch) and returns, for each row in order, its new id; 0 for a row left to the
     * second pass.
     */
    private long[] insertStaged(List<EventRow> rows) throws SQLException {
        PostgresCopy.stage(c, rows, Machines.local());
        Set<String> keys = new HashSet<>();
        for (EventRow r : rows) {
            keys.add(r.recordKey());
        }
        String insert = keys.size() == rows.size() ? INSERT_STAGED_UNIQUE : INSERT_STAGED;
        Map<String, Long> idOfKey = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(insert); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                idOfKey.put(rs.getString(2), rs.getLong(1));
            }
        }
        long[] ids = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            // The id goes to the key's first row only: later rows of it are the second pass's.
            Long id = idOfKey.remove(rows.get(i).recordKey());
            ids[i] = id == null ? 0 : id;
        }
        return ids;
    }

    /** {@code newIds}: each inserted row's id, by row (PostgreSQL); null: max + 1 on (SQLite). */
    private List<Written> written(List<EventRow> rows, int[] inserted, long lastId, long[] newIds)
            throws SQLException {
        List<Written> out = new ArrayList<>(rows.size());
        Map<String, EventRow> latestInBatch = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            EventRow row = rows.get(i);
            EventRow old;
            long id;
            if (inserted[i] == 1) {
                old = null;
                id = newIds != null ? newIds[i] : ++lastId;
            } else {
                // Already stored: before this batch (read it now; the first pass changed no stored row)
                // or by an earlier row of this batch (the row as that one left it).
                old = latestInBatch.containsKey(row.recordKey()) ? latestInBatch.get(row.recordKey())
                        : find(row.recordKey());
                PreparedStatement ps = StatementCache.prepare(c, UPSERT);
                bind(ps, row);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                deltas.add(old, -1);
            }
            deltas.add(row, 1);
            latestInBatch.put(row.recordKey(), row);
            out.add(new Written(id, old));
        }
        return out;
    }

    /**
     * Inserts a row whose record_key is new (a generated one), skipping the look-up of a row to
     * replace; a key already stored fails the transaction. Returns the row's id.
     */
    long insertNew(EventRow row) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, INSERT + " RETURNING id");
        bind(ps, row);
        long id;
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        deltas.add(row, 1);
        return id;
    }

    /** Deletes the event of {@code recordKey}; false when there is none. */
    boolean delete(String recordKey) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, DELETE_KEY);
        ps.setString(1, recordKey);
        EventRow old = null;
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                old = cellRow(recordKey, rs);
            }
        }
        if (old == null) {
            return false;
        }
        deltas.add(old, -1);
        return true;
    }

    /**
     * Deletes every event before {@code cut} for a prune. The report cells lose them (a report over
     * pruned days reads daily_rollups instead); running_totals and spend_hourly keep them, so a
     * task's all-time totals and a budget's spend do not shrink because raw events were pruned.
     */
    int deleteBefore(Instant cut) throws SQLException {
        String before = Times.format(cut);
        try (PreparedStatement ps = c.prepareStatement(PRUNED_DIMS)) {
            ps.setString(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deltas.prunedDims(new RollupDeltas.DimsKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                            sums(rs, 9, RollupDeltas.DIMS_SUMS));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(PRUNED_TASKS)) {
            ps.setString(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deltas.prunedTasks(new RollupDeltas.TaskKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)), sums(rs, 6, RollupDeltas.TASK_SUMS));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM token_events WHERE ts < ?")) {
            ps.setString(1, before);
            return ps.executeUpdate();
        }
    }

    /**
     * Gives the stored event {@code id} (read back as {@code old}, e.g. by {@link #cellRow}) a new
     * cost from a new price table: its row, and every rollup cell it counts in by the difference
     * (an unpriced event that gets a price leaves the unpriced counts). Only a {@code Repricer} calls it.
     */
    void recost(long id, EventRow old, Long newCostNanos, String priceVersion) throws SQLException {
        if (recosts == null) {
            recosts = c.prepareStatement(RECOST);
        }
        EventStore.setLong(recosts, 1, newCostNanos);
        recosts.setString(2, priceVersion);
        recosts.setLong(3, id);
        recosts.addBatch();
        if (++pendingRecosts == RECOST_BATCH) {
            sendRecosts();
        }
        deltas.recost(old, newCostNanos);
    }

    private void sendRecosts() throws SQLException {
        if (pendingRecosts > 0) {
            recosts.executeBatch();
            pendingRecosts = 0;
        }
    }

    /**
     * Gives every event without a machine this one's name: migration 10's back-fill of the events
     * stored before events had one (no rollup groups by machine, so no cell changes).
     */
    int stampMissingMachine(String machine) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE token_events SET machine = ? WHERE machine IS NULL")) {
            ps.setString(1, machine);
            return ps.executeUpdate();
        }
    }

    /** Writes the rollup cells touched so far; reads of running totals in this transaction come after. */
    void flush() throws SQLException {
        sendRecosts();
        deltas.flush(c);
    }

    /** Flushes, so no caller can commit events without their rollups. */
    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            if (recosts != null) {
                recosts.close();
            }
        }
    }

    private EventRow find(String recordKey) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, EXISTING);
        ps.setString(1, recordKey);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? cellRow(recordKey, rs) : null;
        }
    }

    /** A row of {@link #CELL_COLUMNS}, read from {@code rs}'s first columns. */
    static EventRow cellRow(String recordKey, ResultSet rs) throws SQLException {
        return new EventRow(recordKey, rs.getString(1), rs.getString(22), null, null, null, rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getLong(15),
                rs.getLong(16), rs.getLong(17), null, EventStore.nullableLong(rs, 18), null, rs.getInt(19) == 1,
                rs.getString(20), rs.getString(21), null, null);
    }

    private static long[] sums(ResultSet rs, int first, int n) throws SQLException {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rs.getLong(first + i);
        }
        return out;
    }

    private static void bind(PreparedStatement ps, EventRow r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.recordKey());
        ps.setString(i++, r.ts());
        ps.setString(i++, r.tsStart());
        ps.setString(i++, r.tsEnd());
        EventStore.setLong(ps, i++, r.durationMs());
        ps.setString(i++, r.sessionId());
        ps.setString(i++, r.taskId());
        ps.setString(i++, r.workstream());
        ps.setString(i++, r.repo());
        ps.setString(i++, r.agent());
        ps.setString(i++, r.model());
        ps.setString(i++, r.stage());
        ps.setString(i++, r.role());
        ps.setString(i++, r.structure());
        ps.setString(i++, r.lane());
        ps.setString(i++, r.refType());
        ps.setString(i++, r.refId());
        ps.setLong(i++, r.inputTokens());
        ps.setLong(i++, r.outputTokens());
        ps.setLong(i++, r.cacheCreationTokens());
        ps.setLong(i++, r.cacheCreation1hTokens());
        ps.setLong(i++, r.cacheReadTokens());
        EventStore.setLong(ps, i++, r.reportedCostNanos());
        EventStore.setLong(ps, i++, r.costNanos());
        ps.setString(i++, r.priceVersion());
        ps.setInt(i++, r.usageComplete() ? 1 : 0);
        ps.setString(i++, r.source());
        ps.setString(i++, r.status());
        ps.setString(i++, r.note());
        ps.setString(i++, r.createdAt());
        ps.setString(i++, r.speed());
        // Every event knows its machine: a row made without one (a benchmark's, a test's) is this one's.
        ps.setString(i, r.machine() != null ? r.machine() : Machines.local());
    }
}
