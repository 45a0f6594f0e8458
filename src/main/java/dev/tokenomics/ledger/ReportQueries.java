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
 * The report's SQL. Sums come from the hourly cells the triggers keep ({@code report_dims_hourly},
 * {@code report_tasks_hourly}) whenever every boundary of the window and its days falls on a whole
 * UTC hour (any whole-hour timezone); otherwise from the events themselves, with the same columns,
 * so both sources give the same rows. Values that cannot be summed (durations, intervals) are read
 * from narrow partial indexes and travel as one group_concat string per group: far cheaper than a
 * JDBC row per event.
 */
final class ReportQueries {
    /** The statements of one source; {@code ?} pairs are [from, to) in that source's time text. */
    record Sql(String dims, String tasks, String day, String dayDetail, String dayLoc, String records) {}

    // The dimension cells are read in primary-key order, which is the GROUP BY's ("+hour" keeps the
    // planner off the hour index: reading by hour and then sorting for the groups was 4x slower).
    static final Sql CELLS = new Sql("""
            SELECT NULLIF(stage, ''), NULLIF(structure, ''), NULLIF(role, ''), NULLIF(model, ''), usage_complete,
              status, source, SUM(records), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
              SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), SUM(cost_nanos), SUM(unpriced_records),
              SUM(unstarted_records)
            FROM report_dims_hourly
            WHERE +hour >= ? AND +hour < ?
            GROUP BY stage, structure, role, model, usage_complete, status, source""", """
            SELECT NULLIF(task_id, ''), NULLIF(lane, ''), NULLIF(ref_type, ''), NULLIF(ref_id, ''), SUM(records),
              SUM(tokens), SUM(cost_nanos), SUM(unpriced_records), MAX(last_ts), SUM(input_tokens), SUM(output_tokens),
              SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens)
            FROM report_tasks_hourly
            WHERE hour >= ? AND hour < ?
            GROUP BY task_id, lane, ref_type, ref_id""", """
            SELECT COALESCE(SUM(records), 0), COALESCE(SUM(tokens), 0), COALESCE(SUM(cost_nanos), 0),
              COALESCE(SUM(unpriced_records), 0)
            FROM report_tasks_hourly
            WHERE hour >= ? AND hour < ?""", """
            SELECT NULLIF(model, ''), usage_complete, SUM(records), SUM(input_tokens), SUM(output_tokens),
              SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), SUM(cost_nanos),
              SUM(unpriced_records)
            FROM report_dims_hourly INDEXED BY ix_report_dims_hourly_hour
            WHERE hour >= ? AND hour < ?
            GROUP BY model, usage_complete""", """
            SELECT COUNT(r.ref_id), COALESCE(SUM(r.loc_added + r.loc_removed), 0)
            FROM refs r JOIN (SELECT DISTINCT ref_type, ref_id FROM report_tasks_hourly
                              WHERE hour >= ? AND hour < ? AND ref_id <> '') e
              ON r.ref_type = e.ref_type AND r.ref_id = e.ref_id""", """
            SELECT COALESCE(SUM(records), 0) FROM report_dims_hourly INDEXED BY ix_report_dims_hourly_hour
            WHERE hour >= ? AND hour < ?""");

