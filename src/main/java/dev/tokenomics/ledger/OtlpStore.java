package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * otlp_series and otlp_sessions, and the writing of an {@link OtlpBatch} through the one writer: the
 * cumulative series differenced against their stored values, the one-kind-per-session rule of
 * {@link OtlpBatch}, and record keys that make a retried export a copy.
 */
final class OtlpStore implements AutoCloseable {
    /**
     * A metric point sums many requests, so it says nothing of any one request's prompt; its prompt
     * tokens are stored in events of at most this many, so that no interval sum is priced at a model's
     * long-context rates (which apply to one request whose prompt passes 200k tokens, see Costs.cost).
     */
    static final long MAX_PROMPT_TOKENS_PER_METRIC_EVENT = 200_000;

    private final Connection c;
    private final String now;
    private final Map<String, OtlpBatch.Kind> kinds = new HashMap<>();
    /** Each statement prepared once per batch: an export of 500 points runs each hundreds of times. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private long removed;

    private OtlpStore(Connection c, Instant now) {
        this.c = c;
        this.now = Times.format(now);
    }

    static OtlpBatch.Outcome write(Connection c, PriceTable prices, Instant now, OtlpBatch batch)
            throws SQLException {
        long added = 0;
        long duplicates = 0;
        long leftOut = 0;
        try (OtlpStore store = new OtlpStore(c, now);
                EventStore.Writer w = new EventStore.Writer(c, prices, EventDefaults.NONE, now)) {
            PreparedStatement exists = store.statement("SELECT 1 FROM token_events WHERE record_key = ?");
            // The new events go in at the end, through the writer's batch path (as record --batch's do).
            List<EventInput> fresh = new ArrayList<>();
            for (OtlpBatch.Request r : batch.requests()) {
                if (!store.counts(w, r.event().sessionId(), r.kind())) {
                    leftOut++;
                } else if (stored(exists, r.event().recordKey())) {
                    duplicates++;
                } else {
                    fresh.add(r.event());
                    added++;
                }
            }
            for (OtlpBatch.MetricPoint p : batch.points()) {
                long increment = p.cumulative() ? store.increment(p) : p.value();
                if (increment < 0) {
                    duplicates++; // a cumulative point already counted (a retry, or one that arrived late)
                    continue;
                }
                if (increment == 0) {
                    continue;
                }
                if (!store.counts(w, p.at().sessionId(), OtlpBatch.Kind.METRIC)) {
                    leftOut++;
                    continue;
                }
                String key = OtlpBatch.Kind.METRIC.keyPrefix() + digest(p.seriesKey() + "|" + p.startNanos() + "|"
                        + p.timeNanos());
                List<EventInput> events = events(key, p, increment);
                if (stored(exists, events.get(0).recordKey())) {
                    duplicates++;
                    continue;
                }
                fresh.addAll(events);
                added++;
            }
            if (!fresh.isEmpty()) {
                w.writeAll(fresh);
            }
            return new OtlpBatch.Outcome(added, duplicates, leftOut, store.removed);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
    }

    private static boolean stored(PreparedStatement exists, String key) throws SQLException {
        exists.setString(1, key);
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * True when usage of {@code kind} counts for the session: no better kind arrived for it. A kind
     * better than the stored one takes its place, and the session's events of worse kinds go.
     */
    private boolean counts(EventStore.Writer w, String sessionId, OtlpBatch.Kind kind) throws SQLException {
        if (sessionId == null) {
            return true; // nothing to match two signals on
        }
        OtlpBatch.Kind best = kinds.containsKey(sessionId) ? kinds.get(sessionId) : storedKind(sessionId);
        if (best != null && best.betterThan(kind)) {
            kinds.put(sessionId, best);
            return false;
        }
        if (best == kind) {
            kinds.put(sessionId, best);
            return true;
        }
        PreparedStatement upsert = statement("""
                INSERT INTO otlp_sessions (session_id, kind, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET kind = excluded.kind, updated_at = excluded.updated_at""");
        upsert.setString(1, sessionId);
        upsert.setString(2, kind.stored());
        upsert.setString(3, now);
        upsert.executeUpdate();
        if (best != null) {
            for (OtlpBatch.Kind worse : OtlpBatch.Kind.values()) {
                if (kind.betterThan(worse)) {
                    removeKind(w, sessionId, worse);
                }
            }
        }
        kinds.put(sessionId, kind);
        return true;
    }

