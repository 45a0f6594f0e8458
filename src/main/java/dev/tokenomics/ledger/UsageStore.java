package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage views' SQL: measured events only (every source but self-report), or the sources asked
 * for. Rows are grouped by source too, so each view can break its rows down by agent.
 */
final class UsageStore {
    private static final String SUMS = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens), "
            + "SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0), "
            + "COUNT(*) - COUNT(cost_nanos), MIN(ts), MAX(ts)";
    private static final String MEASURED = "source <> '" + Sources.SELF_REPORT + "'";
    private static final String PROJECT = " AND session_id IN (SELECT session_id FROM sessions WHERE project = ?)";

    private UsageStore() {}

    /** Sums per time slot and model; the slot is the first {@code slotChars} characters of ts (13: hour, 16: minute). */
    static List<UsageRow> bySlot(Connection c, Instant since, Instant until, UsageFilter f, int slotChars)
            throws SQLException {
        String sql = "SELECT substr(ts, 1, " + slotChars + "), model, source, " + SUMS + " FROM token_events INDEXED BY "
                + "ix_token_events_ts WHERE " + where(f) + " GROUP BY 1, 2, 3";
        String pad = slotChars == 13 ? ":00:00.000Z" : ":00.000Z";
        return rows(c, sql, since, until, f, rs -> Times.parseStored(rs.getString(1) + pad), false);
    }

    /** The sources, the window, then the project's and the machine's conditions: bound in that order by {@link #rows}. */
    private static String where(UsageFilter f) {
        String which = f.sources() == null ? MEASURED
                : "source IN (" + String.join(", ", java.util.Collections.nCopies(Sources.stored(f.sources()).size(), "?"))
                        + ")";
        return which + " AND ts >= ? AND ts < ?" + (f.project() == null ? "" : PROJECT)
                + (f.machine() == null ? "" : " AND machine = ?");
    }

    /** Sums per session and model. */
    static List<UsageRow> bySession(Connection c, Instant since, Instant until, UsageFilter f) throws SQLException {
        String sql = "SELECT session_id, model, source, " + SUMS + " FROM token_events INDEXED BY ix_token_events_ts "
                + "WHERE " + where(f) + " GROUP BY 1, 2, 3";
        return rows(c, sql, since, until, f, rs -> null, true);
    }

    /** Every entry, oldest first: the 5-hour blocks need each one's time. */
    static List<UsageRow> entries(Connection c, Instant since, Instant until, UsageFilter f) throws SQLException {
        String sql = "SELECT ts, model, source, 1, input_tokens, output_tokens, cache_creation_tokens, cache_creation_1h_tokens, "
                + "cache_read_tokens, COALESCE(cost_nanos, 0), CASE WHEN cost_nanos IS NULL THEN 1 ELSE 0 END, ts, ts FROM token_events INDEXED BY "
                + "ix_token_events_ts WHERE " + where(f) + " ORDER BY ts";
        return rows(c, sql, since, until, f, rs -> Times.parseStored(rs.getString(1)), false);
    }

    /** Project, cwd, git branch and version of each session's main conversation (or any agent of it). */
    static Map<String, String[]> sessions(Connection c) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_id, project, cwd, git_branch, version FROM sessions ORDER BY session_id, agent_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.putIfAbsent(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)});
            }
        }
        return out;
    }

    private interface Slot {
        Instant of(ResultSet rs) throws SQLException;
    }

    private static List<UsageRow> rows(Connection c, String sql, Instant since, Instant until, UsageFilter f,
            Slot slot, boolean keyed) throws SQLException {
        List<UsageRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(sql))) {
            int i = 1;
            if (f.sources() != null) {
                for (String s : Sources.stored(f.sources())) {
                    ps.setString(i++, s);
                }
            }
            ps.setString(i++, Times.format(since));
            ps.setString(i++, Times.format(until));
            if (f.project() != null) {
                ps.setString(i++, f.project());
            }
            if (f.machine() != null) {
                ps.setString(i, f.machine());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UsageRow(slot.of(rs), keyed ? rs.getString(1) : null, rs.getString(2),
                            Sources.agentOf(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                            Times.parseStored(rs.getString(12)), Times.parseStored(rs.getString(13))));
                }
            }
        }
        return out;
    }
}