    static final Sql EVENTS = new Sql("""
            SELECT stage, structure, role, model, usage_complete, status, source, COUNT(*), SUM(input_tokens),
              SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens),
              COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), COUNT(*) - COUNT(ts_start)
            FROM token_events
            WHERE ts >= ? AND ts < ?
            GROUP BY stage, structure, role, model, usage_complete, status, source""", """
            SELECT task_id, lane, ref_type, ref_id, COUNT(*),
              SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens),
              COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), MAX(ts), SUM(input_tokens),
              SUM(output_tokens), SUM(cache_creation_tokens), SUM(cache_creation_1h_tokens), SUM(cache_read_tokens)
            FROM token_events
            WHERE ts >= ? AND ts < ? AND usage_complete = 1
            GROUP BY task_id, lane, ref_type, ref_id""", """
            SELECT COUNT(*),
              COALESCE(SUM(input_tokens + output_tokens + cache_creation_tokens + cache_creation_1h_tokens
                + cache_read_tokens), 0),
              COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos)
            FROM token_events
            WHERE ts >= ? AND ts < ? AND usage_complete = 1""", """
            SELECT model, usage_complete, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_tokens),
              SUM(cache_creation_1h_tokens), SUM(cache_read_tokens), COALESCE(SUM(cost_nanos), 0),
              COUNT(*) - COUNT(cost_nanos)
            FROM token_events
            WHERE ts >= ? AND ts < ?
            GROUP BY model, usage_complete""", """
            SELECT COUNT(r.ref_id), COALESCE(SUM(r.loc_added + r.loc_removed), 0)
            FROM refs r JOIN (SELECT DISTINCT ref_type, ref_id FROM token_events
                              WHERE ts >= ? AND ts < ? AND usage_complete = 1 AND ref_id IS NOT NULL) e
              ON r.ref_type = e.ref_type AND r.ref_id = e.ref_id""", """
            SELECT COUNT(*) FROM token_events WHERE ts >= ? AND ts < ?""");

    /** Where the statements above hold their window; every read replaces it (see {@link #BY_START}). */
    private static final String WINDOW = "ts >= ? AND ts < ?";

    /**
     * When a record's work started: ts_start, or ts when it has none (or a later one). The report
     * skill cuts its windows by start (a 23:50 -> 00:20 record is the day it started); a record
     * without a start (a transcript's response, a self-report given no interval) has only ts. Never
     * after ts, so {@code ts >= since} bounds the index scan exactly.
     */
    static final String START = "CASE WHEN ts_start < ts THEN ts_start ELSE ts END";

    /** The window by start, bound as (since, since, until): {@code ts >= since} is there for the ts index. */
    static final String BY_START = "ts >= ? AND " + START + " >= ? AND " + START + " < ?";

    /** {@code sql} with its window narrowed to {@code clause} (the window and the filters' conditions). */
    private static String filtered(String sql, String clause) {
        if (sql.indexOf(WINDOW) != sql.lastIndexOf(WINDOW) || !sql.contains(WINDOW)) {
            throw new IllegalStateException("a report statement must hold its window once: " + sql);
        }
        return sql.replace(WINDOW, clause);
    }

    static final String DURATIONS = """
            SELECT stage, structure, usage_complete, group_concat(duration_ms)
            FROM token_events INDEXED BY ix_token_events_report_durations
            WHERE duration_ms IS NOT NULL AND ts >= ? AND ts < ?
            GROUP BY stage, structure, usage_complete""";

    static final String SPANS = """
            SELECT group_concat(ts_start, ''), group_concat(ts_end, '')
            FROM token_events INDEXED BY ix_token_events_report_spans
            WHERE ts_start < ts_end AND ts >= ? AND ts < ?""";

    static final String STATUS = """
            SELECT task_id, to_status, ts FROM task_status_history
            WHERE task_id IN (SELECT task_id FROM task_status_history
                              WHERE to_status = 'done' AND ts >= ? AND ts < ?)
            ORDER BY task_id, ts, id""";

    /** Length of a stored time, 'YYYY-MM-DDTHH:MM:SS.sssZ' (see {@link Times}). */
    private static final int TS_LENGTH = 24;
    /** Length of an hour cell's key, 'YYYY-MM-DDTHH'. */
    private static final int HOUR_LENGTH = 13;

    private ReportQueries() {}

    /**
     * The statements and time text for these boundaries: cells when all fall on whole UTC hours and
     * nothing narrows the events; else the events, with {@code clause} (the window and the filters'
     * conditions) in place of the window and {@code params} bound after its two.
     */
    record Source(Sql sql, boolean cells, String clause, List<String> params) {
        static Source forBoundaries(List<Instant> boundaries, boolean allowCells) {
            boolean whole = boundaries.stream().allMatch(i -> i.getEpochSecond() % 3600 == 0 && i.getNano() == 0);
            return whole && allowCells ? new Source(CELLS, true, null, List.of())
                    : new Source(narrowed(BY_START), false, BY_START, List.of());
        }

