package dev.tokenomics.report;

/** The report as text for a terminal: the window line, caveats, the headline, then each table under its title and read. */
public final class ReportText {
    private ReportText() {}

    public static String render(ReportData d) {
        StringBuilder out = new StringBuilder(ReportTables.firstLine(d)).append('\n');
        ReportTables.leadLines(d).forEach(l -> out.append(l).append('\n'));
        out.append("Headline: ").append(Headline.of(d).sentence()).append('\n');
        String cache = ClosingReads.cache(d);
        if (cache != null) {
            out.append(cache).append('\n');
        }
        String rightSizing = ClosingReads.rightSizing(d);
        if (rightSizing != null) {
            out.append(rightSizing).append('\n');
        }
        for (ReportTables.Rendered r : ReportTables.render(d)) {
            out.append('\n').append(r.title()).append(" — ").append(r.read()).append('\n').append(r.table());
            r.notes().forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }
}
