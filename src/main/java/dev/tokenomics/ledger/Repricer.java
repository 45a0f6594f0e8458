package dev.tokenomics.ledger;

import dev.tokenomics.pricing.Costs;
import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps stored costs on the price table in use. price_state names the table the stored costs
 * (token_events.cost_nanos and every rollup) were computed with, price_models the rates each model
 * and speed was costed at. When a command's table differs, {@link #ensure} reprices, in the
 * caller's transaction and through its {@link EventWriter}, only the events of the models whose
 * rates changed (an unpriced one whose price arrived among them), the rollups by delta, then
 * records the new table. Pruned events are gone: the running totals and budget spend they left
 * keep the costs they had.
 */
final class Repricer {
    private static final String STATE = "SELECT fingerprint FROM price_state WHERE id = 1";
    private static final String SET_STATE = """
            INSERT INTO price_state (id, fingerprint, source, date, updated_at) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, source = excluded.source,
              date = excluded.date, updated_at = excluded.updated_at""";
    private static final String NOTE_RATES = """
            INSERT INTO price_models (model, fast, rates) VALUES (?, ?, ?)
            ON CONFLICT (model, fast) DO UPDATE SET rates = excluded.rates
            WHERE price_models.rates IS DISTINCT FROM excluded.rates""";
    /** Every model and speed stored: the truth, whatever price_models holds (one scan, on a table change only). */
    private static final String KEYS = "SELECT DISTINCT model, CASE WHEN speed = 'fast' THEN 1 ELSE 0 END FROM token_events WHERE model IS NOT NULL";
    private static final int CHUNK = 20_000;

    /** A model at a speed: what a price is looked up by. */
    record PriceKey(String model, boolean fast) {
        Optional<ModelPrice> lookup(PriceTable prices) {
            return prices.lookup(model, fast ? PriceTable.FAST : null);
        }
    }

    private Repricer() {}

    /** The fingerprint of the table the stored costs follow; null when none was recorded yet. */
    static String storedFingerprint(Connection c) throws SQLException {
        try (ResultSet rs = StatementCache.prepare(c, STATE).executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Reprices the stored costs to {@code prices} when they follow another table; returns how many
     * events' costs changed, or -1 when they already followed it. Call inside a write transaction.
     */
    static long ensure(Connection c, PriceTable prices, EventWriter out, Instant now) throws SQLException {
        if (prices.fingerprint().equals(storedFingerprint(c))) {
            return -1;
        }
        Map<PriceKey, String> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT model, fast, rates FROM price_models");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(new PriceKey(rs.getString(1), rs.getInt(2) == 1), rs.getString(3));
            }
        }
        Map<PriceKey, Optional<ModelPrice>> changed = new HashMap<>();
        List<PriceKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new PriceKey(rs.getString(1), rs.getInt(2) == 1));
            }
        }
        for (PriceKey key : keys) {
            Optional<ModelPrice> price = key.lookup(prices);
            String rates = price.map(ModelPrice::ratesKey).orElse(null);
            if (!stored.containsKey(key) || !Objects.equals(stored.get(key), rates)) {
                changed.put(key, price);
            }
        }
        long recosted = changed.isEmpty() ? 0 : recost(c, prices, out, changed);
        // Sent now: the caller's own writes come next and must read the rows as repriced.
        out.flush();
        for (PriceKey key : keys) {
            noteRates(c, key, key.lookup(prices));
        }
        try (PreparedStatement ps = c.prepareStatement(SET_STATE)) {
            ps.setString(1, prices.fingerprint());
            ps.setString(2, prices.describeSources());
            ps.setString(3, prices.base().date() == null ? null : prices.base().date().toString());
            ps.setString(4, Times.format(now));
            ps.executeUpdate();
        }
        return recosted;
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
        PreparedStatement ps = StatementCache.prepare(c, NOTE_RATES);
        ps.setString(1, key.model());
        ps.setInt(2, key.fast() ? 1 : 0);
        ps.setString(3, price.map(ModelPrice::ratesKey).orElse(null));
        ps.executeUpdate();
    }

    /**
     * The events of the changed models, in id order a chunk at a time (read whole before its
     * updates, so no update runs under an open scan of the table it changes), each given its cost
     * at the new rates when that differs from the stored one.
     */
    private static long recost(Connection c, PriceTable prices, EventWriter out,
            Map<PriceKey, Optional<ModelPrice>> changed) throws SQLException {
        List<String> models = changed.keySet().stream().map(PriceKey::model).distinct().toList();
        String sql = "SELECT " + EventWriter.CELL_COLUMNS + ", id, CASE WHEN speed = 'fast' THEN 1 ELSE 0 END FROM token_events WHERE id > ? "
                + "AND model IN (" + String.join(",", Collections.nCopies(models.size(), "?"))
                + ") ORDER BY id LIMIT " + CHUNK;
        String version = prices.version();
        long recosted = 0;
        long after = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < models.size(); i++) {
                ps.setString(i + 2, models.get(i));
            }
            int read;
            do {
                ps.setLong(1, after);
                read = 0;
                List<EventRow> rows = new ArrayList<>();
                List<Long> costs = new ArrayList<>();
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        EventRow row = EventWriter.cellRow(null, rs);
                        after = rs.getLong(22);
                        Optional<ModelPrice> price = changed.get(new PriceKey(row.model(), rs.getInt(23) == 1));
                        if (price == null) {
                            continue; // the model's other speed changed, not this one
                        }
                        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheCreationTokens(),
                                row.cacheCreation1hTokens(), row.cacheReadTokens());
                        Long cost = price.map(p -> Costs.toNanos(Costs.cost(p, usage))).orElse(null);
                        if (!Objects.equals(cost, row.costNanos())) {
                            rows.add(row);
                            ids.add(after);
                            costs.add(cost);
                        }
                    }
                }
                for (int i = 0; i < rows.size(); i++) {
                    out.recost(ids.get(i), rows.get(i), costs.get(i), costs.get(i) == null ? null : version);
                }
                recosted += rows.size();
            } while (read == CHUNK);
        }
        return recosted;
    }
}
