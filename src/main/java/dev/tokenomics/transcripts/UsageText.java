package dev.tokenomics.transcripts;

import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The usage views as aligned tables for a terminal. */
final class UsageText {
    private static final DateTimeFormatter BLOCK_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final UsageReport.View view;
    private final boolean breakdown;
    private final TextTable table;
    private final ZoneId zone;
    private String limitLine;

    UsageText(UsageReport.View view, boolean breakdown, ZoneId zone) {
        this.view = view;
        this.breakdown = breakdown;
        this.zone = zone;
        this.table = view == UsageReport.View.BLOCKS
                ? TextTable.of("block start (" + zone.getId() + ")", "status", "models", "input", "output", "cache write", "cache read",
                        "total", "cost", "tokens/min", "projected")
                : TextTable.of(first(view), "models", "input", "output", "cache write", "cache read", "total", "cost");
    }

    private static String first(UsageReport.View v) {
        return switch (v) {
            case DAILY -> "date";
            case WEEKLY -> "week from";
            case MONTHLY -> "month";
            default -> "session  project";
        };
    }

    void row(String label, UsageReport.Sums s) {
        table.row(label, models(s), Format.count(s.input), Format.count(s.output),
                Format.count(s.write5m + s.write1h), Format.count(s.read), Format.count(s.total()), cost(s));
        if (breakdown) {
            s.byModel.forEach((m, b) -> table.row("  " + m, "", Format.count(b.input), Format.count(b.output),
                    Format.count(b.write5m + b.write1h), Format.count(b.read), Format.count(b.total()), cost(b)));
        }
    }

    /** The limit the blocks are measured against, said once above the table (as the JSON's token_limit). */
    void limit(Long limit, boolean max) {
        if (limit != null && limit > 0) {
            limitLine = "Token limit per block: " + Format.count(limit)
                    + (max ? " (max: the largest finished block)" : "")
                    + "; an active block is measured by its projected total.\n";
        }
    }

    void block(UsageReport.Block b, Instant now, Long limit) {
        Double rate = b.burnRate();
        Long projected = b.projection(now);
        String status = b.active(now) ? "ACTIVE" : "done";
        if (limit != null && limit > 0) {
            long basis = b.limitBasis(now);
            // The same figure as the JSON's percent_of_limit.
            status += String.format(java.util.Locale.ROOT, ", %.1f%% of limit", UsageReport.Block.percentOf(basis, limit))
                    + (basis > limit ? " (over)" : "");
        }
        // The block's start in the requested zone, like every other view's days (the JSON keeps UTC instants).
        table.row(LocalDateTime.ofInstant(b.start, zone).format(BLOCK_START), status,
                models(b.sums), Format.count(b.sums.input), Format.count(b.sums.output),
                Format.count(b.sums.write5m + b.sums.write1h), Format.count(b.sums.read), Format.count(b.sums.total()),
                cost(b.sums), rate == null ? "--" : Format.count(Math.round(rate)),
                projected == null ? "--" : Format.count(projected));
    }

    /** Short names for a terminal (dates and provider prefixes dropped); the JSON keeps the ids as recorded. */
    private static String models(UsageReport.Sums s) {
        return String.join(", ", s.byModel.keySet().stream().map(m -> {
            String n = dev.tokenomics.pricing.ModelNames.normalise(m);
            return n == null ? m : n.replace("claude-", "");
        }).distinct().toList());
    }

    private static String cost(UsageReport.Sums s) {
        return Cost.text(s.records, s.unpriced, s.cost);
    }

    String render(UsageReport.Request q, UsageReport.Sums totals, List<String> unpriced) {
        StringBuilder b = new StringBuilder();
        b.append("Claude Code usage, ").append(view.name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                .append(q.since() == null ? "all time" : q.since()).append(" to ")
                .append(q.until() == null ? "now" : q.until()).append(" (").append(q.zone().getId()).append(')')
                .append(q.project() == null ? "" : ", project " + q.project())
                .append(q.machine() == null ? "" : ", machine " + q.machine()).append('\n');
        if (table.isEmpty()) {
            b.append("No imported transcript usage in this window. Run `tokenomics import` first.\n");
            return b.toString();
        }
        if (view == UsageReport.View.BLOCKS) {
            table.row("total", "", "", Format.count(totals.input), Format.count(totals.output),
                    Format.count(totals.write5m + totals.write1h), Format.count(totals.read),
                    Format.count(totals.total()), cost(totals), "", "");
        } else {
            table.row("total", "", Format.count(totals.input), Format.count(totals.output),
                    Format.count(totals.write5m + totals.write1h), Format.count(totals.read),
                    Format.count(totals.total()), cost(totals));
        }
        if (limitLine != null) {
            b.append(limitLine);
        }
        b.append(table.render());
        if (!unpriced.isEmpty()) {
            b.append("Unpriced models (cost is a lower bound): ").append(String.join(", ", unpriced)).append('\n');
        }
        return b.toString();
    }
}
