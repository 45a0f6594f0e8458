package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The regression gate: two saved summaries compared per model and per stage.
 *
 * <p>A summary is the JSON of {@code get_token_summary} or of a report: an object with
 * {@code by_model} (required) and {@code by_stage} (optional), each either an object
 * {@code {name: {cost_usd, tokens_total}}} or an array of rows {@code [{model|stage|name, cost_usd,
 * tokens_total}]}; {@code tokens_total} may be absent (0). A top-level {@code cost_usd} and
 * {@code tokens_total}, when present, are the totals; otherwise the by_model rows are summed.
 *
 * <p>A {@code cost_usd} of null is an unpriced figure (no price, so no cost: tools.md, Conventions),
 * never $0, and {@code cost_complete: false} marks a lower bound. A line unpriced on either side
 * has no USD change and no percent, so it is reported by its {@link Pricing} and never gated on
 * money it does not have.
 */
public final class SummaryDiff {
    private SummaryDiff() {}

    /**
     * One side's figures for one name.
     *
     * @param costUsd null when unpriced
     * @param costComplete false when {@code costUsd} counts only part of the events (a lower bound)
     */
    public record Figures(BigDecimal costUsd, boolean costComplete, long tokens) {
        static final Figures NONE = new Figures(BigDecimal.ZERO, true, 0);

        public boolean unpriced() {
            return costUsd == null;
        }
    }

    /** How a line's two sides were priced. */
    public enum Pricing {
        /** Both sides priced in full (an absent side spent nothing). */
        PRICED,
        /** Some side is a lower bound: part of its events had no price. */
        PARTIAL,
        /** No side present has a price. */
        UNPRICED,
        /** Unpriced in the baseline, priced now: the change is a new price, not a rise. */
        BECAME_PRICED,
        /** Priced in the baseline, unpriced now. */
        BECAME_UNPRICED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A parsed summary. */
    public record Summary(Figures total, Map<String, Figures> byModel, Map<String, Figures> byStage) {}

    /**
     * One compared line.
     *
     * @param table total, model or stage
     * @param changeUsd null when either side present is unpriced
     * @param changePct null when the baseline cost is 0 or either side is unpriced
     */
    public record Line(String table, String name, Figures baseline, Figures current, BigDecimal changeUsd,
            BigDecimal changePct, long changeTokens, String status, Pricing pricing) {
        BigDecimal changeUsdOrZero() {
            return changeUsd == null ? BigDecimal.ZERO : changeUsd;
        }
    }

    public record Result(Line total, List<Line> lines, BigDecimal failOnPct, BigDecimal failOnUsd,
            List<String> breaches) {
        public boolean failed() {
            return !breaches.isEmpty();
        }
    }

    public static Summary parse(String source, Map<String, Object> json) {
        if (json == null) {
            throw new IllegalArgumentException(source + ": expected a JSON object with by_model");
        }
        Object models = json.get("by_model");
        if (models == null && json.get("tables") instanceof Map<?, ?> tables) {
            return fromReport(source, tables);
        }
        if (models == null) {
            throw new IllegalArgumentException(source + ": no by_model: expected the JSON of get_token_summary or "
                    + "a report, {\"by_model\": {name: {\"cost_usd\": ..., \"tokens_total\": ...}}, \"by_stage\": {...}}");
        }
        Map<String, Figures> byModel = table(source, "by_model", models, "model");
        Map<String, Figures> byStage = json.get("by_stage") == null ? Map.of()
                : table(source, "by_stage", json.get("by_stage"), "stage");
        return new Summary(total(source, json, byModel), byModel, byStage);
    }

    /**
     * The JSON of {@code tokenomics report --format json} (tokenomics_report): its per-stage table is
     * by_stage, and the total is the stage rows' sum. A report has no per-model table, so a report
     * is compared per stage only.
     */
    private static Summary fromReport(String source, Map<?, ?> tables) {
        if (!(tables.get("stage") instanceof Map<?, ?> stage) || !(stage.get("rows") instanceof List<?> rows)) {
            throw new IllegalArgumentException(source + ": a report's JSON without tables.stage.rows: build the report "
                    + "with the stage section (the default) to diff it");
        }
        List<Map<String, Object>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw new IllegalArgumentException(source + ": tables.stage.rows[" + i + "] must be an object");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            row.forEach((k, v) -> r.put(String.valueOf(k), v));
            r.putIfAbsent("tokens_total", r.get("tokens"));
            stages.add(r);
        }
        Map<String, Figures> byStage = table(source, "tables.stage.rows", stages, "stage");
        return new Summary(total(source, Map.of(), byStage), Map.of(), byStage);
    }

