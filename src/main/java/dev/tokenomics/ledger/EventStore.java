package dev.tokenomics.ledger;

import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of token_events. Every statement is parameterized. */
final class EventStore {
    static final String SELECT_COLUMNS = "id, record_key, ts, ts_start, ts_end, duration_ms, session_id, task_id, "
            + "workstream, repo, agent, model, stage, role, structure, lane, ref_type, ref_id, input_tokens, "
            + "output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, "
            + "reported_cost_nanos, cost_nanos, price_version, usage_complete, source, status, note, created_at, speed, "
            + "machine";

    private EventStore() {}

    /**
     * Turns inputs into rows (task defaults, ledger defaults, the price table) and hands them to
     * the one {@link EventWriter} of the transaction. Closing it flushes the rollups.
     */
    static final class Writer implements AutoCloseable {
        private final EventWriter out;
        private final PreparedStatement taskDefaults;
        private final PriceTable prices;
        private final EventDefaults defaults;
        private final String now;
        private final String machine;
        /** By model and speed: a fast event must never find the model's standard price (or the reverse). */
        private final Map<Repricer.PriceKey, Optional<ModelPrice>> priceOf = new HashMap<>();
        /** Per task id, its {workstream, repo} or null: the writer's transaction sees no other task writes. */
        private final Map<String, String[]> taskDefaultsById = new HashMap<>();
        private final Connection c;
        private final Repricer.Standing standing;
        /**
         * The standing the last writer opened on this thread found: the ledger's write wrapper reads
         * it after the commit (the stores open their writers themselves) to reprice when it was behind.
         */
        private static final ThreadLocal<Repricer.Standing> LAST = new ThreadLocal<>();
        /** The lowest id written, kept when {@link Repricer.Standing#marksStale}. */
        private long lowestId = Long.MAX_VALUE;

        Writer(Connection c, PriceTable prices, EventDefaults defaults, Instant now) throws SQLException {
            this(new EventWriter(c), c, prices, defaults, now);
        }

        Writer(EventWriter out, Connection c, PriceTable prices, EventDefaults defaults, Instant now)
                throws SQLException {
            this.out = out;
            this.c = c;
            // A write never waits for a reprice: it costs with this table, and when the stored costs
            // follow another one it marks what it wrote for the next reprice to check.
            this.standing = Repricer.standing(c, prices);
            LAST.set(standing);
            this.taskDefaults = StatementCache.prepare(c, "SELECT workstream, repo FROM tasks WHERE task_id = ?");
            this.prices = prices;
            this.defaults = defaults;
            this.now = Times.format(now);
            this.machine = defaults.machineOrLocal();
        }

        EventWriter events() {
            return out;
        }

        static void clearStanding() {
            LAST.remove();
        }

        /** What the last writer opened on this thread found; null when none was opened since {@link #clearStanding}. */
        static Repricer.Standing lastStanding() {
            Repricer.Standing s = LAST.get();
            LAST.remove();
            return s;
        }

        /** How the stored costs stood against this writer's table when it opened. */
        Repricer.Standing standing() {
            return standing;
        }

        private long track(long id) {
            lowestId = Math.min(lowestId, id);
            return id;
        }

        RecordedEvent write(EventInput in) throws SQLException {
            Pending p = row(in);
            if (p.generatedKey()) { // a generated key is new: nothing to look up or replace
                return p.recorded(track(out.insertNew(p.row())), false);
            }
            EventWriter.Written w = out.upsert(p.row());
            return p.recorded(track(w.id()), w.replaced() != null);
        }

        /** Writes {@code inputs} in order, as {@link #write} on each would, in one pass of the writer's batch path. */
        List<RecordedEvent> writeAll(List<EventInput> inputs) throws SQLException {
            List<Pending> pending = new ArrayList<>(inputs.size());
            List<EventRow> rows = new ArrayList<>(inputs.size());
            for (EventInput in : inputs) {
                Pending p = row(in);
                pending.add(p);
                rows.add(p.row());
            }
            List<EventWriter.Written> written = out.upsertAll(rows);
            List<RecordedEvent> recorded = new ArrayList<>(inputs.size());
            for (int i = 0; i < pending.size(); i++) {
                recorded.add(pending.get(i).recorded(track(written.get(i).id()), written.get(i).replaced() != null));
            }
            return recorded;
        }

        /**
         * The task's workstream and repo (null: no such task), asked once per task per writer: a batch
         * repeats a handful of tasks, and on PostgreSQL each question is a round trip.
         */
        private String[] taskDefaultsOf(String taskId) throws SQLException {
            String[] d = taskDefaultsById.get(taskId);
            if (d == null && !taskDefaultsById.containsKey(taskId)) {
                taskDefaults.setString(1, taskId);
                try (ResultSet rs = taskDefaults.executeQuery()) {
                    d = rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
                }
                taskDefaultsById.put(taskId, d);
            }
            return d;
        }

        /** An input with its defaults applied, priced and turned into the row to store. */
        private record Pending(EventInput event, EventRow row, Long costNanos, String priceVersion,
                boolean generatedKey) {
            RecordedEvent recorded(long id, boolean replaced) {
                return new RecordedEvent(id, row.recordKey(), replaced, event, costNanos, priceVersion, null, null);
            }
        }

