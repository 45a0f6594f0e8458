package dev.tokenomics.report;

/**
 * The report as markdown, ready to commit as a dated doc: a heading with the window, the caveats
 * in bold, the headline, then each table in a fenced block under its bold title and read.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String render(ReportData d) {
        StringBuilder out = new StringBuilder("# ").append(ReportTables.firstLine(d)).append('\n');
        for (String l : ReportTables.leadLines(d)) {
            out.append('\n').append("**").append(l).append("**").append('\n');
        }
        out.append('\n').append("**Headline** — ").append(Headline.of(d).sentence()).append('\n');
        for (ReportTables.Rendered r : ReportTables.render(d)) {
            out.append('\n').append("**").append(r.title()).append("** — ").append(r.read()).append("\n\n```\n")
                    .append(r.table()).append("```\n");
            r.notes().forEach(n -> out.append('\n').append(n).append('\n'));
        }
        return out.toString();
    }
}
