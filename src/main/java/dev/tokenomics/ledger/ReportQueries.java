package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's SQL. Each part is one scan of a covering index made for it (migration 002): the
 * GROUP BY follows the index order, so SQLite neither sorts nor visits the table. A window is
 * matched on {@code ts}, the event time. Values that cannot be summed (durations, intervals)
 * travel as one group_concat string per group: far cheaper than a JDBC row per event.
 */
final class ReportQueries {
    static final String DIMS = """
            SELECT stage, structure, role, model, usage_complete, status, COUNT(*), SUM(input_tokens),
              SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens),
              COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL), group_concat(duration_ms)
            FROM token_events INDEXED BY ix_token_events_report_dims
            WHERE ts >= ? AND ts < ?
            GROUP BY stage, structure, role, model, usage_complete, status""";

    static final String TASKS = """
            SELECT task_id, lane, ref_type, ref_id, COUNT(*),
              SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens),
              COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL), MAX(ts)
            FROM token_events INDEXED BY ix_token_events_report_task
            WHERE ts >= ? AND ts < ? AND usage_complete = 1
            GROUP BY task_id, lane, ref_type, ref_id""";

    static final String DAY = """
            SELECT COUNT(*),
              COALESCE(SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens
                + cache_read_tokens), 0),
              COALESCE(SUM(cost_nanos), 0), COALESCE(SUM(cost_nanos IS NULL), 0)
            FROM token_events INDEXED BY ix_token_events_report_time
            WHERE ts >= ? AND ts < ? AND usage_complete = 1""";

    static final String SPANS = """
            SELECT COUNT(*), group_concat(CASE WHEN ts_start < ts_end THEN ts_start END, ''),
              group_concat(CASE WHEN ts_start < ts_end THEN ts_end END, '')
            FROM token_events INDEXED BY ix_token_events_report_time
            WHERE ts >= ? AND ts < ?""";

    static final String STATUS = """
            SELECT task_id, to_status, ts FROM task_status_history
            WHERE task_id IN (SELECT task_id FROM task_status_history
                              WHERE to_status = 'done' AND ts >= ? AND ts < ?)
            ORDER BY task_id, ts, id""";

    static final String DAY_DETAIL = """
            SELECT model, usage_complete, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
              SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0),
              SUM(cost_nanos IS NULL)
            FROM token_events INDEXED BY ix_token_events_report_time
            WHERE ts >= ? AND ts < ?
            GROUP BY model, usage_complete""";

    static final String DAY_LOC = """
            SELECT COUNT(r.ref_id), COALESCE(SUM(r.loc_added + r.loc_removed), 0)
            FROM refs r JOIN (SELECT DISTINCT ref_type, ref_id FROM token_events
                              WHERE ts >= ? AND ts < ? AND usage_complete = 1 AND ref_id IS NOT NULL) e
              ON r.ref_type = e.ref_type AND r.ref_id = e.ref_id""";

    /** Length of a stored time, 'YYYY-MM-DDTHH:MM:SS.sssZ' (see {@link Times}). */
    private static final int TS_LENGTH = 24;

    private ReportQueries() {}

