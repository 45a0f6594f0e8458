package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The SQL of daily_rollups and prunes. */
final class RollupStore {
    private static final String UPSERT = """
            INSERT INTO daily_rollups (day, timezone, records, lower_bound_records, priced_records, input_tokens,
              output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, input_cost_nanos,
              output_cost_nanos, cache_creation_cost_nanos, cache_creation_1h_cost_nanos, cache_read_cost_nanos,
              cost_nanos, active_loc, snapshot_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (day, timezone) DO UPDATE SET
              records = excluded.records, lower_bound_records = excluded.lower_bound_records,
              priced_records = excluded.priced_records, input_tokens = excluded.input_tokens,
              output_tokens = excluded.output_tokens, cache_creation_tokens = excluded.cache_creation_tokens,
              cache_creation_1h_tokens = excluded.cache_creation_1h_tokens,
              cache_read_tokens = excluded.cache_read_tokens, input_cost_nanos = excluded.input_cost_nanos,
              output_cost_nanos = excluded.output_cost_nanos,
              cache_creation_cost_nanos = excluded.cache_creation_cost_nanos,
              cache_creation_1h_cost_nanos = excluded.cache_creation_1h_cost_nanos,
              cache_read_cost_nanos = excluded.cache_read_cost_nanos, cost_nanos = excluded.cost_nanos,
              active_loc = excluded.active_loc, snapshot_at = excluded.snapshot_at""";

    private static final String COLUMNS = "day, timezone, records, lower_bound_records, priced_records, input_tokens, "
            + "output_tokens, cache_creation_tokens, cache_creation_1h_tokens, cache_read_tokens, input_cost_nanos, "
            + "output_cost_nanos, cache_creation_cost_nanos, cache_creation_1h_cost_nanos, cache_read_cost_nanos, "
            + "cost_nanos, active_loc, snapshot_at";

    private RollupStore() {}

    static void upsert(Connection c, List<Rollup> rollups) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Rollup r : rollups) {
                int i = 1;
                ps.setString(i++, r.day().toString());
                ps.setString(i++, r.timezone());
                ps.setLong(i++, r.records());
                ps.setLong(i++, r.lowerBoundRecords());
                ps.setLong(i++, r.pricedRecords());
                ps.setLong(i++, r.inputTokens());
                ps.setLong(i++, r.outputTokens());
                ps.setLong(i++, r.cacheWrite5mTokens());
                ps.setLong(i++, r.cacheWrite1hTokens());
                ps.setLong(i++, r.cacheReadTokens());
                ps.setLong(i++, r.inputCostNanos());
                ps.setLong(i++, r.outputCostNanos());
                ps.setLong(i++, r.cacheWrite5mCostNanos());
                ps.setLong(i++, r.cacheWrite1hCostNanos());
                ps.setLong(i++, r.cacheReadCostNanos());
                ps.setLong(i++, r.costNanos());
                EventStore.setLong(ps, i++, r.activeLoc());
                ps.setString(i, Times.format(r.snapshotAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Rollups of {@code timezone} with from <= day <= to (either bound may be null), by day. */
    static List<Rollup> list(Connection c, String timezone, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM daily_rollups "
                + "WHERE timezone = ? AND day >= ? AND day <= ? ORDER BY day")) {
            ps.setString(1, timezone);
            ps.setString(2, from == null ? "0000-00-00" : from.toString());
            ps.setString(3, to == null ? "9999-99-99" : to.toString());
            List<Rollup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Rollup(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            rs.getLong(15), rs.getLong(16), EventStore.nullableLong(rs, 17),
                            Times.parseStored(rs.getString(18))));
                }
            }
            return out;
        }
    }

    /** The stored row of one day in one timezone, or null. */
    static Rollup find(Connection c, LocalDate day, String timezone) throws SQLException {
        List<Rollup> one = list(c, timezone, day, day);
        return one.isEmpty() ? null : one.get(0);
    }

    /** The timezone of the prune with the latest cut, or null. */
    static String lastPruneTimezone(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT timezone FROM prunes ORDER BY before_ts DESC, id DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The timezones that have rollups, for a message when the asked one has none. */
    static List<String> timezones(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT timezone FROM daily_rollups ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Raw events before this instant were pruned (the latest prune), or null. */
    static Instant prunedBefore(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(before_ts) FROM prunes");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Times.parseStored(rs.getString(1));
        }
    }

    static void logPrune(Connection c, Instant before, String timezone, int deleted, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO prunes (before_ts, timezone, deleted_events, pruned_at) VALUES (?,?,?,?)")) {
            ps.setString(1, Times.format(before));
            ps.setString(2, timezone);
            ps.setLong(3, deleted);
            ps.setString(4, Times.format(now));
            ps.executeUpdate();
        }
    }
}
