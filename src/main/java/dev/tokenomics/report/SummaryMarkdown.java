package dev.tokenomics.report;

import static dev.tokenomics.report.CsvTables.map;

import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.Visible;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * get_token_summary's answer as a markdown table (GitHub's pipe tables), for a PR comment or a doc:
 * the scope's total first, then a row per model, agent, source and machine; the 5-minute and the
 * 1-hour cache writes in columns of their own; cost "--" when every event is unpriced (never $0),
 * "≥" before a lower bound. Read from the answer's JSON, so it shows exactly what --json holds.
 */
public final class SummaryMarkdown {
    private SummaryMarkdown() {}

    public static String render(Map<String, Object> answer) {
        Object id = answer.get("scope_id");
        StringBuilder out = new StringBuilder("## Token summary: ").append(cell(String.valueOf(answer.get("scope"))))
                .append(id == null ? "" : " " + cell(id.toString())).append("\n\n");
        Object since = answer.get("since");
        Object until = answer.get("until");
        out.append("Window: ").append(since == null && until == null ? "all time"
                : (since == null ? "the beginning" : since) + " to " + (until == null ? "now" : until + " (exclusive)"))
                .append(" (UTC).");
        if (map(answer.get("prices")).get("version") instanceof String v) {
            out.append(" Prices: ").append(cell(v)).append('.');
        }
        out.append('\n');
        if (Boolean.TRUE.equals(answer.get("lower_bound"))) {
            out.append("\n**Lower bound**: ").append(number(answer, "lower_bound_event_count"))
                    .append(" events reported incomplete usage.\n");
        }
        if (answer.get("unpriced_models") instanceof List<?> unpriced && !unpriced.isEmpty()) {
            out.append("\n**Unpriced models** (no cost counted for them): ")
                    .append(cell(String.join(", ", unpriced.stream().map(String::valueOf).toList()))).append(".\n");
        }
        if (answer.get("pruned_note") instanceof String pruned) {
            out.append("\n**Pruned**: ").append(cell(pruned)).append(".\n");
        }
        out.append("\n| group | name | events | input | output | cache write 5m | cache write 1h | cache read | total | cost |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        row(out, "**total**", id == null ? "all" : id.toString(), answer);
        for (String group : List.of("model", "agent", "source", "machine")) {
            map(answer.get("by_" + group)).forEach((name, t) -> row(out, group, name, map(t)));
        }
        return out.toString();
    }

    /** One line; get_token_summary's cache_creation_tokens is every cache write, so the 5-minute part is the rest. */
    private static void row(StringBuilder out, String group, String name, Map<String, Object> t) {
        long writes = number(t, "cache_creation_tokens");
        long writes1h = number(t, "cache_creation_1h_tokens");
        long events = number(t, "event_count");
        BigDecimal usd = t.get("cost_usd") == null ? null : new BigDecimal(t.get("cost_usd").toString());
        String cost = usd == null ? Cost.NONE
                : Cost.text(events, number(t, "unpriced_event_count"), usd.movePointRight(9).longValueExact());
        out.append("| ").append(group).append(" | ").append(cell(name)).append(" | ").append(Format.count(events))
                .append(" | ").append(Format.count(number(t, "tokens_in")))
                .append(" | ").append(Format.count(number(t, "tokens_out")))
                .append(" | ").append(Format.count(writes - writes1h))
                .append(" | ").append(Format.count(writes1h))
                .append(" | ").append(Format.count(number(t, "cache_read_tokens")))
                .append(" | ").append(Format.count(number(t, "tokens_total")))
                .append(" | ").append(cost).append(" |\n");
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** A value in a cell: control characters visible, and a '|' that cannot end the cell. */
    private static String cell(String s) {
        return Visible.cell(s).replace("|", "\\|");
    }
}
