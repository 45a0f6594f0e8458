package dev.tokenomics.ledger;

import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps stored costs on the price table in use. price_state names the table the stored costs
 * (token_events.cost_nanos and every rollup) follow, price_models the rates each model and speed
 * was costed at. When a command's table differs, {@link #step} moves the stored costs to it one
 * chunk of events per transaction, through the caller's {@link EventWriter} (rollups by delta):
 * a writer waiting for the lock waits for one chunk, never for the whole history, and a killed
 * reprice goes on from its cursor. Only the events of the models whose rates changed are checked,
 * plus every event from {@code stale_from} on (events written while the ledger followed another
 * table than the writer's).
 *
 * <p>Two tables on one ledger: the stored costs never move to a table older (by date) than the one
 * they follow, so two processes of different releases do not reprice the history back and forth.
 * The older one costs what it writes with its own table and marks it stale; the next command on
 * the newer table reprices those events. Tables of the same date (a {@code --prices} override)
 * follow the last command that asked. Pruned events are gone: the running totals and budget spend
 * they left keep the costs they had.
 */
final class Repricer {
    private static final String STATE = """
            SELECT fingerprint, date, pending_fingerprint, pending_date, pending_after, pending_all_from, stale_from,
              pending_beat
            FROM price_state WHERE id = 1""";
    private static final String NOTE_RATES = """
            INSERT INTO price_models (model, fast, rates) VALUES (?, ?, ?)
            ON CONFLICT (model, fast) DO UPDATE SET rates = excluded.rates
            WHERE price_models.rates IS DISTINCT FROM excluded.rates""";
    private static final String MARK_STALE = """
            UPDATE price_state SET stale_from = ? WHERE id = 1 AND (stale_from IS NULL OR stale_from > ?)""";
    /** Every model and speed stored: the truth, whatever price_models holds (one scan, on a table change only). */
    private static final String KEYS = "SELECT DISTINCT model, CASE WHEN speed = 'fast' THEN 1 ELSE 0 END FROM token_events WHERE model IS NOT NULL";
    /** Events per transaction. */
    static final int CHUNK = 2_000;
    /** A looping repricer that finished no chunk for this long is taken to have died. */
    static final java.time.Duration ALIVE = java.time.Duration.ofSeconds(10);

    /** A model at a speed: what a price is looked up by. */
    record PriceKey(String model, boolean fast) {
        Optional<ModelPrice> lookup(PriceTable prices) {
            return prices.lookup(model, fast ? PriceTable.FAST : null);
        }
    }

    /** Where the stored costs stand against a process's table. */
    enum Standing {
        /** They follow it: a writer notes the rates of the models it prices. */
        FOLLOWS,
        /** A reprice to it is under way: what is written now is costed as the reprice will leave it. */
        CATCHING_UP,
        /** They follow another table of the same date or an older one, or none yet: a reprice is due. */
        BEHIND,
        /** They follow a newer table: never repriced back; what this process writes is marked stale. */
        OLDER;

        /** Whether events written now may be costed otherwise than the stored costs will end up. */
        boolean marksStale() {
            return this == BEHIND || this == OLDER;
        }
    }

    /** price_state's row; null fields when unset. */
    record State(String fingerprint, LocalDate date, String pendingFingerprint, LocalDate pendingDate,
            long pendingAfter, Long pendingAllFrom, Long staleFrom, Instant pendingBeat) {
        Standing standing(PriceTable prices) {
            String ours = prices.fingerprint();
            if (ours.equals(pendingFingerprint)) {
                return Standing.CATCHING_UP;
            }
            LocalDate mine = prices.base().date();
            LocalDate theirs = later(date, pendingFingerprint == null ? null : pendingDate);
            if (mine != null && theirs != null && mine.isBefore(theirs)) {
                return Standing.OLDER;
            }
            return ours.equals(fingerprint) && pendingFingerprint == null ? Standing.FOLLOWS : Standing.BEHIND;
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a == null ? b : b == null || !b.isAfter(a) ? a : b;
        }
    }

    /**
     * What one chunk did: events whose cost changed, whether the stored costs now follow the table;
     * {@code waiting}: nothing done, as a live process is repricing to another table of the same date.
     */
    record Step(long recosted, long checked, boolean done, Standing standing, boolean waiting) {
        Step(long recosted, long checked, boolean done, Standing standing) {
            this(recosted, checked, done, standing, false);
        }
    }

    private Repricer() {}

    /** price_state's row; null when no table was recorded yet (a new or migrated ledger). */
    static State state(Connection c) throws SQLException {
        try (ResultSet rs = StatementCache.prepare(c, STATE).executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new State(rs.getString(1), date(rs.getString(2)), rs.getString(3), date(rs.getString(4)),
                    rs.getLong(5), nullableLong(rs, 6), nullableLong(rs, 7),
                    rs.getString(8) == null ? null : Instant.parse(rs.getString(8)));
        }
    }

    /** How the stored costs stand against {@code prices}; one read. */
    static Standing standing(Connection c, PriceTable prices) throws SQLException {
        State s = state(c);
        return s == null ? Standing.BEHIND : s.standing(prices);
    }

    /** Whether a read of costs has nothing to reprice first: they follow {@code prices} with no stale event. */
    static boolean settled(State s, PriceTable prices) {
        if (s == null) {
            return false;
        }
        Standing st = s.standing(prices);
        return st == Standing.OLDER || st == Standing.FOLLOWS && s.staleFrom() == null;
    }

    /**
     * Marks the events from {@code lowestId} on as possibly costed by another table than the one
     * the stored costs follow, so the next reprice checks them whatever their model.
     */
    static void markStale(Connection c, long lowestId) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, MARK_STALE);
        ps.setLong(1, lowestId);
        ps.setLong(2, lowestId);
        ps.executeUpdate();
    }

    /**
     * One chunk of the reprice to {@code prices}, in the caller's write transaction: starts it when
     * none to this table is under way (the changed models, any abandoned reprice's models, the
     * stale events), checks up to {@link #CHUNK} events after the cursor and, after the last, notes
     * the rates and names the table in price_state. Call again while it returns not done.
     * {@code beat}: the wall-clock time when called from a loop that goes on to the end (it marks the
     * reprice alive, so a process on another table of the same date waits instead of taking it
     * over, and two such processes do not undo each other's chunks forever); null from a writer's
     * single chunk. {@code keys}: the stored models and speeds, read before the transaction (a
     * full scan, kept out of the write lock; a model first written since is not noted, so the next
     * reprice checks its events again, which changes nothing), or null to read them here.
     */
    static Step step(Connection c, PriceTable prices, EventWriter out, Instant now, int chunk, Instant beat,
            List<PriceKey> keys) throws SQLException {
        State s = state(c);
        Standing standing = s == null ? Standing.BEHIND : s.standing(prices);
        if (standing == Standing.OLDER || standing == Standing.FOLLOWS && s.staleFrom() == null) {
            return new Step(0, 0, true, standing);
        }
        if (standing == Standing.BEHIND && s != null && s.pendingFingerprint() != null && s.pendingBeat() != null
                && s.pendingBeat().isAfter(Instant.now().minus(ALIVE))) {
            return new Step(0, 0, false, standing, true);
        }
        long after;
        Long allFrom;
        List<PriceKey> models;
        List<PriceKey> stored = keys;
        if (standing == Standing.CATCHING_UP) {
            models = new ArrayList<>(pendingKeys(c));
            after = s.pendingAfter();
            allFrom = lower(s.pendingAllFrom(), s.staleFrom());
            if (s.staleFrom() != null && s.staleFrom() <= after) {
                after = s.staleFrom() - 1; // written behind the cursor by another table: look again from there
            }
        } else {
            if (stored == null) {
                stored = allKeys(c);
            }
            Set<PriceKey> changed = changedKeys(c, prices, stored);
            if (s != null && s.pendingFingerprint() != null) {
                changed.addAll(pendingKeys(c)); // an abandoned reprice left these events on its table
            }
            replacePendingKeys(c, changed);
            models = new ArrayList<>(changed);
            after = 0;
            allFrom = s == null ? null : s.staleFrom();
            if (changed.isEmpty()) {
                after = allFrom == null ? Long.MAX_VALUE : allFrom - 1;
            }
        }
        Chunk done = recost(c, prices, out, models, after, allFrom, chunk);
        // Sent now: the caller's own writes come next and must read the rows as repriced.
        out.flush();
        if (!done.last()) {
            savePending(c, prices, done.after(), allFrom, s == null, beat);
            return new Step(done.recosted(), done.checked(), false, Standing.CATCHING_UP);
        }
        for (PriceKey key : stored != null ? stored : allKeys(c)) {
            noteRates(c, key, key.lookup(prices));
        }
        replacePendingKeys(c, Set.of());
        finish(c, prices, now);
        return new Step(done.recosted(), done.checked(), true, Standing.FOLLOWS);
    }

    /**
     * Records the rates {@code key}'s stored costs are computed with (null: unpriced). Unchanged
     * rates write nothing: every record call asks this, and a rewritten row is one more page in
     * each commit.
     */
    static void noteRates(Connection c, PriceKey key, Optional<ModelPrice> price) throws SQLException {
        if (key.model() == null) {
            return; // no model, no price, whatever the table
        }
        String rates = price.map(ModelPrice::ratesKey).orElse(null);
        Map<PriceKey, Optional<String>> noted = StatementCache.notedRates(c);
        Optional<String> before = noted.get(key);
        if (before != null && Objects.equals(before.orElse(null), rates)) {
            // Noted on this connection already: a record call would otherwise pay an upsert per
            // event for nothing. A note that did not last (its transaction rolled back, another
            // table's reprice replaced it) only makes the next table change recheck this model.
            return;
        }
        PreparedStatement ps = StatementCache.prepare(c, NOTE_RATES);
        ps.setString(1, key.model());
        ps.setInt(2, key.fast() ? 1 : 0);
        ps.setString(3, rates);
        ps.executeUpdate();
        noted.put(key, Optional.ofNullable(rates));
    }

    /** The stored models and speeds whose rates in price_models differ from {@code prices}' (or are not noted). */
    private static Set<PriceKey> changedKeys(Connection c, PriceTable prices, List<PriceKey> keys) throws SQLException {
        Map<PriceKey, String> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT model, fast, rates FROM price_models");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(new PriceKey(rs.getString(1), rs.getInt(2) == 1), rs.getString(3));
            }
        }
        Set<PriceKey> changed = new LinkedHashSet<>();
        for (PriceKey key : keys) {
            String rates = key.lookup(prices).map(ModelPrice::ratesKey).orElse(null);
            if (!stored.containsKey(key) || !Objects.equals(stored.get(key), rates)) {
                changed.add(key);
            }
        }
        return changed;
    }

    static List<PriceKey> allKeys(Connection c) throws SQLException {
        List<PriceKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new PriceKey(rs.getString(1), rs.getInt(2) == 1));
            }
        }
        return keys;
    }

    private static Set<PriceKey> pendingKeys(Connection c) throws SQLException {
        Set<PriceKey> keys = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT model, fast FROM price_pending_models ORDER BY model, fast");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new PriceKey(rs.getString(1), rs.getInt(2) == 1));
            }
        }
        return keys;
    }

    private static void replacePendingKeys(Connection c, Set<PriceKey> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM price_pending_models")) {
            ps.executeUpdate();
        }
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO price_pending_models (model, fast) VALUES (?, ?)")) {
            for (PriceKey key : keys) {
                ps.setString(1, key.model());
                ps.setInt(2, key.fast() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Saves the cursor of the reprice to {@code prices}; a new ledger gets its row with no table yet (''). */
    private static void savePending(Connection c, PriceTable prices, long after, Long allFrom, boolean newRow,
            Instant beat) throws SQLException {
        String sql = newRow
                ? "INSERT INTO price_state (pending_fingerprint, pending_source, pending_date, pending_after, "
                        + "pending_all_from, pending_beat, stale_from, id, fingerprint, source, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, NULL, 1, '', '', '')"
                : "UPDATE price_state SET pending_fingerprint = ?, pending_source = ?, pending_date = ?, "
                        + "pending_after = ?, pending_all_from = ?, pending_beat = ?, stale_from = NULL WHERE id = 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prices.fingerprint());
            ps.setString(2, prices.describeSources());
            ps.setString(3, dateText(prices));
            ps.setLong(4, after);
            setLong(ps, 5, allFrom);
            ps.setString(6, beat == null ? null : beat.toString());
            ps.executeUpdate();
        }
    }

    private static void finish(Connection c, PriceTable prices, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO price_state (id, fingerprint, source, date, updated_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, source = excluded.source,
                  date = excluded.date, updated_at = excluded.updated_at, pending_fingerprint = NULL,
                  pending_source = NULL, pending_date = NULL, pending_after = NULL, pending_all_from = NULL,
                  pending_beat = NULL, stale_from = NULL""")) {
            ps.setString(1, prices.fingerprint());
            ps.setString(2, prices.describeSources());
            ps.setString(3, dateText(prices));
            ps.setString(4, Times.format(now));
            ps.executeUpdate();
        }
    }

    private record Chunk(long recosted, long checked, long after, boolean last) {}

    /**
     * The events after {@code after} of the listed models, and from {@code allFrom} on every event,
     * in id order, up to {@code chunk} of them (read whole before its updates, so no update runs
     * under an open scan of the table it changes), each given its cost at the new rates when that
     * differs from the stored one.
     */
    private static Chunk recost(Connection c, PriceTable prices, EventWriter out, List<PriceKey> models, long after,
            Long allFrom, int chunk) throws SQLException {
        if (after == Long.MAX_VALUE) {
            return new Chunk(0, 0, after, true);
        }
        List<String> names = models.stream().map(PriceKey::model).distinct().toList();
        String byModel = names.isEmpty() ? null
                : "model IN (" + String.join(",", Collections.nCopies(names.size(), "?")) + ")";
        String which = byModel == null ? "id >= ?" : allFrom == null ? byModel : "(" + byModel + " OR id >= ?)";
        String sql = "SELECT " + EventWriter.CELL_COLUMNS + ", id, CASE WHEN speed = 'fast' THEN 1 ELSE 0 END "
                + "FROM token_events WHERE id > ? AND " + which + " ORDER BY id LIMIT " + chunk;
        Set<PriceKey> listed = Set.copyOf(models);
        Map<PriceKey, Optional<ModelPrice>> priceOf = new HashMap<>();
        String version = prices.version();
        List<EventRow> rows = new ArrayList<>();
        List<Long> costs = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        int read = 0;
        long last = after;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, after);
            for (String name : names) {
                ps.setString(i++, name);
            }
            if (byModel == null || allFrom != null) {
                ps.setLong(i, allFrom);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    EventRow row = EventWriter.cellRow(null, rs);
                    last = rs.getLong(23);
                    PriceKey key = new PriceKey(row.model(), rs.getInt(24) == 1);
                    if (!listed.contains(key) && (allFrom == null || last < allFrom)) {
                        continue; // the model's other speed changed, not this one
                    }
                    Optional<ModelPrice> price = key.model() == null ? Optional.empty()
                            : priceOf.computeIfAbsent(key, k -> k.lookup(prices));
                    Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheCreationTokens(),
                            row.cacheCreation1hTokens(), row.cacheReadTokens());
                    Long cost = price.map(p -> Costs.toNanos(Costs.cost(p, usage))).orElse(null);
                    if (!Objects.equals(cost, row.costNanos())) {
                        rows.add(row);
                        ids.add(last);
                        costs.add(cost);
                    }
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            out.recost(ids.get(i), rows.get(i), costs.get(i), costs.get(i) == null ? null : version);
        }
        return new Chunk(rows.size(), read, last, read < chunk);
    }

    private static Long lower(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(Math.min(a, b));
    }

    private static String dateText(PriceTable prices) {
        return prices.base().date() == null ? null : prices.base().date().toString();
    }

    private static LocalDate date(String text) {
        return text == null || text.isEmpty() ? null : LocalDate.parse(text);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
