package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Transcript imports in the ledger: cursors, sessions, and the counting rules for API responses.
 * Record keys are {@code cc:<message.id>:<requestId>}, so importing twice, or one response in two
 * files, never counts twice, and all copies of one message sit next to each other in the key index.
 */
final class TranscriptStore {
    /** Message ids looked up per query; the last query of a batch fills its spare ranges with empty ones. */
    static final int LOOKUP_RANGES = 64;
    /**
     * The stored copies of up to {@link #LOOKUP_RANGES} messages: each (lo, hi) pair is the range of
     * one message's record keys, each a search of the record_key index (EXPLAIN QUERY PLAN: SCAN k,
     * SEARCH t USING INDEX sqlite_autoindex_token_events_1).
     */
    private static final String SAME_MESSAGES = "WITH k(lo, hi) AS (VALUES "
            + String.join(", ", java.util.Collections.nCopies(LOOKUP_RANGES, "(?, ?)")) + ") "
            + "SELECT k.lo, t.record_key, t.input_tokens + t.output_tokens + t.cache_creation_tokens "
            + "+ t.cache_creation_1h_tokens + t.cache_read_tokens, t.source "
            + "FROM k JOIN token_events t ON t.record_key >= k.lo AND t.record_key < k.hi";

    private TranscriptStore() {}

    static String key(String messageId, String requestId) {
        return "cc:" + messageId + ":" + (requestId == null ? "" : requestId);
    }

    /** Every stored cursor by path: one query for a whole import instead of one per file. */
    static java.util.Map<String, TranscriptCursor> cursors(Connection c) throws SQLException {
        java.util.Map<String, TranscriptCursor> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime_ms, file_key, \"offset\", head_hash, "
                + "tail_hash, lines, malformed, session_id, project, agent_id FROM transcript_files");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), read(rs));
            }
        }
        return out;
    }

    static TranscriptCursor cursor(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime_ms, file_key, \"offset\", head_hash, "
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
        Map<String, List<Copy>> stored = storedCopies(c, ordered);
        List<EventInput> toWrite = new ArrayList<>();
        for (TranscriptBatch.Response r : ordered) {
            String key = r.event().recordKey();
            if (r.messageId() == null) {
                // Keys are distinct within a batch (the reader kept one response per key), and the
                // batches before this one are written: the ledger has the answer.
                if (exists(c, key)) {
                    duplicates++;
                } else {
                    toWrite.add(r.event());
                    added++;
                }
                continue;
            }
            List<Copy> copies = stored.computeIfAbsent(r.messageId(), m -> new ArrayList<>());
            Copy existing = null;
            boolean replayOfMain = false;
            List<String> replays = new ArrayList<>();
            for (Copy other : copies) {
                if (other.key().equals(key)) {
                    existing = other;
                } else if (!other.sidechain()) {
                    replayOfMain = true;
                } else {
                    replays.add(other.key());
                }
            }
            if (r.sidechain() && replayOfMain) {
                duplicates++; // a subagent's replay of a parent's message under a new requestId
                continue;
            }
            if (!r.sidechain()) {
                // Replays imported before their parent's copy. Only stored ones: every main-chain
                // response of this batch comes before its sidechain ones, so none of them is waiting.
                for (String k : replays) {
                    w.events().delete(k);
                    replaced++;
                    copies.removeIf(x -> x.key().equals(k));
                }
            }
            boolean write;
            if (existing == null) {
                write = true;
                added++;
            } else if (r.total() > existing.total() || r.total() == existing.total() && existing.sidechain()
                    && !r.sidechain()) {
                write = true; // a later, larger snapshot of the same response
                replaced++;
                copies.remove(existing);
            } else {
                write = false;
                duplicates++;
            }
            if (write) {
                toWrite.add(r.event());
                copies.add(new Copy(key, r.total(), r.sidechain()));
            }
        }
        if (!toWrite.isEmpty()) {
            w.writeAll(toWrite); // in order, as a write of each would: one batched insert
        }
        for (TranscriptBatch.SessionSeen s : batch.sessions()) {
            upsertSession(c, s);
        }
        putCursor(c, batch.cursorAfter(), now);
        return new TranscriptBatch.Outcome(added, replaced, duplicates);
    }

    /** A stored copy of a message: its record key, its token total, whether a subagent's. */
    private record Copy(String key, long total, boolean sidechain) {}

    /**
     * Every stored copy of the batch's messages (all record keys {@code cc:<id>:...}), by message
     * id: one query per {@link #LOOKUP_RANGES} messages instead of one per response.
     */
    private static Map<String, List<Copy>> storedCopies(Connection c, List<TranscriptBatch.Response> responses)
            throws SQLException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(responses.stream()
                .map(TranscriptBatch.Response::messageId).filter(java.util.Objects::nonNull).toList()));
        Map<String, List<Copy>> out = new HashMap<>();
        Map<String, String> idOfPrefix = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_RANGES) {
            PreparedStatement ps = StatementCache.prepare(c, SAME_MESSAGES);
            for (int i = 0; i < LOOKUP_RANGES; i++) {
                String id = from + i < ids.size() ? ids.get(from + i) : null;
                String prefix = id == null ? "" : "cc:" + id + ":";
                ps.setString(2 * i + 1, prefix);
                ps.setString(2 * i + 2, id == null ? "" : "cc:" + id + ";"); // ';' sorts right after ':'; '' to '': none
                if (id != null) {
                    idOfPrefix.put(prefix, id);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(idOfPrefix.get(rs.getString(1)), k -> new ArrayList<>()).add(new Copy(
                            rs.getString(2), rs.getLong(3), TranscriptBatch.SIDECHAIN.equals(rs.getString(4))));
                }
            }
        }
        return out;
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
                  project = COALESCE(excluded.project, sessions.project), cwd = COALESCE(excluded.cwd, sessions.cwd),
                  git_branch = COALESCE(excluded.git_branch, sessions.git_branch),
                  version = COALESCE(excluded.version, sessions.version),
                  first_ts = CASE WHEN excluded.first_ts < sessions.first_ts THEN excluded.first_ts ELSE sessions.first_ts END,
                  last_ts = CASE WHEN excluded.last_ts > sessions.last_ts THEN excluded.last_ts ELSE sessions.last_ts END""");
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
                INSERT INTO transcript_files (path, size, mtime_ms, file_key, \"offset\", head_hash, tail_hash, lines,
                  malformed, session_id, project, agent_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
                  file_key = excluded.file_key, "offset" = excluded."offset", head_hash = excluded.head_hash,
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