        private Pending row(EventInput in) throws SQLException {
            EventInput e = in;
            if (e.taskId() != null && (e.workstream() == null || e.repo() == null)) {
                String[] d = taskDefaultsOf(e.taskId());
                if (d != null) {
                    e = e.withTaskDefaults(d[0], d[1]);
                }
            }
            e = defaults.apply(e);
            String key = e.recordKey() != null ? e.recordKey() : "auto:" + UUID.randomUUID();
            // As prices.cost(model, usage), with the model's price looked up once per writer: the
            // look-up normalises the name (regexes), and a batch repeats a handful of models.
            Usage u = e.usage();
            Optional<BigDecimal> cost = price(new Repricer.PriceKey(e.model(), e.fast())).map(p -> Costs.cost(p, u));
            Long costNanos = cost.map(Costs::toNanos).orElse(null);
            String priceVersion = cost.isPresent() ? prices.version() : null;
            EventRow row = new EventRow(key, Times.format(e.ts()), Times.format(e.tsStart()), Times.format(e.tsEnd()),
                    e.durationMs(), e.sessionId(), e.taskId(), e.workstream(), e.repo(), e.agent(), e.model(),
                    e.stage(), e.role(), e.structure(), e.lane(), e.refType(), e.refId(), u.inputTokens(),
                    u.outputTokens(), u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.cacheReadTokens(),
                    e.reportedCostUsd() == null ? null : Costs.toNanos(e.reportedCostUsd()), costNanos, priceVersion,
                    e.usageComplete(), e.source(), e.status(), e.note(), now, e.speed(),
                    e.machine() != null ? e.machine() : machine);
            return new Pending(e, row, costNanos, priceVersion, e.recordKey() == null);
        }

        /**
         * The key's price, looked up once per writer; its rates are noted for the next reprice when
         * the stored costs follow this table (a reprice under way notes every model when it ends).
         */
        private Optional<ModelPrice> price(Repricer.PriceKey key) throws SQLException {
            Optional<ModelPrice> p = priceOf.get(key);
            if (p == null) {
                p = key.lookup(prices);
                priceOf.put(key, p);
                if (standing == Repricer.Standing.FOLLOWS) {
                    Repricer.noteRates(c, key, p);
                }
            }
            return p;
        }

        /** Writes the rollup cells touched so far (before reading running totals in the same transaction). */
        void flush() throws SQLException {
            out.flush();
        }

        @Override
        public void close() throws SQLException {
            if (standing.marksStale() && lowestId != Long.MAX_VALUE) {
                Repricer.markStale(c, lowestId);
            }
            out.close();
        }
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    /** Running totals of one task or workstream, kept by {@link EventWriter}. */
    static Totals runningTotals(Connection c, String scope, String scopeId) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, "SELECT events, input_tokens, output_tokens, "
                + "cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, "
                + "lower_bound_events FROM running_totals WHERE scope = ? AND scope_id = ?");
        {
            ps.setString(1, scope);
            ps.setString(2, scopeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Totals.read(rs, 1) : Totals.ZERO;
            }
        }
    }

    /** Every task's or workstream's running totals, keyed by id in order. */
    static Map<String, Totals> runningTotalsOf(Connection c, String scope) throws SQLException {
        Map<String, Totals> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT scope_id, events, input_tokens, output_tokens, "
                + "cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, cost_nanos, unpriced_events, "
                + "lower_bound_events FROM running_totals WHERE scope = ? ORDER BY scope_id")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Totals.read(rs, 2));
                }
            }
        }
        return out;
    }

    static StoredEvent readRow(ResultSet rs) throws SQLException {
        Long reported = nullableLong(rs, 24);
        EventInput e = new EventInput(
                rs.getString(2),
                Times.parseStored(rs.getString(3)),
                Times.parseStored(rs.getString(4)),
                Times.parseStored(rs.getString(5)),
                nullableLong(rs, 6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18),
                new Usage(rs.getLong(19), rs.getLong(20), rs.getLong(21), rs.getLong(22), rs.getLong(23)),
                reported == null ? null : Money.usd(reported),
                rs.getInt(27) == 1,
                rs.getString(28), rs.getString(29), rs.getString(30), rs.getString(32), rs.getString(33));
        return new StoredEvent(rs.getLong(1), e, nullableLong(rs, 25), rs.getString(26),
                Times.parseStored(rs.getString(31)));
    }

    static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    static List<StoredEvent> list(Connection c, EventFilter filter, int limit, EventCursor after) throws SQLException {
        Where where = filter.where();
        StringBuilder sql = new StringBuilder("SELECT " + SELECT_COLUMNS + " FROM token_events");
        List<Object> args = new ArrayList<>(where.args());
        String condition = where.sql();
        if (after != null) {
            condition = (condition.isEmpty() ? "" : condition + " AND ") + "(ts < ? OR (ts = ? AND id < ?))";
            args.add(Times.format(after.ts()));
            args.add(Times.format(after.ts()));
            args.add(after.id());
        }
        if (!condition.isEmpty()) {
            sql.append(" WHERE ").append(condition);
        }
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, args);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readRow(rs));
                }
            }
            return out;
        }
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }

    /** Totals of one (model, agent, source, machine) combination; NULL columns come back as null. */
    record Combination(String model, String agent, String source, String machine, Totals totals) {}

    /** Totals grouped by model, agent, source and machine at once: the summary's one pass. */
    static List<Combination> combinations(Connection c, Where where) throws SQLException {
        String sql = "SELECT model, agent, source, machine, " + Totals.COLUMNS + " FROM token_events"
                + (where.sql().isEmpty() ? "" : " WHERE " + where.sql()) + " GROUP BY model, agent, source, machine";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, where.args());
            List<Combination> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Combination(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Totals.read(rs, 5)));
                }
            }
            return out;
        }
    }

    /** A WHERE clause built only from constant column names, with its bound values. */
    record Where(String sql, List<Object> args) {}
}
