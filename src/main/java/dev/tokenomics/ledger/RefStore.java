package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The SQL of refs. */
final class RefStore {
    private static final String UPSERT = """
            INSERT INTO refs (ref_type, ref_id, repo, title, loc_added, loc_removed, merged_at, source,
              created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (ref_type, ref_id) DO UPDATE SET
              repo = excluded.repo, title = excluded.title, loc_added = excluded.loc_added,
              loc_removed = excluded.loc_removed, merged_at = excluded.merged_at, source = excluded.source,
              updated_at = excluded.updated_at""";

    private RefStore() {}

    /** Prepared once per transaction, reused for every ref of an import. */
    static final class Writer implements AutoCloseable {
        private final PreparedStatement upsert;
        private final PreparedStatement existing;
        private final String now;

        Writer(Connection c, String now) throws SQLException {
            this.upsert = c.prepareStatement(UPSERT);
            this.existing = c.prepareStatement("SELECT 1 FROM refs WHERE ref_type = ? AND ref_id = ?");
            this.now = now;
        }

        /** Upserts {@code r}; true when it replaced a ref with the same key. */
        boolean write(Ref r) throws SQLException {
            existing.setString(1, r.refType());
            existing.setString(2, r.refId());
            boolean replaced;
            try (ResultSet rs = existing.executeQuery()) {
                replaced = rs.next();
            }
            int i = 1;
            upsert.setString(i++, r.refType());
            upsert.setString(i++, r.refId());
            upsert.setString(i++, r.repo());
            upsert.setString(i++, r.title());
            upsert.setLong(i++, r.locAdded());
            upsert.setLong(i++, r.locRemoved());
            upsert.setString(i++, Times.format(r.mergedAt()));
            upsert.setString(i++, r.source());
            upsert.setString(i++, now);
            upsert.setString(i, now);
            upsert.executeUpdate();
            return replaced;
        }

        @Override
        public void close() throws SQLException {
            upsert.close();
            existing.close();
        }
    }

    static Map<Ref.Key, Ref> all(Connection c) throws SQLException {
        Map<Ref.Key, Ref> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ref_type, ref_id, repo, title, loc_added, loc_removed, merged_at, source FROM refs");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] merged = rs.getBytes(7); // the fixed-width parser: a report reads every ref
                Ref r = new Ref(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), merged == null ? null : Instant.ofEpochMilli(ReportQueries.epochMillis(merged, 0)),
                        rs.getString(8));
                out.put(r.key(), r);
            }
        }
        return out;
    }

    /** How many events carry the ref: tells a caller whether its ids match the events'. */
    static long eventCount(Connection c, Ref.Key key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM token_events WHERE ref_type = ? AND ref_id = ?")) {
            ps.setString(1, key.refType());
            ps.setString(2, key.refId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
