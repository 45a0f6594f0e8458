package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A price table as one tab-separated line per model, with its family and the rates already
 * derived: what the bundled LiteLLM table and {@code prices update} compile to, so a command starts
 * without parsing LiteLLM's 1.5 MB of JSON (measured: about 170 ms of every one-shot command).
 * {@code BundledPricesTest} checks that the bundled compact file is exactly the compiled JSON.
 */
final class CompactPrices {
    static final String MAGIC = "# tokenomics price table v1";
    private static final String[] COLUMNS = {"id", "family", "input", "output", "cache_write_5m", "cache_write_1h",
            "cache_read", "long_context_threshold", "lc_input", "lc_output", "lc_cache_write_5m", "lc_cache_write_1h",
            "lc_cache_read", "fast_multiplier"};

    /** A compiled table: models in file order, each with its family key. */
    record Table(Map<String, ModelPrice> models, Map<String, String> families, LocalDate date, int skipped) {}

    private CompactPrices() {}

    static boolean isCompact(String text) {
        return text.startsWith(MAGIC);
    }

    static String write(LiteLlmPrices.Parsed parsed) {
        StringBuilder out = new StringBuilder(MAGIC).append('\t').append(parsed.date() == null ? "-" : parsed.date())
                .append('\t').append(parsed.skipped()).append('\n');
        out.append('#').append(String.join("\t", COLUMNS)).append('\n');
        for (Map.Entry<String, ModelPrice> e : parsed.models().entrySet()) {
            ModelPrice p = e.getValue();
            String family = ModelNames.normalise(e.getKey());
            if (e.getKey().indexOf('\t') >= 0 || e.getKey().indexOf('\n') >= 0 || family == null) {
                continue; // an id no transcript can carry
            }
            out.append(e.getKey()).append('\t').append(family);
            rates(out, p.base());
            out.append('\t').append(p.longContextThresholdTokens());
            if (p.longContext() != null) {
                rates(out, p.longContext());
            } else if (p.fastMultiplier() != null) {
                out.append("\t-\t-\t-\t-\t-");
            }
            if (p.fastMultiplier() != null) {
                out.append('\t').append(p.fastMultiplier().toPlainString());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void rates(StringBuilder out, Rates r) {
        for (BigDecimal v : new BigDecimal[] {r.input(), r.output(), r.cacheWrite5m(), r.cacheWrite1h(), r.cacheRead()}) {
            out.append('\t').append(v.toPlainString());
        }
    }

    static Table read(String source, String text) {
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        Map<String, String> families = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t");
        LocalDate date = head.length > 1 && !head[1].equals("-") ? LocalDate.parse(head[1]) : null;
        int skipped = head.length > 2 ? Integer.parseInt(head[2]) : 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] f = line.split("\t", -1);
            // 8 fields: base rates; 13: and long-context rates; 14: and a fast-mode multiplier (the
            // long-context ones '-' when the model has none). Files compiled before fast mode have 8 or 13.
            if (f.length != 8 && f.length != 13 && f.length != 14) {
                throw new IllegalArgumentException("price file " + source + " line " + (i + 1) + ": expected 8, 13 "
                        + "or 14 tab-separated fields, got " + f.length);
            }
            try {
                Rates base = rates(f, 2);
                long threshold = Long.parseLong(f[7]);
                Rates lc = f.length >= 13 && !f[8].equals("-") ? rates(f, 8) : null;
                BigDecimal fast = f.length == 14 ? new BigDecimal(f[13]) : null;
                models.put(f[0], new ModelPrice(f[0], base, threshold, lc, fast));
                families.put(f[0], f[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("price file " + source + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Table(models, families, date, skipped);
    }

    private static Rates rates(String[] f, int from) {
        return new Rates(new BigDecimal(f[from]), new BigDecimal(f[from + 1]), new BigDecimal(f[from + 2]),
                new BigDecimal(f[from + 3]), new BigDecimal(f[from + 4]));
    }
}