    /** The file's own total when it has one, else the sum of {@code rows}. */
    private static Figures total(String source, Map<String, Object> json, Map<String, Figures> rows) {
        Map<String, Figures> byModel = rows;
        Figures total;
        if (json.containsKey("cost_usd")) {
            Object cost = json.get("cost_usd");
            total = new Figures(cost == null ? null : usd(source, "cost_usd", cost), complete(json),
                    json.get("tokens_total") == null ? sumTokens(byModel) : tokens(source, "tokens_total",
                            json.get("tokens_total")));
        } else {
            BigDecimal sum = null;
            boolean complete = true;
            for (Figures f : byModel.values()) {
                if (f.unpriced()) {
                    complete = false;
                } else {
                    sum = (sum == null ? BigDecimal.ZERO : sum).add(f.costUsd());
                    complete &= f.costComplete();
                }
            }
            if (byModel.isEmpty()) {
                sum = BigDecimal.ZERO;
            }
            // All rows unpriced: the total is unpriced too (null), not complete; null says it already.
            total = new Figures(sum, sum == null || complete, sumTokens(byModel));
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Figures> table(String source, String field, Object raw, String keyName) {
        Map<String, Figures> out = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String where = field + "." + e.getKey();
                out.put(String.valueOf(e.getKey()), figures(source, where, e.getValue()));
            }
            return out;
        }
        if (raw instanceof List<?> rows) {
            for (int i = 0; i < rows.size(); i++) {
                String where = field + "[" + i + "]";
                if (!(rows.get(i) instanceof Map<?, ?> row)) {
                    throw new IllegalArgumentException(source + ": " + where + " must be an object");
                }
                Object name = row.get(keyName) != null ? row.get(keyName) : row.get("name");
                if (name == null) {
                    throw new IllegalArgumentException(source + ": " + where + " has no " + keyName + " or name");
                }
                out.put(String.valueOf(name), figures(source, where, row));
            }
            return out;
        }
        throw new IllegalArgumentException(source + ": " + field + " must be an object or an array of rows");
    }

