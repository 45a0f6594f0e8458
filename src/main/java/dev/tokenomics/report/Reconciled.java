package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportRows.DimRow;
import dev.tokenomics.ledger.ReportRows.Overlap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-reported and measured, reconciled: where a session was both self-reported (record_token_event)
 * and measured (its transcript or log imported), the measured figure is the one the cost tables
 * count, and the session's complete self-reports are taken out of them and shown beside it.
 * Matched by session id only: a self-report without one cannot be matched and stays counted.
 *
 * @param selfReported the complete self-reported records taken out of the cost tables
 */
record Reconciled(long sessions, Sums selfReported, long measuredRecords, long measuredTokens, long measuredCostNanos,
        long measuredUnpriced) {
    static final Reconciled NONE = new Reconciled(0, Sums.ZERO, 0, 0, 0, 0);

    static Reconciled of(Overlap o) {
        if (o.sessions() == 0 && o.selfReported().isEmpty()) {
            return NONE;
        }
        return new Reconciled(o.sessions(), TokenomicsReport.sum(o.selfReported().stream().filter(DimRow::complete)
                .toList()), o.measuredRecords(), o.measuredTokens(), o.measuredCostNanos(), o.measuredUnpriced());
    }

    boolean any() {
        return selfReported.records() > 0;
    }

    /** The complete rows less the overlap's complete self-reports, key by key; emptied rows go. */
    static List<DimRow> without(List<DimRow> complete, Overlap o) {
        if (o.selfReported().isEmpty()) {
            return complete;
        }
        Map<List<Object>, long[]> less = new LinkedHashMap<>();
        for (DimRow r : o.selfReported()) {
            if (r.complete()) {
                less.put(key(r), new long[] {r.records(), r.inputTokens(), r.outputTokens(), r.cacheWrite5mTokens(),
                        r.cacheWrite1hTokens(), r.cacheReadTokens(), r.costNanos(), r.unpricedRecords(),
                        r.unstartedRecords()});
            }
        }
        List<DimRow> out = new ArrayList<>();
        for (DimRow r : complete) {
            long[] l = less.get(key(r));
            if (l == null) {
                out.add(r);
            } else if (r.records() > l[0]) {
                out.add(new DimRow(r.stage(), r.structure(), r.role(), r.model(), r.complete(), r.status(), r.source(),
                        r.records() - l[0], r.inputTokens() - l[1], r.outputTokens() - l[2],
                        r.cacheWrite5mTokens() - l[3], r.cacheWrite1hTokens() - l[4], r.cacheReadTokens() - l[5],
                        r.costNanos() - l[6], r.unpricedRecords() - l[7], r.unstartedRecords() - l[8]));
            }
        }
        return out;
    }

    private static List<Object> key(DimRow r) {
        return java.util.Arrays.asList(r.stage(), r.structure(), r.role(), r.model(), r.complete(), r.status(),
                r.source());
    }
}
