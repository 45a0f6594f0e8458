package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives {@link Repricer} for one ledger and table: a chunk per transaction until the stored
 * costs follow the table, progress on stderr for a long one, and one warning when they follow a
 * newer table that this process will not reprice them back from. Remembers whether the costs were
 * last seen to follow, so that a write looks first only when they might not.
 */
final class CostFollower {
    private static final Logger log = LoggerFactory.getLogger(CostFollower.class);
    /** Said once per process: the stored costs follow a newer table than this process's. */
    private static final AtomicBoolean SAID_OLDER = new AtomicBoolean();
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final Database db;
    private final PriceTable prices;
    private final Clock clock;
    /** Set when the stored costs were last seen to follow this table (or a newer one): a write need not look first. */
    private volatile boolean settled;
    private volatile int chunk = Repricer.CHUNK;

    CostFollower(Database db, PriceTable prices, Clock clock) {
        this.db = db;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * Moves the stored costs onto the table, one chunk of events per transaction so that other
     * writers go on meanwhile: the events of the models whose rates differ, those marked stale,
     * and every rollup. Never onto a table older than the one they follow. Returns how many
     * events' costs changed, or -1 when nothing was to do.
     */
    long reprice() {
        Repricer.State state = db.read("read price state", Repricer::state);
        if (Repricer.settled(state, prices)) {
            sayIfOlder(state);
            settled = true;
            return -1;
        }
        long recosted = 0;
        long checked = 0;
        long start = System.nanoTime();
        long nextWord = start + PROGRESS_NANOS;
        int size = chunk;
        // A full scan: read outside the write lock, so writers beside the reprice wait for chunks only.
        java.util.List<Repricer.PriceKey> keys = db.read("list the stored models", Repricer::allKeys);
        Repricer.Step step;
        do {
            long chunkStart = System.nanoTime();
            step = step(size, Instant.now(), keys);
            if (!step.done() && !step.waiting()) {
                // A writer waiting for the lock polls it (SQLite's busy handler sleeps 1 to 100 ms between
                // tries): without a gap this loop takes the lock again first, chunk after chunk.
                pause(Math.min(50, Math.max(2, (System.nanoTime() - chunkStart) / 2_000_000)));
            }
            if (step.waiting()) {
                pause(200); // another live process reprices to its table of the same date: after it, this one
                continue;
            }
            recosted += step.recosted();
            checked += step.checked();
            if (!step.done() && System.nanoTime() > nextWord) {
                log.info("repricing stored costs to {}: {} events checked, {} recosted so far; writes go on meanwhile",
                        prices.version(), checked, recosted);
                nextWord += PROGRESS_NANOS;
            }
        } while (!step.done());
        if (step.standing() == Repricer.Standing.OLDER) {
            sayIfOlder(db.read("read price state", Repricer::state));
        } else if (System.nanoTime() - start > PROGRESS_NANOS) {
            log.info("repriced stored costs to {}: {} events checked, {} recosted, in {} ms", prices.version(), checked,
                    recosted, (System.nanoTime() - start) / 1_000_000);
        }
        settled = true;
        return recosted;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while another process repriced the ledger", e);
        }
    }

    void chunk(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("reprice chunk must be at least 1, got " + events);
        }
        this.chunk = events;
    }

    /**
     * Before a write: when a reprice to this table is under way, one chunk of it (a write waits for
     * one chunk at most, never for the whole). A write never starts a reprice: it costs with its
     * table and marks what it wrote, and the next read (which reprices first) does the rest. One
     * read while the costs are not seen to follow this table, none after.
     */
    void catchUp() {
        if (settled) {
            return;
        }
        Repricer.State state = db.read("read price state", Repricer::state);
        if (Repricer.settled(state, prices)) {
            sayIfOlder(state);
            settled = true;
            return;
        }
        if (state != null && !prices.fingerprint().equals(state.pendingFingerprint())) {
            return; // none under way to this table: starting one (a full scan) is a read's work
        }
        // A ledger that never named a table (new, or just migrated from before version 9) starts here.
        settled = step(chunk, null, null).done();
    }

    /** One chunk in a write transaction of its own; see {@link Repricer#step}. */
    private Repricer.Step step(int size, Instant beat, java.util.List<Repricer.PriceKey> keys) {
        return db.write("reprice stored costs to " + prices.version(), c -> {
            try (EventWriter w = new EventWriter(c)) {
                return Repricer.step(c, prices, w, clock.instant(), size, beat, keys);
            }
        });
    }

    /** After a write: how the costs stood, so that the next write may skip {@link #catchUp}. */
    void wrote(Repricer.Standing standing) {
        settled = standing == Repricer.Standing.FOLLOWS || standing == Repricer.Standing.OLDER;
    }

    private void sayIfOlder(Repricer.State state) {
        if (state == null || state.standing(prices) != Repricer.Standing.OLDER || !SAID_OLDER.compareAndSet(false, true)) {
            return;
        }
        LocalDate theirs = state.pendingFingerprint() != null && state.pendingDate() != null ? state.pendingDate()
                : state.date();
        log.warn("ledger {} keeps its costs on a newer price table (dated {}) than this process's ({}, dated {}): "
                + "costs read here are the ledger's; events recorded here are costed with this process's table "
                + "until the next command on the newer one reprices them. Use `tokenomics prices update --from FILE` "
                + "or a newer release", db.location(), theirs, prices.version(), prices.base().date());
    }
}