    private static Figures figures(String source, String where, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + ": " + where + " must be an object with cost_usd");
        }
        if (!m.containsKey("cost_usd")) {
            throw new IllegalArgumentException(source + ": " + where + " has no cost_usd");
        }
        Object cost = m.get("cost_usd");
        Object tokens = m.get("tokens_total");
        return new Figures(cost == null ? null : usd(source, where + ".cost_usd", cost), complete(m),
                tokens == null ? 0 : tokens(source, where + ".tokens_total", tokens));
    }

    /** {@code cost_complete} as written; absent (older files, hand-written ones) reads as complete. */
    private static boolean complete(Map<?, ?> m) {
        return !Boolean.FALSE.equals(m.get("cost_complete"));
    }

    private static BigDecimal usd(String source, String where, Object v) {
        try {
            return new BigDecimal(v instanceof String s ? s.strip() : String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + where + " must be a number, got " + v);
        }
    }

    private static long tokens(String source, String where, Object v) {
        try {
            return new BigDecimal(String.valueOf(v)).toBigIntegerExact().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(source + ": " + where + " must be a whole number, got " + v);
        }
    }

    private static long sumTokens(Map<String, Figures> rows) {
        BigInteger sum = BigInteger.ZERO;
        for (Figures f : rows.values()) {
            sum = sum.add(BigInteger.valueOf(f.tokens()));
        }
        return sum.longValueExact();
    }

    /**
     * Compares the two; a limit is passed when the total or any line rose by more than
     * {@code failOnPct} percent (lines new in current have no percent and are judged by the USD
     * limit only) or by more than {@code failOnUsd} dollars. Decreases never fail.
     */
    public static Result compare(Summary baseline, Summary current, BigDecimal failOnPct, BigDecimal failOnUsd) {
        if (failOnPct != null && failOnPct.signum() < 0) {
            throw new IllegalArgumentException("--fail-on-pct must be >= 0, got " + failOnPct.toPlainString());
        }
        if (failOnUsd != null && failOnUsd.signum() < 0) {
            throw new IllegalArgumentException("--fail-on-usd must be >= 0, got " + failOnUsd.toPlainString());
        }
        Line total = line("total", "total", baseline.total(), current.total());
        List<Line> lines = new ArrayList<>();
        lines.addAll(lines("model", baseline.byModel(), current.byModel()));
        lines.addAll(lines("stage", baseline.byStage(), current.byStage()));
        lines.sort(Comparator.comparing((Line l) -> l.changeUsdOrZero().abs()).reversed()
                .thenComparing(Line::table).thenComparing(Line::name));
        List<String> breaches = new ArrayList<>();
        List<Line> judged = new ArrayList<>();
        judged.add(total);
        judged.addAll(lines);
        for (Line l : judged) {
            String what = l.table().equals("total") ? "the total" : l.table() + " " + l.name();
            if (failOnPct != null && l.changePct() != null && l.changePct().compareTo(failOnPct) > 0) {
                breaches.add(what + " rose " + l.changePct().toPlainString() + "% (limit " + failOnPct.toPlainString()
                        + "%): $" + l.baseline().costUsd().toPlainString() + " -> $" + l.current().costUsd().toPlainString());
            }
            if (failOnUsd != null && l.changeUsd() != null && l.changeUsd().compareTo(failOnUsd) > 0) {
                breaches.add(what + " rose $" + l.changeUsd().toPlainString() + " (limit $" + failOnUsd.toPlainString()
                        + "): $" + l.baseline().costUsd().toPlainString() + " -> $" + l.current().costUsd().toPlainString());
            }
        }
        return new Result(total, List.copyOf(lines), failOnPct, failOnUsd, List.copyOf(breaches));
    }

    private static List<Line> lines(String table, Map<String, Figures> a, Map<String, Figures> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<Line> out = new ArrayList<>();
        for (String n : names) {
            out.add(line(table, n, a.getOrDefault(n, null), b.getOrDefault(n, null)));
        }
        return out;
    }

    private static Line line(String table, String name, Figures a, Figures b) {
        String status = a == null ? "added" : b == null ? "removed" : "changed";
        Figures base = a == null ? Figures.NONE : a;
        Figures cur = b == null ? Figures.NONE : b;
        // A side that is absent spent nothing; only the present sides say how the line was priced.
        Pricing pricing = a == null ? pricing(cur, cur) : b == null ? pricing(base, base) : pricing(base, cur);
        boolean sameCost = base.unpriced() ? cur.unpriced()
                : !cur.unpriced() && base.costUsd().compareTo(cur.costUsd()) == 0;
        if (status.equals("changed") && sameCost && base.tokens() == cur.tokens()) {
            status = "same";
        }
        if (base.unpriced() || cur.unpriced()) {
            return new Line(table, name, base, cur, null, null, cur.tokens() - base.tokens(), status, pricing);
        }
        BigDecimal change = cur.costUsd().subtract(base.costUsd());
        BigDecimal pct = base.costUsd().signum() == 0 ? null
                : change.multiply(BigDecimal.valueOf(100)).divide(base.costUsd(), 2, RoundingMode.HALF_EVEN);
        return new Line(table, name, base, cur, change, pct, cur.tokens() - base.tokens(), status, pricing);
    }

    private static Pricing pricing(Figures base, Figures cur) {
        if (base.unpriced() && cur.unpriced()) {
            return Pricing.UNPRICED;
        }
        if (base.unpriced()) {
            return Pricing.BECAME_PRICED;
        }
        if (cur.unpriced()) {
            return Pricing.BECAME_UNPRICED;
        }
        return base.costComplete() && cur.costComplete() ? Pricing.PRICED : Pricing.PARTIAL;
    }
}
