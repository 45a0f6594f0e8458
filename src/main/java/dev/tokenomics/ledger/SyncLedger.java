package dev.tokenomics.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's side of {@code tokenomics sync}: on a machine, the events not yet pushed to a hub
 * and the cursor that says so; on the hub, one pushed batch written in one transaction.
 *
 * <p>A hub keys a pushed event by (machine, record_key): its record_key there is
 * {@code machine + "/" + record_key}, so two machines' self-reported keys never collide, and the
 * same event pushed again (a retry, a re-run after a kill) replaces itself instead of counting twice.
 */
public final class SyncLedger {
    /** Between a pushed event's machine and its own key, in the hub's record_key. */
    public static final String KEY_SEPARATOR = "/";

    private final TokenLedger ledger;

    SyncLedger(TokenLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * What has been pushed to {@code hub}: the last acknowledged event id (0: nothing) and the count,
     * the last acknowledged task status change id, and the updated_at of the newest acknowledged ref
     * (null: none yet).
     */
    public record Cursor(long lastEventId, long pushedEvents, long lastChangeId, String refsSince) {}

    /** A ref as a push carries it, with when it last changed here (the refs cursor moves by that). */
    public record RefAt(Ref ref, String updatedAt) {}

    /** What one received push did on the hub. */
    public record Received(List<RecordedEvent> events, int changesAdded, int refsWritten) {}

    /** The machine this ledger records as: what its own task changes and refs are pushed under. */
    public String machine() {
        return ledger.machine();
    }

    public Cursor cursor(String hub) {
        return ledger.database().read("read sync cursor", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_event_id, pushed_events, last_change_id, refs_since FROM sync_state WHERE hub = ?")) {
                ps.setString(1, hub);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Cursor(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))
                            : new Cursor(0, 0, 0, null);
                }
            }
        });
    }

    /** Up to {@code limit} task status changes with id above {@code afterId}, in id order. */
    public List<SyncedChange> changesAfter(long afterId, int limit) {
        return ledger.database().read("read task changes to sync", c -> TaskStore.changesAfter(c, afterId, limit));
    }

    /**
     * The refs changed at or after {@code since} (all when null), oldest change first. At, not after:
     * two refs can change within one clock tick, and a ref pushed twice is the same ref.
     */
    public List<RefAt> refsSince(String since) {
        return ledger.database().read("read refs to sync", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ref_type, ref_id, repo, title, loc_added, "
                    + "loc_removed, merged_at, source, updated_at FROM refs WHERE ? IS NULL OR updated_at >= ? "
                    + "ORDER BY updated_at, ref_type, ref_id")) {
                ps.setString(1, since);
                ps.setString(2, since);
                List<RefAt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String merged = rs.getString(7);
                        out.add(new RefAt(new Ref(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getLong(6), merged == null ? null : Times.parseStored(merged),
                                rs.getString(8)), rs.getString(9)));
                    }
                }
                return out;
            }
        });
    }

    /** Notes that {@code hub} acknowledged every task status change up to {@code lastChangeId}. */
    public void advanceChanges(String hub, long lastChangeId) {
        moveCursor(hub, "last_change_id", lastChangeId, null);
    }

    /** Notes that {@code hub} acknowledged every ref changed up to {@code updatedAt}. */
    public void advanceRefs(String hub, String updatedAt) {
        moveCursor(hub, "refs_since", null, updatedAt);
    }

    private void moveCursor(String hub, String column, Long id, String text) {
        ledger.database().write("advance sync cursor", c -> {
            // column is one of two names written above, never input
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_state (hub, last_event_id, pushed_events, "
                    + "updated_at, " + column + ") VALUES (?, 0, 0, ?, ?) ON CONFLICT (hub) DO UPDATE SET " + column
                    + " = excluded." + column + ", updated_at = excluded.updated_at")) {
                ps.setString(1, hub);
                ps.setString(2, Times.format(ledger.clock().instant()));
                if (id != null) {
                    ps.setLong(3, id);
                } else {
                    ps.setString(3, text);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Up to {@code limit} events with id above {@code afterId}, in id order (oldest first). */
    public List<StoredEvent> eventsAfter(long afterId, int limit) {
        if (limit < 1 || limit > TokenLedger.MAX_BATCH) {
            throw new IllegalArgumentException("limit must be between 1 and " + TokenLedger.MAX_BATCH + ", got " + limit);
        }
        ledger.reprice();
        return ledger.database().read("read events to sync", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EventStore.SELECT_COLUMNS
                    + " FROM token_events WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(EventStore.readRow(rs));
                    }
                }
                return out;
            }
        });
    }

    /** How many events have an id above {@code afterId}: what a sync still has to push. */
    public long countAfter(long afterId) {
        return ledger.database().read("count events to sync", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM token_events WHERE id > ?")) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Notes that {@code hub} acknowledged every event up to {@code lastEventId} ({@code pushed} more of them). */
    public void advance(String hub, long lastEventId, long pushed) {
        ledger.database().write("advance sync cursor", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sync_state (hub, last_event_id, pushed_events, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hub) DO UPDATE SET last_event_id = excluded.last_event_id,
                      pushed_events = sync_state.pushed_events + excluded.pushed_events,
                      updated_at = excluded.updated_at""")) {
                ps.setString(1, hub);
                ps.setLong(2, lastEventId);
                ps.setLong(3, pushed);
                ps.setString(4, Times.format(ledger.clock().instant()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * On a hub: writes one pushed batch of {@code machine}'s events, all or none, each keyed by
     * (machine, its record_key). Returns what each write did (replaced: the hub had it already).
     */
    public List<RecordedEvent> receive(String machine, List<EventInput> events) {
        return receive(machine, events, List.of(), List.of()).events();
    }

    /**
     * On a hub: one push of {@code machine}'s events, task status changes and refs, all in one
     * transaction, all or none. Events first: a change names the event recorded with it by its key.
     */
    public Received receive(String machine, List<EventInput> events, List<SyncedChange> changes, List<Ref> refs) {
        Machines.check(machine);
        if (events.isEmpty() && changes.isEmpty() && refs.isEmpty()) {
            return new Received(List.of(), 0, 0);
        }
        if (events.size() > TokenLedger.MAX_BATCH) {
            throw new IllegalArgumentException("events must hold at most " + TokenLedger.MAX_BATCH + ", got "
                    + events.size());
        }
        List<EventInput> keyed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventInput e = events.get(i);
            if (e.recordKey() == null || e.recordKey().isBlank()) {
                throw new IllegalArgumentException("events[" + i + "].record_key is required in a sync push");
            }
            keyed.add(e.withRecordKey(machine + KEY_SEPARATOR + e.recordKey()).withMachine(machine));
        }
        return ledger.write("receive " + events.size() + " synced events, " + changes.size() + " task changes and "
                + refs.size() + " refs from " + machine, c -> {
            List<RecordedEvent> written = List.of();
            if (!keyed.isEmpty()) {
                try (EventStore.Writer w = new EventStore.Writer(c, ledger.prices(), EventDefaults.NONE,
                        ledger.clock().instant())) {
                    written = w.writeAll(keyed);
                }
            }
            String now = Times.format(ledger.clock().instant());
            int added = 0;
            try (PreparedStatement byKey = c.prepareStatement("SELECT id FROM token_events WHERE record_key = ?")) {
                for (SyncedChange ch : changes) {
                    Long eventId = null;
                    if (ch.eventRecordKey() != null) {
                        byKey.setString(1, machine + KEY_SEPARATOR + ch.eventRecordKey());
                        try (ResultSet rs = byKey.executeQuery()) {
                            eventId = rs.next() ? rs.getLong(1) : null;
                        }
                    }
                    added += TaskStore.receive(c, machine, ch, eventId, now) ? 1 : 0;
                }
            }
            try (RefStore.Writer w = new RefStore.Writer(c, now)) {
                for (Ref r : refs) {
                    w.write(r);
                }
            }
            return new Received(written, added, refs.size());
        });
    }
}
