package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Token events: record one or a batch, add them up by scope, page through them. Each public method is one transaction or one consistent read. */
public final class LedgerEvents {
    private final TokenLedger ledger;
    private final Database db;
    private final PriceTable prices;
    private final Clock clock;
    private final EventDefaults defaults;

    LedgerEvents(TokenLedger ledger) {
        this.ledger = ledger;
        this.db = ledger.database();
        this.prices = ledger.prices();
        this.clock = ledger.clock();
        this.defaults = ledger.defaults();
    }

    /** Records one event and returns it with the running totals of its task and workstream. */
    public RecordedEvent record(EventInput event) {
        return ledger.write("record token event", c -> {
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
        if (events.size() > TokenLedger.MAX_BATCH) {
            throw new IllegalArgumentException("events must hold at most " + TokenLedger.MAX_BATCH + " events, got " + events.size());
        }
        return ledger.write("record " + events.size() + " token events", c -> {
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
        return ledger.write("import token events", c -> {
            long n = 0;
            // In chunks through the batch path (one executeBatch, or COPY on PostgreSQL, per chunk):
            // a row at a time was a round trip per event on PostgreSQL.
            List<EventInput> chunk = new ArrayList<>(TokenLedger.MAX_BATCH);
            try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, clock.instant())) {
                for (EventInput e : events) {
                    chunk.add(e);
                    if (chunk.size() == TokenLedger.MAX_BATCH) {
                        n += w.writeAll(chunk).size();
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty()) {
                    n += w.writeAll(chunk).size();
                }
            }
            return n;
        });
    }

    static RecordedEvent withTotals(Connection c, RecordedEvent r) throws SQLException {
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
        ledger.reprice();
        return db.read("summarize " + scope.wireName(), c -> summarize(c, scope, scope == Scope.ALL ? null : id, filter));
    }

    /**
     * Each workstream's all-time totals, as the writer keeps them in running_totals: they survive
     * prune (the raw events do not), so they only grow, as a Prometheus counter must.
     */
    public Map<String, Totals> workstreamTotals() {
        ledger.reprice();
        return db.read("workstream totals", c -> EventStore.runningTotalsOf(c, "workstream"));
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    static Summary summarize(Connection c, Scope scope, String id, EventFilter filter) throws SQLException {
        EventStore.Where where = filter.where();
        // One pass grouped by all four columns, folded here: four GROUP BY scans cost twice as much
        // (summary all over 200k imported events). Keys in SQLite's order, NULL first, on both backends.
        Map<String, Totals> models = new TreeMap<>(NULLS_FIRST);
        Map<String, Totals> agents = new TreeMap<>(NULLS_FIRST);
        Map<String, Totals> sources = new TreeMap<>(NULLS_FIRST);
        Map<String, Totals> machines = new TreeMap<>(NULLS_FIRST);
        for (EventStore.Combination g : EventStore.combinations(c, where)) {
            models.merge(g.model(), g.totals(), Totals::plus);
            agents.merge(g.agent(), g.totals(), Totals::plus);
            sources.merge(g.source(), g.totals(), Totals::plus);
            machines.merge(g.machine(), g.totals(), Totals::plus);
        }
        Map<String, Totals> byModel = new LinkedHashMap<>();
        Totals total = Totals.ZERO;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Map.Entry<String, Totals> g : models.entrySet()) {
            String name = g.getKey() == null ? Summary.NONE : g.getKey();
            byModel.put(name, g.getValue());
            total = total.plus(g.getValue());
            if (g.getValue().unpricedEvents() > 0) {
                unpriced.add(name);
            }
        }
        Map<String, Totals> byAgent = new LinkedHashMap<>();
        agents.forEach((k, t) -> byAgent.put(k == null ? Summary.NONE : k, t));
        Map<String, Totals> bySource = new LinkedHashMap<>();
        sources.forEach((k, t) -> bySource.merge(Sources.agentOf(k), t, Totals::plus));
        Map<String, Totals> byMachine = new LinkedHashMap<>();
        machines.forEach((k, t) -> byMachine.put(k == null ? Summary.NONE : k, t));
        // The raw events before the last prune are gone: say so whenever the window reaches back there.
        Instant pruned = RollupStore.prunedBefore(c);
        boolean reachesPruned = pruned != null && (filter.since() == null || filter.since().isBefore(pruned));
        return new Summary(scope, id, filter.since(), filter.until(), total, byModel, byAgent, bySource,
                byMachine, List.copyOf(unpriced), reachesPruned ? pruned : null, filter.sources());
    }

    /** Newest first; {@code cursor} is the previous page's nextCursor or null for the first page. */
    public EventPage listEvents(EventFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > TokenLedger.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + TokenLedger.MAX_PAGE + ", got " + limit);
        }
        EventCursor after = cursor == null || cursor.isBlank() ? null : EventCursor.decode("cursor", cursor);
        ledger.reprice();
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

    /** The first and last event times, or null when the ledger has no events. */
    public Instant[] eventSpan() {
        return db.read("find the event span", ReportQueries::eventSpan);
    }
}
