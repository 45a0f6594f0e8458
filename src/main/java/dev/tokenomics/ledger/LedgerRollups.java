package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Daily rollups: snapshots, prunes (rollups first, then the raw events) and their reads. Each public method is one transaction or one consistent read. */
public final class LedgerRollups {
    private final Database db;
    private final Clock clock;

    LedgerRollups(TokenLedger ledger) {
        this.db = ledger.database();
        this.clock = ledger.clock();
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
    public List<Rollup> list(String timezone, LocalDate from, LocalDate to) {
        return db.read("read daily rollups", c -> RollupStore.list(c, timezone, from, to));
    }

    /** The timezones that have rollups. */
    public List<String> timezones() {
        return db.read("read rollup timezones", RollupStore::timezones);
    }
}