        /**
         * The hourly cells hold no source, machine or run: a narrowed report reads the events. The
         * sources travel as one bound JSON array.
         */
        static Source of(ReportQuery q, boolean allowCells) {
            if (!q.narrowed()) {
                return forBoundaries(q.dayStarts(), allowCells);
            }
            StringBuilder clause = new StringBuilder(BY_START);
            List<String> params = new ArrayList<>();
            if (q.sources() != null) {
                StringBuilder json = new StringBuilder("[");
                for (String s : Sources.stored(q.sources())) {
                    json.append(json.length() > 1 ? "," : "").append('"').append(s).append('"'); // names from Sources.NAMES
                }
                clause.append(" AND source IN (SELECT value FROM json_each(?))");
                params.add(json.append(']').toString());
            }
            if (q.machine() != null) {
                clause.append(" AND machine = ?");
                params.add(q.machine());
            }
            if (q.workflowRun() != null) {
                clause.append(" AND ref_type = '" + WorkflowStore.REF_TYPE + "' AND ref_id = ?");
                params.add(q.workflowRun());
            }
            if (q.startedOnly()) {
                clause.append(" AND ts_start IS NOT NULL");
            }
            String c = clause.toString();
            return new Source(narrowed(c), false, c, List.copyOf(params));
        }

        private static Sql narrowed(String c) {
            return new Sql(filtered(EVENTS.dims(), c), filtered(EVENTS.tasks(), c), filtered(EVENTS.day(), c),
                    filtered(EVENTS.dayDetail(), c), filtered(EVENTS.dayLoc(), c), filtered(EVENTS.records(), c));
        }

        /** The window's values for one of {@link #sql()}'s statements: (from, to) on the cells, else as {@link #raw}. */
        List<String> window(String from, String to) {
            return cells ? List.of(from, to) : raw(from, to);
        }

        /** The values of a statement over the events: the window by start (since, since, until), then the filters'. */
        List<String> raw(String from, String to) {
            List<String> out = new ArrayList<>(List.of(from, from, to));
            out.addAll(params);
            return out;
        }

        /** Binds a statement of {@link #sql()}; returns the next parameter's index. */
        int bind(PreparedStatement ps, String from, String to) throws SQLException {
            return set(ps, window(from, to));
        }

        /** Binds a statement over the events ({@link #side}); returns the next parameter's index. */
        int bindRaw(PreparedStatement ps, String from, String to) throws SQLException {
            return set(ps, raw(from, to));
        }

