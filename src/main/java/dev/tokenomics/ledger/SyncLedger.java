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

    public SyncLedger(TokenLedger ledger) {
        this.ledger = ledger;
    }

    /** What has been pushed to {@code hub}: the last acknowledged event id (0: nothing) and the count. */
    public record Cursor(long lastEventId, long pushedEvents) {}

    public Cursor cursor(String hub) {
        return ledger.database().read("read sync cursor", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_event_id, pushed_events FROM sync_state WHERE hub = ?")) {
                ps.setString(1, hub);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Cursor(rs.getLong(1), rs.getLong(2)) : new Cursor(0, 0);
                }
            }
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
        Machines.check(machine);
        if (events.isEmpty()) {
            return List.of();
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
        return ledger.write("receive " + events.size() + " synced events from " + machine, c -> {
            try (EventStore.Writer w = new EventStore.Writer(c, ledger.prices(), EventDefaults.NONE,
                    ledger.clock().instant())) {
                return w.writeAll(keyed);
            }
        });
    }
}
