package dev.tokenomics.ledger;

import dev.tokenomics.pricing.Usage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouped reads behind cost insights: every query is over one time window, so it starts from
 * the ts index, and groups by constant columns only.
 */
public final class LedgerInsights {
    private final Database db;
    /** A workflow run's id: only its events; null: all. */
    private final String run;

    LedgerInsights(Database db) {
        this(db, null);
    }

    private LedgerInsights(Database db, String run) {
        this.db = db;
        this.run = run;
    }

    /** The same reads over one Claude Code workflow run's events only (its agents'). */
    public LedgerInsights scopedTo(String workflowRun) {
        return new LedgerInsights(db, EventInput.text("run", workflowRun, EventInput.MAX_ID_LENGTH));
    }

    /** The window's condition, and the run's when scoped: bound by {@link #window}. */
    private String where() {
        return "ts >= ? AND ts < ?" + (run == null ? "" : " AND ref_type = '" + WorkflowStore.REF_TYPE + "' AND ref_id = ?");
    }

    /** What to group by. MINUTE groups by the UTC minute, fine enough to rebucket into any zone's days. */
    public enum By {
        SESSION("session_id"), TASK("task_id"), STAGE("stage"), TASK_STAGE("task_id, stage"),
        MINUTE("substr(ts, 1, 16)");

        final String columns;

        By(String columns) {
            this.columns = columns;
        }

        boolean twoKeys() {
            return this == TASK_STAGE;
        }
    }

    /** One group: its key (and second key for TASK_STAGE), totals, and how many of its events had status error. */
    public record Row(String key, String key2, Totals totals, long errorEvents) {}

    /** Summed usage of the priced events in a window, split by whether one event's prompt exceeds a threshold. */
    public record UsageSplit(boolean aboveThreshold, Usage usage, long costNanos, long events) {}

    public Totals totals(Instant since, Instant until) {
        return db.read("add up a window", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + Totals.COLUMNS + " FROM token_events WHERE " + where())) {
                window(ps, since, until, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Totals.read(rs, 1);
                }
            }
        });
    }

    /** Groups with a non-null key, in key order. */
    public List<Row> grouped(By by, Instant since, Instant until) {
        int keys = by.twoKeys() ? 2 : 1;
        String notNull = by.twoKeys() ? "task_id IS NOT NULL AND stage IS NOT NULL"
                : (by == By.MINUTE ? "1 = 1" : by.columns + " IS NOT NULL");
        String sql = "SELECT " + by.columns + ", " + Totals.COLUMNS
                + ", COALESCE(SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), 0) "
                + "FROM token_events WHERE " + where() + " AND " + notNull
                + " GROUP BY " + by.columns + " ORDER BY " + by.columns;
        return db.read("group a window by " + by, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                window(ps, since, until, 1);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), keys == 2 ? rs.getString(2) : null, Totals.read(rs, keys + 1),
                                rs.getLong(keys + 10)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The priced events' usage, summed separately for events whose prompt (input + cache writes +
     * cache reads) is above {@code thresholdTokens} and for the rest: enough to reprice every
     * event exactly at another model's rates, long-context tier included, without reading each row.
     */
    public List<UsageSplit> pricedUsage(long thresholdTokens, Instant since, Instant until) {
        String sql = "SELECT CASE WHEN (input_tokens + cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens)"
                + " > ? THEN 1 ELSE 0 END,"
                + " SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens),"
                + " SUM(cache_read_tokens), SUM(cost_nanos), COUNT(*) FROM token_events"
                + " WHERE " + where() + " AND cost_nanos IS NOT NULL GROUP BY 1";
        return db.read("split usage by prompt size", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, thresholdTokens);
                window(ps, since, until, 2);
                List<UsageSplit> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new UsageSplit(rs.getInt(1) == 1, new Usage(rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6)), rs.getLong(7), rs.getLong(8)));
                    }
                }
                return out;
            }
        });
    }

    private void window(PreparedStatement ps, Instant since, Instant until, int first) throws SQLException {
        ps.setString(first, Times.format(since));
        ps.setString(first + 1, Times.format(until));
        if (run != null) {
            ps.setString(first + 2, run);
        }
    }
}