    private OtlpBatch.Kind storedKind(String sessionId) throws SQLException {
        PreparedStatement ps = statement("SELECT kind FROM otlp_sessions WHERE session_id = ?");
        ps.setString(1, sessionId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? OtlpBatch.Kind.of(rs.getString(1)) : null;
        }
    }

    private void removeKind(EventStore.Writer w, String sessionId, OtlpBatch.Kind kind) throws SQLException {
        String prefix = kind.keyPrefix();
        List<String> keys = new ArrayList<>();
        PreparedStatement ps = statement("SELECT record_key FROM token_events WHERE session_id = ? "
                + "AND source = ? AND substr(record_key, 1, ?) = ?");
        ps.setString(1, sessionId);
        ps.setString(2, Sources.OTLP);
        ps.setInt(3, prefix.length());
        ps.setString(4, prefix);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        for (String k : keys) {
            if (w.events().delete(k)) {
                removed++;
            }
        }
    }

    /**
     * What a cumulative point adds to its series: its value less the stored one; all of it when the
     * series is new or restarted (another start time, or a value below the stored one); -1 when the
     * point is not newer than the one stored (a retry or a late arrival), which leaves the series as it is.
     */
    private long increment(OtlpBatch.MetricPoint p) throws SQLException {
        long increment;
        PreparedStatement read = statement("SELECT start_nanos, time_nanos, value FROM otlp_series WHERE series_key = ?");
        read.setString(1, p.seriesKey());
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                increment = p.value();
            } else {
                long start = rs.getLong(1);
                long time = rs.getLong(2);
                long value = rs.getLong(3);
                if (p.startNanos() == start && p.timeNanos() <= time || p.startNanos() < start) {
                    return -1;
                }
                increment = p.startNanos() == start && p.value() >= value ? p.value() - value : p.value();
            }
        }
        PreparedStatement upsert = statement("""
                INSERT INTO otlp_series (series_key, start_nanos, time_nanos, value, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (series_key) DO UPDATE SET start_nanos = excluded.start_nanos,
                  time_nanos = excluded.time_nanos, value = excluded.value, updated_at = excluded.updated_at""");
        upsert.setString(1, p.seriesKey());
        upsert.setLong(2, p.startNanos());
        upsert.setLong(3, p.timeNanos());
        upsert.setLong(4, p.value());
        upsert.setString(5, now);
        upsert.executeUpdate();
        return increment;
    }

    /** The point's increment as events: prompt tokens in parts of at most the long-context threshold. */
    private static List<EventInput> events(String key, OtlpBatch.MetricPoint p, long increment) {
        long part = p.type() == OtlpBatch.TokenType.OUTPUT ? increment : MAX_PROMPT_TOKENS_PER_METRIC_EVENT;
        List<EventInput> out = new ArrayList<>();
        long left = increment;
        for (int i = 0; left > 0; i++) {
            long n = Math.min(left, part);
            left -= n;
            Usage u = switch (p.type()) {
                case INPUT -> new Usage(n, 0, 0, 0, 0);
                case OUTPUT -> new Usage(0, n, 0, 0, 0);
                case CACHE_CREATION -> new Usage(0, 0, n, 0, 0);
                case CACHE_READ -> new Usage(0, 0, 0, 0, n);
            };
            EventInput a = p.at();
            out.add(new EventInput(i == 0 ? key : key + "#" + i, a.ts(), a.tsStart(), a.tsEnd(), a.durationMs(),
                    a.sessionId(), a.taskId(), a.workstream(), a.repo(), a.agent(), a.model(), a.stage(), a.role(),
                    a.structure(), a.lane(), a.refType(), a.refId(), u, null, a.usageComplete(), a.source(),
                    a.status(), a.note(), a.speed(), a.machine()));
        }
        return out;
    }

    /** 128 bits of SHA-256 as hex: a record key part that is the same for the same point, and short. */
    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
