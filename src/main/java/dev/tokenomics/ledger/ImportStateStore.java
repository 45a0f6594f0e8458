package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** import_state: the cursors of the agent sources after Claude Code, and the writing of their batches. */
final class ImportStateStore {
    private ImportStateStore() {}

    static Map<String, ImportCursor> cursors(Connection c, String source) throws SQLException {
        Map<String, ImportCursor> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime_ms, \"offset\", head_hash, lines, "
                + "malformed, state FROM import_state WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new ImportCursor(source, rs.getString(1), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * New keys are written through the one writer; a key already stored is a copy, counted and left (or,
     * for a replacing batch, rewritten). One writer and one set of statements serve every batch of the
     * transaction: a source of many small files (OpenCode's JSON storage) hands thousands of batches at
     * once, and preparing the statements per batch was most of its import.
     */
    static SourceBatch.Outcome write(Connection c, PriceTable prices, Instant now, List<SourceBatch> batches)
            throws SQLException {
        SourceBatch.Outcome o = SourceBatch.Outcome.NONE;
        try (EventStore.Writer w = new EventStore.Writer(c, prices, EventDefaults.NONE, now);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM token_events WHERE record_key = ?");
                PreparedStatement cursor = c.prepareStatement(CURSOR_UPSERT)) {
            for (SourceBatch b : batches) {
                o = o.plus(write(w, exists, cursor, c, now, b));
            }
        }
        return o;
    }

    private static final String CURSOR_UPSERT = """
            INSERT INTO import_state (source, path, size, mtime_ms, "offset", head_hash, lines, malformed, state,
              updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
              "offset" = excluded."offset", head_hash = excluded.head_hash, lines = excluded.lines,
              malformed = excluded.malformed, state = excluded.state, updated_at = excluded.updated_at""";

    private static SourceBatch.Outcome write(EventStore.Writer w, PreparedStatement exists, PreparedStatement ps,
            Connection c, Instant now, SourceBatch batch) throws SQLException {
        long added = 0;
        long replaced = 0;
        long duplicates = 0;
        // Which keys are stored decides what is written; the writes then go through the writer's batch
        // path (one executeBatch), as a Claude Code import's do.
        List<EventInput> toWrite = new java.util.ArrayList<>(batch.events().size());
        java.util.Set<String> inBatch = new java.util.HashSet<>();
        for (EventInput e : batch.events()) {
            boolean stored = !inBatch.add(e.recordKey()); // a key twice in one batch: the second is a copy
            if (!stored) {
                exists.setString(1, e.recordKey());
                try (ResultSet rs = exists.executeQuery()) {
                    stored = rs.next();
                }
            }
            if (stored && !batch.replace()) {
                duplicates++;
                continue;
            }
            toWrite.add(e);
            if (stored) {
                replaced++;
            } else {
                added++;
            }
        }
        if (!toWrite.isEmpty()) {
            w.writeAll(toWrite);
        }
        ImportCursor k = batch.cursorAfter();
        {
            ps.setString(1, k.source());
            ps.setString(2, k.path());
            ps.setLong(3, k.size());
            ps.setLong(4, k.mtimeMs());
            ps.setLong(5, k.offset());
            ps.setString(6, k.headHash());
            ps.setLong(7, k.lines());
            ps.setLong(8, k.malformed());
            ps.setString(9, k.state());
            ps.setString(10, Times.format(now));
            ps.executeUpdate();
        }
        if (batch.run() != null) {
            WorkflowStore.putRun(c, batch.run(), now);
        }
        return new SourceBatch.Outcome(added, replaced, duplicates);
    }
}
