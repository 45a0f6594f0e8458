package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Transcript imports in the ledger: cursors, sessions, and the counting rules for API responses.
 * Record keys are {@code cc:<message.id>:<requestId>}, so importing twice, or one response in two
 * files, never counts twice, and all copies of one message sit next to each other in the key index.
 */
final class TranscriptStore {
    private static final String SAME_MESSAGE = """
            SELECT record_key, input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens
              + cache_read_tokens, source
            FROM token_events WHERE record_key >= ? AND record_key < ?""";

    private TranscriptStore() {}

    static String key(String messageId, String requestId) {
        return "cc:" + messageId + ":" + (requestId == null ? "" : requestId);
    }

    /** Every stored cursor by path: one query for a whole import instead of one per file. */
    static java.util.Map<String, TranscriptCursor> cursors(Connection c) throws SQLException {
        java.util.Map<String, TranscriptCursor> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime_ms, file_key, offset, head_hash, "
                + "tail_hash, lines, malformed, session_id, project, agent_id FROM transcript_files");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), read(rs));
            }
        }
        return out;
    }

    static TranscriptCursor cursor(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime_ms, file_key, offset, head_hash, "
                + "tail_hash, lines, malformed, session_id, project, agent_id FROM transcript_files WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return read(rs);
            }
        }
    }

    private static TranscriptCursor read(ResultSet rs) throws SQLException {
        return new TranscriptCursor(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }

    /** Writes batches in order, each as {@link #write(Connection, EventStore.Writer, Instant, TranscriptBatch)}. */
    static TranscriptBatch.Outcome write(Connection c, PriceTable prices, Instant now, List<TranscriptBatch> batches)
            throws SQLException {
        TranscriptBatch.Outcome sum = TranscriptBatch.Outcome.NONE;
        // One writer for all: the rollup cells touched by every batch are written once, at its close.
        try (EventStore.Writer w = new EventStore.Writer(c, prices, EventDefaults.NONE, now)) {
            for (TranscriptBatch b : batches) {
                sum = sum.plus(write(c, w, now, b));
            }
        }
        return sum;
    }

    /** Writes one batch: responses by the counting rules, sessions, then the cursor. */
    private static TranscriptBatch.Outcome write(Connection c, EventStore.Writer w, Instant now,
            TranscriptBatch batch) throws SQLException {
        long added = 0;
        long replaced = 0;
        long duplicates = 0;
        // Main-chain copies first: a sidechain copy of the same message is then recognised as a replay.
        List<TranscriptBatch.Response> ordered = new ArrayList<>(batch.responses());
        ordered.sort(Comparator.comparing(TranscriptBatch.Response::sidechain));
        {
            PreparedStatement same = StatementCache.prepare(c, SAME_MESSAGE);
            for (TranscriptBatch.Response r : ordered) {
                String key = r.event().recordKey();
                if (r.messageId() == null) {
                    if (exists(c, key)) {
                        duplicates++;
                    } else {
                        w.write(r.event());
                        added++;
                    }
                    continue;
                }
                String prefix = "cc:" + r.messageId() + ":";
                same.setString(1, prefix);
                same.setString(2, "cc:" + r.messageId() + ";"); // ';' sorts right after ':'
                long existingTotal = -1;
                boolean existingSidechain = false;
                boolean replayOfMain = false;
                List<String> replays = new ArrayList<>();
                try (ResultSet rs = same.executeQuery()) {
                    while (rs.next()) {
                        String otherKey = rs.getString(1);
                        boolean otherSidechain = TranscriptBatch.SIDECHAIN.equals(rs.getString(3));
                        if (otherKey.equals(key)) {
                            existingTotal = rs.getLong(2);
                            existingSidechain = otherSidechain;
                        } else if (!otherSidechain) {
                            replayOfMain = true;
                        } else {
                            replays.add(otherKey);
                        }
                    }
                }
                if (r.sidechain() && replayOfMain) {
                    duplicates++; // a subagent's replay of a parent's message under a new requestId
                    continue;
                }
                if (!r.sidechain()) {
                    for (String k : replays) { // replays imported before their parent's copy
                        w.events().delete(k);
                        replaced++;
                    }
                }
                if (existingTotal < 0) {
                    w.write(r.event());
                    added++;
                } else if (r.total() > existingTotal || r.total() == existingTotal && existingSidechain && !r.sidechain()) {
                    w.write(r.event()); // a later, larger snapshot of the same response
                    replaced++;
                } else {
                    duplicates++;
                }
            }
        }
        for (TranscriptBatch.SessionSeen s : batch.sessions()) {
            upsertSession(c, s);
        }
        putCursor(c, batch.cursorAfter(), now);
        return new TranscriptBatch.Outcome(added, replaced, duplicates);
    }

    private static boolean exists(Connection c, String key) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, "SELECT 1 FROM token_events WHERE record_key = ?");
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static void upsertSession(Connection c, TranscriptBatch.SessionSeen s) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, """
                INSERT INTO sessions (session_id, agent_id, project, cwd, git_branch, version, first_ts, last_ts, subagent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_id, agent_id) DO UPDATE SET
                  project = COALESCE(excluded.project, project), cwd = COALESCE(excluded.cwd, cwd),
                  git_branch = COALESCE(excluded.git_branch, git_branch), version = COALESCE(excluded.version, version),
                  first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)""");
        {
            ps.setString(1, s.sessionId());
            ps.setString(2, s.agentId() == null ? "" : s.agentId());
            ps.setString(3, s.project());
            ps.setString(4, s.cwd());
            ps.setString(5, s.gitBranch());
            ps.setString(6, s.version());
            ps.setString(7, Times.format(s.first()));
            ps.setString(8, Times.format(s.last()));
            ps.setInt(9, s.subagent() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    private static void putCursor(Connection c, TranscriptCursor k, Instant now) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, """
                INSERT INTO transcript_files (path, size, mtime_ms, file_key, offset, head_hash, tail_hash, lines,
                  malformed, session_id, project, agent_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
                  file_key = excluded.file_key, offset = excluded.offset, head_hash = excluded.head_hash,
                  tail_hash = excluded.tail_hash, lines = excluded.lines, malformed = excluded.malformed, session_id = excluded.session_id,
                  project = excluded.project, agent_id = excluded.agent_id, updated_at = excluded.updated_at""");
        {
            ps.setString(1, k.path());
            ps.setLong(2, k.size());
            ps.setLong(3, k.mtimeMs());
            ps.setString(4, k.fileKey());
            ps.setLong(5, k.offset());
            ps.setString(6, k.headHash());
            ps.setString(7, k.tailHash());
            ps.setLong(8, k.lines());
            ps.setLong(9, k.malformed());
            ps.setString(10, k.sessionId());
            ps.setString(11, k.project());
            ps.setString(12, k.agentId());
            ps.setString(13, Times.format(now));
            ps.executeUpdate();
        }
    }
}
