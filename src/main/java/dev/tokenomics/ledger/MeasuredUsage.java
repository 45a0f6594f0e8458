package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task cost as measured from imported transcripts, beside what was self-reported. The
 * task's window runs from its first in_progress to the done after it (or to now while it runs).
 * Sessions: those its status changes name ({@code method} "session_id"); else, when exactly one
 * imported session of the task's repo (the transcript's cwd ends in the repo's name) was active in
 * the window, that one ("interval_match"). Only that session's usage inside the window counts.
 */
public record MeasuredUsage(String method, List<String> sessionIds, Instant since, Instant until, Totals totals) {

    static MeasuredUsage of(Connection c, Task task, List<StatusChange> history, Instant now) throws SQLException {
        Instant since = null;
        Instant until = null;
        List<String> named = new ArrayList<>();
        for (StatusChange h : history) {
            if (since == null && "in_progress".equals(h.toStatus())) {
                since = h.ts();
            }
            if (since != null && until == null && "done".equals(h.toStatus())) {
                until = h.ts();
            }
            if (h.sessionId() != null && !named.contains(h.sessionId())) {
                named.add(h.sessionId());
            }
        }
        if (since == null) {
            return null; // never started: no window to measure
        }
        Instant end = until != null ? until : now;
        String method = "session_id";
        List<String> sessions = named;
        if (sessions.isEmpty()) {
            if (task == null || task.repo() == null) {
                return null;
            }
            sessions = activeSessions(c, task.repo(), since, end);
            if (sessions.size() != 1) {
                return null; // none, or ambiguous: guessing would not be a measurement
            }
            method = "interval_match";
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < sessions.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Totals.COLUMNS + " FROM token_events "
                + "WHERE source IN ('claude-code', 'claude-code/sidechain', 'codex') AND ts >= ? AND ts <= ? AND session_id IN ("
                + in + ")")) {
            ps.setString(1, Times.format(since));
            ps.setString(2, Times.format(end));
            for (int i = 0; i < sessions.size(); i++) {
                ps.setString(3 + i, sessions.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Totals t = Totals.read(rs, 1);
                return t.events() == 0 ? null : new MeasuredUsage(method, List.copyOf(sessions), since, end, t);
            }
        }
    }

    private static List<String> activeSessions(Connection c, String repo, Instant since, Instant until)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT session_id FROM sessions "
                + "WHERE agent_id = '' AND (cwd = ? OR cwd LIKE ? ESCAPE '\\') AND first_ts <= ? AND last_ts >= ?")) {
            ps.setString(1, repo);
            ps.setString(2, "%/" + repo.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
            ps.setString(3, Times.format(until));
            ps.setString(4, Times.format(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
