package dev.tokenomics.report;

import dev.tokenomics.report.ReportData.ConcurrencyTable;
import dev.tokenomics.text.Format;
import java.math.BigDecimal;

/**
 * The concurrency assessment as the report skill asks for it, a paragraph rather than a table:
 * the observed peak, why it is a lower bound, the ceiling that binds and whether the workload is
 * approaching it, and, when the metric is blind, what capture change would make it real.
 */
final class ConcurrencyProse {
    /** At or above this share of the ceiling, the workload is approaching it. */
    static final BigDecimal APPROACHING_PCT = BigDecimal.valueOf(80);
    /**
     * Without a given ceiling the default is the observed peak; it reads as a ceiling that binds
     * when the workload sat at it for at least this share of its busy time (work queued at that
     * level), and as a passing spike below it.
     */
    static final BigDecimal BINDS_AT_PEAK_PCT = BigDecimal.valueOf(25);

    private ConcurrencyProse() {}

    static String of(ReportData d) {
        ConcurrencyTable c = d.concurrency();
        if (c.intervals() == 0 && c.pointInTime() == 0) {
            return "No records in the window: there is no concurrency to assess.";
        }
        String capture = "To make the metric real, record each agent's work with its interval (ts_start and ts_end on "
                + "record_token_event, or `tokenomics record --ts-start ... --ts-end ...`), or import the sessions' "
                + "transcripts, whose records carry real times.";
        if (c.intervals() == 0) {
            return "Concurrency is blind this window: all " + Format.count(c.pointInTime()) + " records are "
                    + "point-in-time (ts_start = ts_end, as inline agents are captured), so no overlap can be measured "
                    + "and no ceiling can be judged. " + capture;
        }
        StringBuilder out = new StringBuilder("Observed peak: ").append(c.peak()).append(" overlapping agent interval(s)")
                .append(" at ").append(ReportTables.time(d, c.peakAt())).append(" (p95 ").append(c.p95())
                .append(", over ").append(Format.count(c.intervals())).append(" interval records). ");
        if (c.lowerBound()) {
            out.append("It is a lower bound: ").append(Format.count(c.pointInTime())).append(" point-in-time record(s) ")
                    .append("(inline agents, ts_start = ts_end) cannot be placed on the timeline, so their overlap ")
                    .append("is not counted. ");
        }
        if (!c.ceilingGiven()) {
            boolean binds = c.atPeakPct() != null && c.atPeakPct().compareTo(BINDS_AT_PEAK_PCT) >= 0;
            out.append("No ceiling was given (--concurrency-ceiling, or concurrency_ceiling in the tool), so the default ")
                    .append("is the observed peak itself, ").append(c.peak()).append(": the workload sat at it for ")
                    .append(c.atPeakPct()).append("% of its busy time, ")
                    .append(binds ? "long enough to read as a ceiling that binds (work waits at " + c.peak()
                            + " at once); give the real ceiling to check."
                            : "briefly, so it reads as a spike rather than a ceiling that binds; give the real ceiling "
                                    + "to judge the headroom.");
        } else {
            BigDecimal pct = c.utilisationPct();
            out.append("Against the ceiling of ").append(c.ceiling()).append(" the peak uses ").append(pct).append("%: ")
                    .append(pct.compareTo(BigDecimal.valueOf(100)) >= 0 ? "the workload is at the ceiling, and it binds."
                            : pct.compareTo(APPROACHING_PCT) >= 0 ? "the workload is approaching the ceiling."
                            : "the workload is well below the ceiling, which does not bind.");
            if (c.lowerBound()) {
                out.append(" (The true peak may be higher.)");
            }
        }
        if (c.lowerBound() && c.pointInTime() > c.intervals()) {
            out.append(' ').append(capture);
        }
        return out.toString();
    }
}