    /** Reads the query's parts on one snapshot, the big scans in parallel on two connections. */
    static ReportRows fetch(Database db, ReportQuery q) {
        String since = Times.format(q.since());
        String until = Times.format(q.until());
        List<Database.Work<?>> works = new ArrayList<>();
        // Longest first, so two readers finish together.
        works.add(c -> q.parts().contains(ReportQuery.Part.DIMS) ? dims(c, since, until) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.TASKS) ? taskRefs(c, since, until) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.DAYS) ? days(c, q.dayStarts()) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.SPANS) ? spans(c, since, until) : ReportRows.Spans.EMPTY);
        works.add(c -> q.parts().contains(ReportQuery.Part.LATENCY) ? status(c, since, until) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.TASKS) || q.parts().contains(ReportQuery.Part.DAYS)
                ? RefStore.all(c) : Map.of());
        works.add(RollupStore::prunedBefore);
        List<Object> r = db.readSnapshot("read report", 2, works);
        @SuppressWarnings("unchecked")
        ReportRows rows = new ReportRows((List<ReportRows.DimRow>) r.get(0), (List<ReportRows.TaskRefRow>) r.get(1),
                (List<ReportRows.DayRow>) r.get(2), (ReportRows.Spans) r.get(3), (List<ReportRows.StatusRow>) r.get(4),
                (Map<Ref.Key, Ref>) r.get(5), (Instant) r.get(6));
        return rows;
    }

    static List<ReportRows.DimRow> dims(Connection c, String since, String until) throws SQLException {
        List<ReportRows.DimRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DIMS)) {
            ps.setString(1, since);
            ps.setString(2, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.DimRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) == 1, rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            longs(rs.getBytes(15))));
                }
            }
        }
        return out;
    }

    static List<ReportRows.TaskRefRow> taskRefs(Connection c, String since, String until) throws SQLException {
        List<ReportRows.TaskRefRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TASKS)) {
            ps.setString(1, since);
            ps.setString(2, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.TaskRefRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            Instant.ofEpochMilli(epochMillis(rs.getBytes(9), 0))));
                }
            }
        }
        return out;
    }

    static List<ReportRows.DayRow> days(Connection c, List<Instant> dayStarts) throws SQLException {
        List<ReportRows.DayRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DAY)) {
            for (int i = 0; i + 1 < dayStarts.size(); i++) {
                ps.setString(1, Times.format(dayStarts.get(i)));
                ps.setString(2, Times.format(dayStarts.get(i + 1)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(new ReportRows.DayRow(i, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    static ReportRows.Spans spans(Connection c, String since, String until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SPANS)) {
            ps.setString(1, since);
            ps.setString(2, until);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long records = rs.getLong(1);
                long[] starts = times(rs.getBytes(2));
                long[] ends = times(rs.getBytes(3));
                if (starts.length != ends.length) {
                    throw new LedgerException("interval starts and ends differ in number: " + starts.length
                            + " vs " + ends.length, null);
                }
                return new ReportRows.Spans(starts, ends, records - starts.length);
            }
        }
    }

    static List<ReportRows.StatusRow> status(Connection c, String since, String until) throws SQLException {
        List<ReportRows.StatusRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(STATUS)) {
            ps.setString(1, since);
            ps.setString(2, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.StatusRow(rs.getString(1), rs.getString(2),
                            Times.parseStored(rs.getString(3))));
                }
            }
        }
        return out;
    }

    static DayDetail dayDetail(Connection c, List<Instant> dayStarts) throws SQLException {
        List<DayDetail.Row> rows = new ArrayList<>();
        List<Long> loc = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DAY_DETAIL);
                PreparedStatement locs = c.prepareStatement(DAY_LOC)) {
            for (int i = 0; i + 1 < dayStarts.size(); i++) {
                String from = Times.format(dayStarts.get(i));
                String to = Times.format(dayStarts.get(i + 1));
                ps.setString(1, from);
                ps.setString(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DayDetail.Row(i, rs.getString(1), rs.getInt(2) == 1, rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                                rs.getLong(9), rs.getLong(10)));
                    }
                }
                locs.setString(1, from);
                locs.setString(2, to);
                try (ResultSet rs = locs.executeQuery()) {
                    rs.next();
                    loc.add(rs.getLong(1) == 0 ? null : rs.getLong(2));
                }
            }
        }
        return new DayDetail(rows, loc);
    }

    /** The first and last event times, or null on an empty ledger. */
    static Instant[] eventSpan(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(ts), MAX(ts) FROM token_events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            String first = rs.getString(1);
            return first == null ? null : new Instant[] {Times.parseStored(first), Times.parseStored(rs.getString(2))};
        }
    }

    /** Parses group_concat's "12,345,6" into numbers; null (no values) gives an empty array. */
    static long[] longs(byte[] text) {
        if (text == null || text.length == 0) {
            return new long[0];
        }
        int n = 1;
        for (byte b : text) {
            if (b == ',') {
                n++;
            }
        }
        long[] out = new long[n];
        int k = 0;
        long v = 0;
        boolean negative = false;
        for (byte b : text) {
            if (b == ',') {
                out[k++] = negative ? -v : v;
                v = 0;
                negative = false;
            } else if (b == '-') {
                negative = true;
            } else {
                v = v * 10 + (b - '0');
            }
        }
        out[k] = negative ? -v : v;
        return out;
    }

    /** Parses back-to-back stored times (fixed width) into epoch milliseconds. */
    static long[] times(byte[] text) {
        if (text == null) {
            return new long[0];
        }
        if (text.length % TS_LENGTH != 0) {
            throw new LedgerException("stored times are not " + TS_LENGTH + " characters each: "
                    + text.length + " bytes in all", null);
        }
        long[] out = new long[text.length / TS_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = epochMillis(text, i * TS_LENGTH);
        }
        return out;
    }

    /**
     * 'YYYY-MM-DDTHH:MM:SS.sssZ' at {@code off} to epoch milliseconds, without building a String:
     * the report parses up to two per event. Days from civil date: H. Hinnant's algorithm
     * (https://howardhinnant.github.io/date_algorithms.html#days_from_civil).
     */
    static long epochMillis(byte[] b, int off) {
        if (b[off + 4] != '-' || b[off + 10] != 'T' || b[off + 19] != '.' || b[off + 23] != 'Z') {
            throw new LedgerException("not a stored time: '" + new String(b, off, Math.min(TS_LENGTH, b.length - off),
                    java.nio.charset.StandardCharsets.US_ASCII) + "'", null);
        }
        int y = num(b, off, 4);
        int m = num(b, off + 5, 2);
        int d = num(b, off + 8, 2);
        y -= m <= 2 ? 1 : 0;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097L + doe - 719468;
        return ((days * 24 + num(b, off + 11, 2)) * 60 + num(b, off + 14, 2)) * 60_000
                + num(b, off + 17, 2) * 1_000L + num(b, off + 20, 3);
    }

    private static int num(byte[] b, int off, int len) {
        int v = 0;
        for (int i = off; i < off + len; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