        private static int set(PreparedStatement ps, List<String> values) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(1 + i, values.get(i));
            }
            return 1 + values.size();
        }

        /** DURATIONS, SPANS or an overlap statement over the events, windowed by start and narrowed as the rest. */
        String side(String sql) {
            return filtered(sql, clause == null ? BY_START : clause);
        }

        String text(Instant t) {
            String ts = Times.format(t);
            return cells ? ts.substring(0, HOUR_LENGTH) : ts;
        }
    }

    /** Tests compare both sources over the same ledger; false reads the events even on whole hours. */
    static volatile boolean useCells = true;

    /** Reads the query's parts on one snapshot, the big scans in parallel on two connections. */
    static ReportRows fetch(Database db, ReportQuery q) {
        Source src = Source.of(q, useCells);
        String since = Times.format(q.since());
        String until = Times.format(q.until());
        boolean spansWanted = q.parts().contains(ReportQuery.Part.SPANS);
        List<Database.Work<?>> works = new ArrayList<>();
        // Longest first, so two readers finish together.
        boolean durationsWanted = q.parts().contains(ReportQuery.Part.DIMS);
        // Durations are the longest read (every event's value travels). PostgreSQL reads them in two
        // halves of the window, one per reader, over its time-keyed index (migration 16); SQLite's
        // index is keyed by group, so a half would scan it whole, and its second half stays empty.
        String middle = db.isPostgres()
                ? Times.format(q.since().plusMillis((q.until().toEpochMilli() - q.since().toEpochMilli()) / 2)) : until;
        works.add(c -> durationsWanted ? durations(c, src, since, middle) : List.of());
        works.add(c -> durationsWanted && !middle.equals(until) ? durations(c, src, middle, until) : List.of());
        works.add(c -> spansWanted ? spans(c, src, since, until) : ReportRows.Spans.EMPTY);
        works.add(c -> q.parts().contains(ReportQuery.Part.DIMS) ? dims(c, src, q) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.TASKS) ? taskRefs(c, src, q) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.DAYS) ? days(c, src, q.dayStarts()) : List.of());
        boolean dimsWanted = durationsWanted;
        // The records in the window are the dimension rows' sum; count them only without those rows.
        works.add(c -> spansWanted && !dimsWanted ? count(c, src, q) : 0L);
        works.add(c -> q.parts().contains(ReportQuery.Part.LATENCY) ? status(c, since, until) : List.of());
        works.add(c -> q.parts().contains(ReportQuery.Part.TASKS) || q.parts().contains(ReportQuery.Part.DAYS)
                ? RefStore.all(c) : Map.of());
        works.add(RollupStore::prunedBefore);
        // Left out by startedOnly: a record without a start sits at its ts, so the window by ts finds them all.
        works.add(c -> q.startedOnly() ? startless(c, q) : 0L);
        List<Object> r = db.readSnapshot("read report", 2, works);
        // A group's rows from both halves stay two rows: the tables concatenate a group's values.
        List<ReportRows.DurationRow> durations = new ArrayList<>(durationRows(r.get(0)));
        durations.addAll(durationRows(r.get(1)));
        ReportRows.Spans intervals = (ReportRows.Spans) r.get(2);
        @SuppressWarnings("unchecked")
        List<ReportRows.DimRow> dims = (List<ReportRows.DimRow>) r.get(3);
        long records = dimsWanted ? dims.stream().mapToLong(ReportRows.DimRow::records).sum() : (Long) r.get(6);
        ReportRows.Spans spans = spansWanted ? new ReportRows.Spans(intervals.startsMs(), intervals.endsMs(),
                records - intervals.startsMs().length) : ReportRows.Spans.EMPTY;
        @SuppressWarnings("unchecked")
        ReportRows rows = new ReportRows(dims, durations,
                (List<ReportRows.TaskRefRow>) r.get(4), (List<ReportRows.DayRow>) r.get(5), spans,
                (List<ReportRows.StatusRow>) r.get(7), (Map<Ref.Key, Ref>) r.get(8), (Instant) r.get(9),
                ReportRows.Overlap.NONE, (Long) r.get(10));
        if (dimsWanted && ReportOverlap.mixes(dims)) {
            // Only a window holding both kinds can hold the same work twice: the probe per
            // self-reported event stays off reports that cannot need it.
            ReportRows.Overlap overlap = db.read("read self-reported and measured overlap",
                    c -> ReportOverlap.read(c, src, since, until));
            rows = new ReportRows(rows.dims(), rows.durations(), rows.taskRefs(), rows.days(), rows.spans(),
                    rows.statusHistory(), rows.refs(), rows.prunedBefore(), overlap, rows.startlessLeftOut());
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<ReportRows.DurationRow> durationRows(Object read) {
        return (List<ReportRows.DurationRow>) read;
    }

    /**
     * The statements {@link #fetch} runs for {@code q}, with the values written in, as one sqlite3
     * script: the benchmark's baseline runs exactly these.
     */
    static String script(ReportQuery q) {
        Source src = Source.of(q, useCells);
        String since = Times.format(q.since());
        String until = Times.format(q.until());
        String from = src.text(q.since());
        String to = src.text(q.until());
        StringBuilder sql = new StringBuilder();
        sql.append(bind(src.side(DURATIONS), src.raw(since, until))).append(bind(src.side(SPANS), src.raw(since, until)));
        sql.append(bind(src.sql().dims(), src.window(from, to))).append(bind(src.sql().tasks(), src.window(from, to)));
        for (int i = 0; i + 1 < q.dayStarts().size(); i++) {
            sql.append(bind(src.sql().day(), src.window(src.text(q.dayStarts().get(i)),
                    src.text(q.dayStarts().get(i + 1)))));
        }
        sql.append(bind(src.sql().records(), src.window(from, to))).append(bind(STATUS, List.of(since, until)));
        sql.append("SELECT * FROM refs;\n");
        return sql.toString();
    }

    private static String bind(String sql, List<String> values) {
        String s = sql;
        for (String p : values) {
            s = s.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement("'" + p.replace("'", "''") + "'"));
        }
        return s + ";\n";
    }

    static List<ReportRows.DimRow> dims(Connection c, Source src, ReportQuery q) throws SQLException {
        List<ReportRows.DimRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().dims()))) {
            src.bind(ps, src.text(q.since()), src.text(q.until()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.DimRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) == 1, rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            rs.getLong(15), rs.getLong(16)));
                }
            }
        }
        return out;
    }

    static List<ReportRows.DurationRow> durations(Connection c, Source src, String since, String until)
            throws SQLException {
        List<ReportRows.DurationRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.side(DURATIONS)))) {
            src.bindRaw(ps, since, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.DurationRow(rs.getString(1), rs.getString(2), rs.getInt(3) == 1,
                            longs(rs.getBytes(4))));
                }
            }
        }
        return out;
    }

    static List<ReportRows.TaskRefRow> taskRefs(Connection c, Source src, ReportQuery q) throws SQLException {
        List<ReportRows.TaskRefRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().tasks()))) {
            src.bind(ps, src.text(q.since()), src.text(q.until()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportRows.TaskRefRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            Instant.ofEpochMilli(epochMillis(rs.getBytes(9), 0)), rs.getLong(10), rs.getLong(11),
                            rs.getLong(12), rs.getLong(13), rs.getLong(14)));
                }
            }
        }
        return out;
    }

    static List<ReportRows.DayRow> days(Connection c, Source src, List<Instant> dayStarts) throws SQLException {
        List<ReportRows.DayRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().day()))) {
            for (int i = 0; i + 1 < dayStarts.size(); i++) {
                src.bind(ps, src.text(dayStarts.get(i)), src.text(dayStarts.get(i + 1)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(new ReportRows.DayRow(i, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** The records without a start that the same filters, bar startedOnly, would have counted. */
    static long startless(Connection c, ReportQuery q) throws SQLException {
        ReportQuery all = new ReportQuery(q.since(), q.until(), q.dayStarts(), q.parts(), q.sources(), q.machine(),
                q.workflowRun(), false);
        Source src = Source.of(all, false);
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().records()
                + " AND ts_start IS NULL"))) {
            src.bind(ps, Times.format(q.since()), Times.format(q.until()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every record in the window, complete or not: the concurrency table's denominator. */
    static long count(Connection c, Source src, ReportQuery q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().records()))) {
            src.bind(ps, src.text(q.since()), src.text(q.until()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The intervals of events with ts_start before ts_end; pointInTime is filled in by the caller. */
    static ReportRows.Spans spans(Connection c, Source src, String since, String until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.side(SPANS)))) {
            src.bindRaw(ps, since, until);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] starts = times(rs.getBytes(1));
                long[] ends = times(rs.getBytes(2));
                if (starts.length != ends.length) {
                    throw new LedgerException("interval starts and ends differ in number: " + starts.length
                            + " vs " + ends.length, null);
                }
                return new ReportRows.Spans(starts, ends, 0);
            }
        }
    }

    static List<ReportRows.StatusRow> status(Connection c, String since, String until) throws SQLException {
        List<ReportRows.StatusRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(STATUS))) {
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
        Source src = Source.forBoundaries(dayStarts, useCells);
        List<DayDetail.Row> rows = new ArrayList<>();
        List<Long> loc = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).sql(src.sql().dayDetail()));
                PreparedStatement locs = c.prepareStatement(Dialect.of(c).sql(src.sql().dayLoc()))) {
            for (int i = 0; i + 1 < dayStarts.size(); i++) {
                String from = src.text(dayStarts.get(i));
                String to = src.text(dayStarts.get(i + 1));
                src.bind(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DayDetail.Row(i, rs.getString(1), rs.getInt(2) == 1, rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                                rs.getLong(9), rs.getLong(10)));
                    }
                }
                src.bind(locs, from, to);
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
