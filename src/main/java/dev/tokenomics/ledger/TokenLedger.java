package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The books: records token events and task status changes, and adds them up. Each public method
 * is one transaction (writes) or one consistent read, so a failure leaves nothing half-written.
 */
public final class TokenLedger implements AutoCloseable {
    public static final int MAX_BATCH = 10_000;
    public static final int MAX_PAGE = 1_000;

    private final Database db;
    private final PriceTable prices;
    private final Clock clock;
    private final EventDefaults defaults;
    private final CostFollower follower;

    public TokenLedger(Database db, PriceTable prices, Clock clock, EventDefaults defaults) {
        this.db = db;
        this.prices = prices;
        this.clock = clock;
        this.defaults = defaults;
        this.follower = new CostFollower(db, prices, clock);
    }

    public static TokenLedger open(Path file, PriceTable prices, EventDefaults defaults) {
        return new TokenLedger(Database.open(file), prices, Clock.systemUTC(), defaults);
    }

    /** Opens the ledger at {@code location}: a SQLite file or a PostgreSQL database. */
    public static TokenLedger open(LedgerLocation location, PriceTable prices, EventDefaults defaults) {
        return new TokenLedger(Database.open(location), prices, Clock.systemUTC(), defaults);
    }

    public Database database() {
        return db;
    }

    public PriceTable prices() {
        return prices;
    }

    /** The machine this ledger records as (--machine, TOKENOMICS_MACHINE, else the host name). */
    public String machine() {
        return defaults.machineOrLocal();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Brings the stored costs onto this ledger's price table when they follow another: see
     * {@link CostFollower#reprice}. Returns how many events' costs changed, or -1 when nothing was
     * to do (one read). Every read of costs calls it; a write calls it until the costs are seen to
     * follow this table.
     */
    public long reprice() {
        return follower.reprice();
    }

    /** Events per reprice transaction; tests set fewer to see a reprice cut between chunks. */
    void repriceChunk(int events) {
        follower.chunk(events);
    }

    /**
     * A write transaction beside the reprice: first one chunk of it when the stored costs were not
     * seen to follow this table; the writer costs with this table and marks what it wrote when
     * they follow another, for the reprice (finished by the next read) to check.
     */
    <T> T write(String operation, Database.Work<T> work) {
        follower.catchUp();
        EventStore.Writer.clearStanding();
        T result = db.write(operation, work);
        Repricer.Standing standing = EventStore.Writer.lastStanding();
        if (standing != null) {
            follower.wrote(standing);
        }
        return result;
    }

    /** Records one event and returns it with the running totals of its task and workstream. */
    public RecordedEvent record(EventInput event) {
        return write("record token event", c -> {
            try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, clock.instant())) {
                RecordedEvent r = w.write(event);
                w.flush();
                return withTotals(c, r);
            }
        });
    }

