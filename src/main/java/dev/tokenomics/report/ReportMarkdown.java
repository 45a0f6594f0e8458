package dev.tokenomics.report;

import dev.tokenomics.report.ReportData.ModelRow;
import dev.tokenomics.text.TextTable;
import java.time.LocalDate;

/**
 * The report as the report skill's dated doc, ready to commit as
 * docs/tokenomics/YYYY-MM-DD-window-SINCE-to-UNTIL.md: the title with the analysis date and the
 * window, the caveats in bold, the headline, every table in a fenced block under its bold title
 * and read, the model mix, the concurrency assessment as a paragraph (not a table), and the
 * closing reads.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    /** "# Tokenomics update — 2026-12-03 (window 2026-11-01 → 2026-11-03)". */
    static String title(ReportData d, LocalDate analysed) {
        return "# Tokenomics update — " + analysed + " (window " + d.window().since() + " → " + d.window().until() + ")";
    }

    public static String render(ReportData d, LocalDate analysed) {
        StringBuilder out = new StringBuilder(title(d, analysed)).append("\n\n").append(ReportTables.firstLine(d))
                .append('\n');
        for (String l : ReportTables.leadLines(d)) {
            out.append('\n').append("**").append(l).append("**").append('\n');
        }
        out.append('\n').append("**Headline** — ").append(Headline.of(d).sentence()).append('\n');
        String cache = ClosingReads.cache(d);
        if (cache != null) {
            out.append('\n').append(cache).append('\n');
        }
        String rightSizing = ClosingReads.rightSizing(d);
        if (rightSizing != null) {
            out.append('\n').append(rightSizing).append('\n');
        }
        for (ReportTables.Rendered r : ReportTables.render(d)) {
            if (r.section() == Section.CONCURRENCY) {
                continue; // a paragraph of its own below, as the skill asks
            }
            out.append('\n').append("**").append(r.title()).append("** — ").append(r.read()).append("\n\n```\n")
                    .append(r.table()).append("```\n");
            r.notes().forEach(n -> out.append('\n').append(n).append('\n'));
        }
        out.append('\n').append("**Model mix** — ").append(modelRead(d)).append("\n\n```\n").append(modelMix(d))
                .append("```\n");
        if (d.concurrency() != null) {
            out.append('\n').append("**Concurrency assessment** — ").append(ConcurrencyProse.of(d)).append('\n');
        }
        var reads = ClosingReads.of(d);
        if (!reads.isEmpty()) {
            out.append("\n## Reads\n\n");
            reads.forEach(r -> out.append("- ").append(r).append('\n'));
        }
        return out.toString();
    }

    private static String modelRead(ReportData d) {
        if (d.modelMix().isEmpty()) {
            return "no complete records in the window";
        }
        ModelRow top = d.modelMix().get(0);
        return top.model() + " carries the most cost (" + ReportTables.pct(top.costSharePct()) + ") of "
                + d.modelMix().size() + " model(s)";
    }

    private static String modelMix(ReportData d) {
        TextTable t = TextTable.of("model", "records", "tokens", "token share", "cost", "cost share");
        for (ModelRow r : d.modelMix()) {
            t.row(r.model(), ReportTables.count(r.sums().records()), ReportTables.count(r.sums().tokens()),
                    ReportTables.pct(r.tokenSharePct()), ReportTables.cost(r.sums()), ReportTables.pct(r.costSharePct()));
        }
        return t.render();
    }
}
