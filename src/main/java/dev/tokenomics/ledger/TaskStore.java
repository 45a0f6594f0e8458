package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of tasks and task_status_history. */
final class TaskStore {
    private TaskStore() {}

    static Optional<Task> find(Connection c, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT task_id, title, status, workstream, repo, created_at, updated_at FROM tasks WHERE task_id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Times.parseStored(rs.getString(6)), Times.parseStored(rs.getString(7))));
            }
        }
    }

    static void insert(Connection c, TaskUpdate u, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tasks (task_id, title, status, workstream, repo, created_at, updated_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, u.taskId());
            ps.setString(2, u.title());
            ps.setString(3, u.status());
            ps.setString(4, u.workstream());
            ps.setString(5, u.repo());
            ps.setString(6, now);
            ps.setString(7, now);
            ps.executeUpdate();
        }
    }

    /** New status always; title, workstream and repo only where the update gives them. */
    static void update(Connection c, TaskUpdate u, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status = ?, title = COALESCE(?, title), "
                + "workstream = COALESCE(?, workstream), repo = COALESCE(?, repo), updated_at = ? WHERE task_id = ?")) {
            ps.setString(1, u.status());
            ps.setString(2, u.title());
            ps.setString(3, u.workstream());
            ps.setString(4, u.repo());
            ps.setString(5, now);
            ps.setString(6, u.taskId());
            ps.executeUpdate();
        }
    }

    static long addHistory(Connection c, String taskId, String from, String to, String note, String sessionId,
            Long eventId, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_status_history "
                + "(task_id, from_status, to_status, note, session_id, event_id, ts) VALUES (?,?,?,?,?,?,?) RETURNING id")) {
            ps.setString(1, taskId);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setString(4, note);
            ps.setString(5, sessionId);
            EventStore.setLong(ps, 6, eventId);
            ps.setString(7, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<StatusChange> history(Connection c, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, task_id, from_status, to_status, note, session_id, "
                + "event_id, ts FROM task_status_history WHERE task_id = ? ORDER BY ts, id")) {
            ps.setString(1, taskId);
            List<StatusChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StatusChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), EventStore.nullableLong(rs, 7),
                            Times.parseStored(rs.getString(8))));
                }
            }
            return out;
        }
    }

    /**
     * On a hub: one pushed change of {@code machine}'s, once. The task is created when new (from
     * the change's task fields); its status moves only when this change is not older than the
     * task's last update, so the newest change wins whatever order machines push in. Returns
     * whether the change was new. {@code eventId}: the hub's id of the event recorded with it.
     */
    static boolean receive(Connection c, String machine, SyncedChange ch, Long eventId, String now)
            throws SQLException {
        String ts = Times.format(ch.ts());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tasks (task_id, title, status, workstream, repo, "
                + "created_at, updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (task_id) DO NOTHING")) {
            ps.setString(1, ch.taskId());
            ps.setString(2, ch.title());
            ps.setString(3, ch.toStatus());
            ps.setString(4, ch.workstream());
            ps.setString(5, ch.repo());
            ps.setString(6, ts);
            ps.setString(7, ts);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_status_history (task_id, from_status, "
                + "to_status, note, session_id, event_id, ts, origin) VALUES (?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (origin) DO NOTHING")) {
            ps.setString(1, ch.taskId());
            ps.setString(2, ch.fromStatus());
            ps.setString(3, ch.toStatus());
            ps.setString(4, ch.note());
            ps.setString(5, ch.sessionId());
            EventStore.setLong(ps, 6, eventId);
            ps.setString(7, ts);
            ps.setString(8, machine + SyncLedger.KEY_SEPARATOR + ch.id());
            if (ps.executeUpdate() == 0) {
                return false; // pushed before
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status = CASE WHEN ? >= updated_at THEN ? "
                + "ELSE status END, title = COALESCE(title, ?), workstream = COALESCE(workstream, ?), "
                + "repo = COALESCE(repo, ?), updated_at = CASE WHEN ? > updated_at THEN ? ELSE updated_at END "
                + "WHERE task_id = ?")) {
            ps.setString(1, ts);
            ps.setString(2, ch.toStatus());
            ps.setString(3, ch.title());
            ps.setString(4, ch.workstream());
            ps.setString(5, ch.repo());
            ps.setString(6, ts);
            ps.setString(7, ts);
            ps.setString(8, ch.taskId());
            ps.executeUpdate();
        }
        return true;
    }

    /** Up to {@code limit} changes after {@code afterId}, in id order, as a sync push carries them. */
    static List<SyncedChange> changesAfter(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT h.id, h.task_id, h.from_status, h.to_status, h.note, "
                + "h.session_id, e.record_key, h.ts, t.title, t.workstream, t.repo FROM task_status_history h "
                + "JOIN tasks t ON t.task_id = h.task_id LEFT JOIN token_events e ON e.id = h.event_id "
                + "WHERE h.id > ? ORDER BY h.id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            List<SyncedChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SyncedChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), Times.parseStored(rs.getString(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
            return out;
        }
    }
}