    /** Records every event or none: one transaction for the whole batch. */
    public List<RecordedEvent> recordAll(List<EventInput> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must hold at least one event, got an empty array");
        }
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("events must hold at most " + MAX_BATCH + " events, got " + events.size());
        }
        return write("record " + events.size() + " token events", c -> {
            try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, clock.instant())) {
                return w.writeAll(events);
            }
        });
    }

    /**
     * Records a long stream of events in one transaction, without the batch limit of
     * {@link #recordAll}: for imports and the benchmark's generated ledger. Returns the count.
     */
    public long importAll(Iterable<EventInput> events) {
        return write("import token events", c -> {
            long n = 0;
            try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, clock.instant())) {
                for (EventInput e : events) {
                    w.write(e);
                    n++;
                }
            }
            return n;
        });
    }

    private static RecordedEvent withTotals(Connection c, RecordedEvent r) throws SQLException {
        EventInput e = r.event();
        Totals task = e.taskId() == null ? null : EventStore.runningTotals(c, "task", e.taskId());
        Totals ws = e.workstream() == null ? null : EventStore.runningTotals(c, "workstream", e.workstream());
        return new RecordedEvent(r.id(), r.recordKey(), r.replaced(), e, r.costNanos(), r.priceVersion(), task, ws);
    }

    /** Adds up a scope's events in [since, until); a scope id with no events gives zero totals. */
    public Summary summarize(Scope scope, String id, Instant since, Instant until) {
        return summarize(scope, id, since, until, null);
    }

    /** As {@link #summarize(Scope, String, Instant, Instant)}, over these sources only (null: all). */
    public Summary summarize(Scope scope, String id, Instant since, Instant until, List<String> sources) {
        if (scope != Scope.ALL && (id == null || id.isBlank())) {
            throw new IllegalArgumentException("id is required for scope " + scope.wireName());
        }
        EventFilter filter = scope.filter(id).window(since, until).withSources(sources);
        reprice();
        return db.read("summarize " + scope.wireName(), c -> summarize(c, scope, scope == Scope.ALL ? null : id, filter));
    }

    private static Summary summarize(Connection c, Scope scope, String id, EventFilter filter) throws SQLException {
        EventStore.Where where = filter.where();
        Map<String, Totals> byModel = new LinkedHashMap<>();
        Totals total = Totals.ZERO;
        TreeSet<String> unpriced = new TreeSet<>();
        for (EventStore.Group g : EventStore.grouped(c, "model", where)) {
            String name = g.key() == null ? Summary.NONE : g.key();
            byModel.put(name, g.totals());
            total = total.plus(g.totals());
            if (g.totals().unpricedEvents() > 0) {
                unpriced.add(name);
            }
        }
        Map<String, Totals> byAgent = new LinkedHashMap<>();
        for (EventStore.Group g : EventStore.grouped(c, "agent", where)) {
            byAgent.put(g.key() == null ? Summary.NONE : g.key(), g.totals());
        }
        Map<String, Totals> bySource = new LinkedHashMap<>();
        for (EventStore.Group g : EventStore.grouped(c, "source", where)) {
            bySource.merge(Sources.agentOf(g.key()), g.totals(), Totals::plus);
        }
        Map<String, Totals> byMachine = new LinkedHashMap<>();
        for (EventStore.Group g : EventStore.grouped(c, "machine", where)) {
            byMachine.put(g.key() == null ? Summary.NONE : g.key(), g.totals());
        }
        // The raw events before the last prune are gone: say so whenever the window reaches back there.
        Instant pruned = RollupStore.prunedBefore(c);
        boolean reachesPruned = pruned != null && (filter.since() == null || filter.since().isBefore(pruned));
        return new Summary(scope, id, filter.since(), filter.until(), total, byModel, byAgent, bySource,
                byMachine, List.copyOf(unpriced), reachesPruned ? pruned : null, filter.sources());
    }

    /** Newest first; {@code cursor} is the previous page's nextCursor or null for the first page. */
    public EventPage listEvents(EventFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        EventCursor after = cursor == null || cursor.isBlank() ? null : EventCursor.decode("cursor", cursor);
        reprice();
        return db.read("list token events", c -> {
            List<StoredEvent> rows = EventStore.list(c, filter, limit + 1, after);
            String next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                StoredEvent last = rows.get(limit - 1);
                next = new EventCursor(last.event().ts(), last.id()).encode();
            }
            return new EventPage(List.copyOf(rows), next);
        });
    }

    /**
     * Creates the task if new, records the status change and, when token counts came with it, the
     * token event: all in one transaction.
     */
    public TaskUpdateResult updateTaskStatus(TaskUpdate update) {
        return write("update task status", c -> {
            Instant now = clock.instant();
            String nowText = Times.format(now);
            var existing = TaskStore.find(c, update.taskId());
            if (existing.isPresent()) {
                TaskStore.update(c, update, nowText);
            } else {
                TaskStore.insert(c, update, nowText);
            }
            RecordedEvent recorded = null;
            if (update.event() != null) {
                EventInput e = update.event().withTaskId(update.taskId());
                try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, now)) {
                    RecordedEvent r = w.write(e);
                    w.flush();
                        recorded = withTotals(c, r);
                }
            }
            String from = existing.map(Task::status).orElse(null);
            String session = update.sessionId() != null ? update.sessionId()
                    : recorded != null ? recorded.event().sessionId() : defaults.sessionId();
            // A backdated change (rebuilding past work) is filed at its own time; the task row says when
            // the ledger heard of it.
            Instant at = update.at() != null ? update.at() : now;
            long changeId = TaskStore.addHistory(c, update.taskId(), from, update.status(), update.note(), session,
                    recorded == null ? null : recorded.id(), Times.format(at));
            Task task = TaskStore.find(c, update.taskId()).orElseThrow();
            StatusChange change = new StatusChange(changeId, update.taskId(), from, update.status(), update.note(),
                    session, recorded == null ? null : recorded.id(), at);
            return new TaskUpdateResult(task, existing.isEmpty(), change, recorded);
        });
    }

    /** The task, its history and its token summary; null when neither the task nor any event of it exists. */
    public TaskView getTask(String taskId) {
        String id = EventInput.text("task_id", taskId, EventInput.MAX_ID_LENGTH);
        if (id == null) {
            throw new IllegalArgumentException("task_id is required");
        }
        reprice();
        return db.read("get task", c -> {
            Task task = TaskStore.find(c, id).orElse(null);
            Summary summary = summarize(c, Scope.TASK, id, Scope.TASK.filter(id));
            if (task == null && summary.totals().events() == 0) {
                return null;
            }
            List<StatusChange> history = TaskStore.history(c, id);
            return new TaskView(id, task, history, summary, MeasuredUsage.of(c, task, history, clock.instant()));
        });
    }

    /** Records a ref (upsert by ref_type and ref_id: last write wins). */
    public RefRecorded recordRef(Ref ref) {
        return db.write("record ref " + ref.key(), c -> {
            try (RefStore.Writer w = new RefStore.Writer(c, Times.format(clock.instant()))) {
                boolean replaced = w.write(ref);
                return new RefRecorded(ref, replaced, RefStore.eventCount(c, ref.key()));
            }
        });
    }

    /** Records every ref or none; returns how many replaced an existing one. */
    public int recordRefs(List<Ref> refs) {
        if (refs.isEmpty()) {
            return 0;
        }
        return db.write("record " + refs.size() + " refs", c -> {
            int replaced = 0;
            try (RefStore.Writer w = new RefStore.Writer(c, Times.format(clock.instant()))) {
                for (Ref r : refs) {
                    replaced += w.write(r) ? 1 : 0;
                }
            }
            return replaced;
        });
    }

    public Map<Ref.Key, Ref> refs() {
        return db.read("list refs", RefStore::all);
    }

    /** The first and last event times, or null when the ledger has no events. */
    public Instant[] eventSpan() {
        return db.read("find the event span", ReportQueries::eventSpan);
    }

    /** The report's grouped reads, all on one snapshot of the ledger. */
    public ReportRows reportRows(ReportQuery query) {
        reprice();
        return ReportQueries.fetch(db, query);
    }

    /** The SQL {@link #reportRows} runs for {@code query}, values written in: a sqlite3 script. */
    public static String reportScript(ReportQuery query) {
        return ReportQueries.script(query);
    }

    /** Per-day sums by model with each day's LOC, for day JSON. */
    public DayDetail dayDetail(List<Instant> dayStarts) {
        reprice();
        return db.read("read day sums", c -> ReportQueries.dayDetail(c, dayStarts));
    }

    /** Raw events before this instant were pruned, or null if the ledger was never pruned. */
    public Instant prunedBefore() {
        return db.read("read prune log", RollupStore::prunedBefore);
    }

    /**
     * Upserts the rollups of days {@code first}..{@code last} in {@code zone} (null bounds: the
     * first and last event's days) in one transaction. Days that began before the last prune keep
     * their stored rows: their raw events are gone, so a new sum would only lose them.
     */
    public SnapshotResult snapshot(LocalDate first, LocalDate last, ZoneId zone, DayRollups rollups) {
        return db.write("snapshot daily rollups", c -> {
            Instant[] span = ReportQueries.eventSpan(c);
            if (span == null && (first == null || last == null)) {
                return new SnapshotResult(List.of(), List.of(), 0);
            }
            LocalDate from = first != null ? first : LocalDate.ofInstant(span[0], zone);
            LocalDate to = last != null ? last : LocalDate.ofInstant(span[1], zone);
            return snapshot(c, from, to, zone, rollups, false);
        });
    }

    /**
     * Snapshots every day before {@code before} that still has raw events, then deletes the raw
     * events before the start of {@code before} in {@code zone}: one transaction, so either both
     * happen or neither, and no day's totals are lost.
     *
     * <p>Events recorded after an earlier prune with a time inside its pruned days ("late"
     * events) are added to those days' stored rows before they are deleted: an event is never
     * deleted without being rolled up. {@code before} may be today at the latest (today's events
     * are still arriving). A prune whose days would straddle an earlier prune's cut is refused:
     * the straddled day would be half rolled up, half not.
     */
    public SnapshotResult prune(LocalDate before, ZoneId zone, DayRollups rollups) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (before.isAfter(today)) {
            throw new IllegalArgumentException("before must be on or before today (" + today + " in " + zone.getId()
                    + "), got " + before + ": a prune deletes the raw events before that day, and today's and "
                    + "later days are still being recorded");
        }
        Instant cut = Times.startOfDay(before, zone);
        return db.write("prune events before " + before, c -> {
            Instant[] span = ReportQueries.eventSpan(c);
            if (span == null || !span[0].isBefore(cut)) {
                return new SnapshotResult(List.of(), List.of(), 0);
            }
            Instant pruned = RollupStore.prunedBefore(c);
            if (pruned != null && pruned.isBefore(cut)
                    && !Times.startOfDay(LocalDate.ofInstant(pruned, zone), zone).equals(pruned)) {
                throw new IllegalArgumentException("timezone " + zone.getId() + " would cut the day "
                        + LocalDate.ofInstant(pruned, zone) + " across the earlier prune at " + Times.format(pruned)
                        + " (timezone " + RollupStore.lastPruneTimezone(c) + "); prune in that timezone, or one "
                        + "whose midnight falls on that instant");
            }
            LocalDate from = LocalDate.ofInstant(span[0], zone);
            SnapshotResult s = snapshot(c, from, before.minusDays(1), zone, rollups, true);
            int deleted;
            try (EventWriter w = new EventWriter(c)) {
                deleted = w.deleteBefore(cut);
            }
            RollupStore.logPrune(c, cut, zone.getId(), deleted, clock.instant());
            return new SnapshotResult(s.written(), s.keptPruned(), s.lateRolledUp(), deleted);
        });
    }

    /**
     * Writes the rollups of days from..to. A day that began before the last prune keeps its
     * stored row (its pruned events are not in the raw table, so a fresh sum would lose them);
     * with {@code addLate} (a prune, which then deletes them) the raw events still in such a day,
     * all recorded after that prune, are added to the stored row instead.
     */
    private SnapshotResult snapshot(Connection c, LocalDate from, LocalDate to, ZoneId zone, DayRollups rollups,
            boolean addLate) throws SQLException {
        if (from.isAfter(to)) {
            return new SnapshotResult(List.of(), List.of(), 0);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        List<Instant> starts = Times.dayStarts(from, to, zone);
        Instant pruned = RollupStore.prunedBefore(c);
        List<Rollup> made = rollups.make(days, ReportQueries.dayDetail(c, starts));
        List<Rollup> write = new ArrayList<>();
        List<LocalDate> written = new ArrayList<>();
        List<LocalDate> kept = new ArrayList<>();
        List<LocalDate> late = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Rollup r = made.get(i);
            if (pruned != null && starts.get(i).isBefore(pruned)) {
                if (addLate && r != null) {
                    Rollup stored = RollupStore.find(c, days.get(i), zone.getId());
                    write.add(stored == null ? r : stored.plus(r));
                    late.add(days.get(i));
                } else {
                    kept.add(days.get(i));
                }
            } else if (r != null) {
                write.add(r);
                written.add(days.get(i));
            }
        }
        RollupStore.upsert(c, write);
        return new SnapshotResult(written, kept, late, 0);
    }

    /** Stored rollups of {@code timezone}, by day, between the bounds (null: open). */
    public List<Rollup> rollups(String timezone, LocalDate from, LocalDate to) {
        return db.read("read daily rollups", c -> RollupStore.list(c, timezone, from, to));
    }

    /** The timezones that have rollups. */
    public List<String> rollupTimezones() {
        return db.read("read rollup timezones", RollupStore::timezones);
    }

    /** The stored cursor of a transcript file, or null when it was never imported. */
    public TranscriptCursor transcriptCursor(String path) {
        return db.read("read transcript cursor", c -> TranscriptStore.cursor(c, path));
    }

    /** The dashboard's rollup sums over [since, until). */
    public DashboardStore.Read dashboard(Instant since, Instant until) {
        reprice();
        return db.read("read the dashboard's rollups", c -> DashboardStore.read(c, since, until));
    }

    /** Each workstream's costliest model over [since, until). */
    public Map<String, String> dominantModels(Instant since, Instant until) {
        reprice();
        return db.read("read each workstream's dominant model", c -> DashboardStore.dominantModels(c, since, until));
    }

    /** Every stored transcript cursor, by path. */
    public Map<String, TranscriptCursor> transcriptCursors() {
        return db.read("read transcript cursors", TranscriptStore::cursors);
    }

    /** One file's new responses, sessions and cursor, in one transaction: all or nothing. */
    public TranscriptBatch.Outcome importTranscript(TranscriptBatch batch) {
        return importTranscripts(List.of(batch));
    }

    /**
     * Batches of one or more files, in order, in one transaction: all or nothing. An import commits
     * several files at once because each commit costs its dirty pages written to the WAL (and, past
     * the auto-checkpoint size, a checkpoint with two fsyncs): once per small file was a third of a
     * cold import's writing.
     */
    public TranscriptBatch.Outcome importTranscripts(List<TranscriptBatch> batches) {
        return write("import transcript lines", c -> TranscriptStore.write(c, prices, clock.instant(), batches));
    }

    /** The stored cursors of one agent source's files, by path (Claude Code's are {@link #transcriptCursors}). */
    public Map<String, ImportCursor> importCursors(String source) {
        return db.read("read " + source + " cursors", c -> ImportStateStore.cursors(c, source));
    }

    /** Every stored workflow run (or the one named; none when it is unknown) with its agents. */
    public List<WorkflowRunData> workflowRuns(String runId) {
        return db.read("read workflow runs", c -> WorkflowStore.runs(c, runId));
    }

    /** One file's new events and its cursor, in one transaction: all or nothing. */
    public SourceBatch.Outcome importSource(SourceBatch batch) {
        return importSources(List.of(batch));
    }

    /** Several files' new events and cursors, in one transaction: all or nothing. */
    public SourceBatch.Outcome importSources(List<SourceBatch> batches) {
        if (batches.isEmpty()) {
            return SourceBatch.Outcome.NONE;
        }
        return write("import " + batches.get(0).cursorAfter().source() + " lines",
                c -> ImportStateStore.write(c, prices, clock.instant(), batches));
    }

    /** One OTLP export's usage, in one transaction: all or nothing (see {@link OtlpBatch} for the counting rules). */
    public OtlpBatch.Outcome importOtlp(OtlpBatch batch) {
        return write("import an OTLP export", c -> OtlpStore.write(c, prices, clock.instant(), batch));
    }

    /** Imported usage per time slot and model (slotChars 13: UTC hours, 16: minutes). */
    public List<UsageRow> usageBySlot(Instant since, Instant until, String project, int slotChars) {
        return usageBySlot(since, until, project, null, slotChars);
    }

    /** As above, over these sources only (null: every measured source). */
    public List<UsageRow> usageBySlot(Instant since, Instant until, String project, List<String> sources,
            int slotChars) {
        return usageBySlot(since, until, UsageFilter.of(project, sources), slotChars);
    }

    /** As above, narrowed by {@code filter}. */
    public List<UsageRow> usageBySlot(Instant since, Instant until, UsageFilter filter, int slotChars) {
        reprice();
        return db.read("read usage", c -> UsageStore.bySlot(c, since, until, filter, slotChars));
    }

    /** Imported usage per session and model. */
    public List<UsageRow> usageBySession(Instant since, Instant until, UsageFilter filter) {
        reprice();
        return db.read("read usage by session", c -> UsageStore.bySession(c, since, until, filter));
    }

    /** Every imported entry in the window, oldest first. */
    public List<UsageRow> usageEntries(Instant since, Instant until, UsageFilter filter) {
        reprice();
        return db.read("read usage entries", c -> UsageStore.entries(c, since, until, filter));
    }

    /** Session id to {project, cwd, git branch, version}. */
    public Map<String, String[]> transcriptSessions() {
        return db.read("read sessions", UsageStore::sessions);
    }

    @Override
    public void close() {
        db.close();
    }
}
