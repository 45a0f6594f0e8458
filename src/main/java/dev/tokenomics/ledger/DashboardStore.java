package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's grouped reads over one window: by repo, workstream and model, and the costliest tasks. */
public final class DashboardStore {
    /** One group's sums; {@code dominantModel} (workstreams) and {@code status}/{@code title} (tasks) may be null. */
    public record Group(String key, long events, long inputTokens, long outputTokens, long cacheWriteTokens,
            long cacheReadTokens, long costNanos, long unpricedEvents, String dominantModel, String status,
            String title) {
        public long totalTokens() {
            return inputTokens + outputTokens + cacheWriteTokens + cacheReadTokens;
        }
    }

    public record Groups(List<Group> repos, List<Group> workstreams, List<Group> models, List<Group> topTasks) {}

    private static final String SUMS = "COUNT(*), SUM(input_tokens), SUM(output_tokens), "
            + "SUM(cache_creation_tokens + cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), "
            + "COUNT(*) - COUNT(cost_nanos)";
    private static final String TOKENS = "SUM(input_tokens + output_tokens + cache_creation_tokens "
            + "+ cache_creation_1h_tokens + cache_read_tokens)";

    private DashboardStore() {}

    static Groups read(Connection c, Instant since, Instant until) throws SQLException {
        List<Group> repos = groups(c, "SELECT COALESCE(repo, '(none)'), " + SUMS + " FROM token_events "
                + "WHERE ts >= ? AND ts < ? GROUP BY repo ORDER BY " + TOKENS + " DESC LIMIT 12", since, until);
        List<Group> models = groups(c, "SELECT COALESCE(model, '(none)'), " + SUMS + " FROM token_events "
                + "WHERE ts >= ? AND ts < ? GROUP BY model ORDER BY 7 DESC, " + TOKENS + " DESC", since, until);
        Map<String, String> dominant = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT workstream, COALESCE(model, '(none)'), "
                + "COALESCE(SUM(cost_nanos), 0), " + TOKENS + " FROM token_events WHERE ts >= ? AND ts < ? AND "
                + "workstream IS NOT NULL GROUP BY workstream, model ORDER BY workstream, 3 DESC, 4 DESC")) {
            ps.setString(1, Times.format(since));
            ps.setString(2, Times.format(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dominant.putIfAbsent(rs.getString(1), rs.getString(2)); // first row per workstream: the costliest
                }
            }
        }
        List<Group> workstreams = new ArrayList<>();
        for (Group g : groups(c, "SELECT COALESCE(workstream, '(none)'), " + SUMS + " FROM token_events "
                + "WHERE ts >= ? AND ts < ? GROUP BY workstream ORDER BY 7 DESC, " + TOKENS + " DESC", since, until)) {
            workstreams.add(new Group(g.key(), g.events(), g.inputTokens(), g.outputTokens(), g.cacheWriteTokens(),
                    g.cacheReadTokens(), g.costNanos(), g.unpricedEvents(), dominant.get(g.key()), null, null));
        }
        List<Group> tasks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.task_id, " + SUMS.replace("SUM(", "SUM(e.")
                .replace("COUNT(*)", "COUNT(*)") + ", t.status, t.title FROM token_events e LEFT JOIN tasks t "
                + "ON t.task_id = e.task_id WHERE e.ts >= ? AND e.ts < ? AND e.task_id IS NOT NULL "
                + "GROUP BY e.task_id ORDER BY 7 DESC, 2 DESC LIMIT 10")) {
            ps.setString(1, Times.format(since));
            ps.setString(2, Times.format(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new Group(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), null, rs.getString(9), rs.getString(10)));
                }
            }
        }
        return new Groups(repos, workstreams, models, tasks);
    }

    private static List<Group> groups(Connection c, String sql, Instant since, Instant until) throws SQLException {
        List<Group> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Times.format(since));
            ps.setString(2, Times.format(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Group(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), null, null, null));
                }
            }
        }
        return out;
    }
}
