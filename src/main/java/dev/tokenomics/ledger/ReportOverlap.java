package dev.tokenomics.ledger;

import dev.tokenomics.ledger.ReportQueries.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's reconciliation reads: the self-reported events of work that was also measured in
 * the window (same session, a task tied to a session, or one measured session of the repo during
 * the self-report's interval), and the measured side of that work. Run only when a window holds
 * both kinds (see {@link #mixes}).
 */
final class ReportOverlap {
    private ReportOverlap() {}

    static boolean mixes(List<ReportRows.DimRow> dims) {
        boolean self = false;
        boolean measured = false;
        for (ReportRows.DimRow d : dims) {
            self |= Sources.SELF_REPORT.equals(d.source());
            measured |= Sources.measured(d.source());
        }
        return self && measured;
    }

    /**
     * A self-report that names no session but has an interval and a repo, during which exactly one
     * measured session of that repo has events: that session did the work (the rule MeasuredUsage
     * uses for a task, "interval_match"); two or more sessions at once leave it unmatched.
     */
    private static final String ONE_SESSION_DURING = """
            s.session_id IS NULL AND s.repo IS NOT NULL AND s.ts_start < s.ts
                AND (SELECT COUNT(DISTINCT o.session_id) FROM token_events o WHERE o.repo = s.repo
                     AND o.source <> 'self-report' AND o.session_id IS NOT NULL AND o.ts >= s.ts_start
                     AND o.ts <= s.ts) = 1""";

    /**
     * Self-reported events of work that was also measured in the window, by dimension: their session
     * has measured events, their task's status changes name a session that has (a task tied to a
     * session), or one measured session of their repo ran during their interval (overlapping time).
     * The inner windows are written apart from the report window so that narrowing replaces the outer
     * one only.
     */
    static final String OVERLAP_SELF = """
            SELECT stage, structure, role, model, usage_complete, status, source, COUNT(*), SUM(input_tokens),
              SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens),
              COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), COUNT(*) - COUNT(ts_start)
            FROM token_events s
            WHERE ts >= ? AND ts < ? AND source = 'self-report'
              AND (s.session_id IS NOT NULL AND EXISTS (SELECT 1 FROM token_events m WHERE m.session_id = s.session_id
                          AND m.source <> 'self-report' AND m.ts >= ? AND m.ts < ?)
                OR s.task_id IS NOT NULL AND EXISTS (SELECT 1 FROM task_status_history h JOIN token_events m
                          ON m.session_id = h.session_id WHERE h.task_id = s.task_id
                          AND m.source <> 'self-report' AND m.ts >= ? AND m.ts < ?)""" + " OR (" + ONE_SESSION_DURING
            + "))\n GROUP BY stage, structure, role, model, usage_complete, status, source";

    /** The measured side of the same work: complete records only, as the cost tables count. */
    static final String OVERLAP_MEASURED = """
            SELECT COUNT(DISTINCT session_id), COUNT(*),
              COALESCE(SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens
                + cache_read_tokens), 0), COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos)
            FROM token_events m
            WHERE ts >= ? AND ts < ? AND source <> 'self-report' AND usage_complete = 1
              AND (session_id IN (SELECT s.session_id FROM token_events s WHERE s.source = 'self-report'
                                  AND s.session_id IS NOT NULL AND s.ts >= ? AND s.ts < ?)
                OR session_id IN (SELECT h.session_id FROM task_status_history h WHERE h.session_id IS NOT NULL
                                  AND h.task_id IN (SELECT s.task_id FROM token_events s WHERE s.source = 'self-report'
                                                    AND s.task_id IS NOT NULL AND s.ts >= ? AND s.ts < ?))
                OR session_id IN (SELECT d.session_id FROM token_events s JOIN token_events d ON d.repo = s.repo
                                    AND d.source <> 'self-report' AND d.session_id IS NOT NULL AND d.ts >= s.ts_start
                                    AND d.ts <= s.ts
                                  WHERE s.source = 'self-report' AND s.ts >= ? AND s.ts < ?""" + " AND ("
            + ONE_SESSION_DURING + ")))";

    static ReportRows.Overlap read(Connection c, Source src, String since, String until) throws SQLException {
        List<ReportRows.DimRow> self = new ArrayList<>();
        int inner = 4 + src.params().size();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.side(OVERLAP_SELF)))) {
            src.bindRaw(ps, since, until);
            for (int i = 0; i < 4; i++) {
                ps.setString(inner + i, i % 2 == 0 ? since : until);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    self.add(new ReportRows.DimRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) == 1, rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            rs.getLong(15), rs.getLong(16)));
                }
            }
        }
        if (self.isEmpty()) {
            return ReportRows.Overlap.NONE;
        }
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.side(OVERLAP_MEASURED)))) {
            src.bindRaw(ps, since, until);
            for (int i = 0; i < 6; i++) {
                ps.setString(inner + i, i % 2 == 0 ? since : until);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ReportRows.Overlap(rs.getLong(1), List.copyOf(self), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5));
            }
        }
    }
}
