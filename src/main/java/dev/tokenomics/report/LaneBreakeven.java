package dev.tokenomics.report;

import dev.tokenomics.report.ReportData.BreakevenRow;
import dev.tokenomics.report.ReportData.BreakevenTable;
import dev.tokenomics.report.ReportData.LaneFit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The lane breakeven, read only where the data reaches: cost = a + b * LOC is fitted per lane over
 * its sized tasks, and a fit speaks only for the sizes it was fitted on. A crossing outside the
 * sizes both lanes have is not reported; an expensive task outside the cheap lane's sizes (or one
 * its line prices at $0 or less) is "not enough data", never 100% saved; a fit whose cost falls
 * as LOC grows says LOC does not explain the lane's cost, so it prices nothing.
 */
final class LaneBreakeven {
    /** A task of a lane with a known size. */
    record SizedTask(String taskId, long loc, long costNanos) {}

    private LaneBreakeven() {}

    static BreakevenTable of(String from, String to, List<SizedTask> expensive, List<SizedTask> cheap) {
        Optional<LaneFit> f = fit(expensive);
        Optional<LaneFit> t = fit(cheap);
        if (f.isEmpty() || t.isEmpty()) {
            return new BreakevenTable(from, to, f.orElse(null), t.orElse(null), null,
                    "not enough data: a fit needs at least two tasks of different LOC in each lane (" + from + ": "
                            + expensive.size() + " sized tasks, " + to + ": " + cheap.size() + ")",
                    List.of(), List.of(), List.of(), null);
        }
        LaneFit fromFit = f.get();
        LaneFit toFit = t.get();
        for (LaneFit lane : List.of(fromFit, toFit)) {
            if (lane.fit().slope() < 0) {
                String name = lane == fromFit ? from : to;
                return new BreakevenTable(from, to, fromFit, toFit, null, "not enough data: " + name
                        + "'s cost falls as LOC grows (" + describe(lane) + "), so LOC does not explain its cost here",
                        List.of(), List.of(), List.of(), null);
            }
        }
        long lo = Math.max(fromFit.minLoc(), toFit.minLoc());
        long hi = Math.min(fromFit.maxLoc(), toFit.maxLoc());
        OptionalDouble cross = Stats.crossing(fromFit.fit(), toFit.fit());
        BigDecimal crossing = cross.isPresent() && lo <= hi && cross.getAsDouble() >= lo && cross.getAsDouble() <= hi
                ? BigDecimal.valueOf(cross.getAsDouble()).setScale(1, RoundingMode.HALF_EVEN) : null;
        String note = crossing != null ? null : lo > hi
                ? "no crossing to read: the lanes' sizes do not overlap (" + from + " " + range(fromFit) + ", " + to + " "
                        + range(toFit) + ")"
                : "the lines do not cross within the sizes both lanes have (" + lo + "–" + hi + " LOC): " + to
                        + (toFit.fit().at((lo + hi) / 2.0) < fromFit.fit().at((lo + hi) / 2.0) ? " is cheaper" : " is not cheaper")
                        + " across them";
        List<BreakevenRow> rows = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        long total = 0;
        for (SizedTask task : expensive) {
            double cheapCost = toFit.fit().at(task.loc());
            if (task.loc() < toFit.minLoc() || task.loc() > toFit.maxLoc() || cheapCost <= 0) {
                unknown.add(task.taskId());
                continue;
            }
            long savings = task.costNanos() - Math.round(cheapCost);
            if (savings <= 0) {
                zero.add(task.taskId());
                continue;
            }
            rows.add(new BreakevenRow(task.taskId(), task.loc(), task.costNanos(), Math.round(cheapCost), savings));
            total += savings;
        }
        boolean priced = !rows.isEmpty() || !zero.isEmpty();
        return new BreakevenTable(from, to, fromFit, toFit, crossing, note, rows, zero, unknown, priced ? total : null);
    }

    /** "n=3, 10–50 LOC". */
    static String describe(LaneFit f) {
        return "n=" + f.fit().n() + ", " + range(f);
    }

    static String range(LaneFit f) {
        return f.minLoc() + "–" + f.maxLoc() + " LOC";
    }

    private static Optional<LaneFit> fit(List<SizedTask> tasks) {
        double[] x = tasks.stream().mapToDouble(SizedTask::loc).toArray();
        double[] y = tasks.stream().mapToDouble(SizedTask::costNanos).toArray();
        return Stats.fit(x, y).map(fit -> new LaneFit(fit, tasks.stream().mapToLong(SizedTask::loc).min().orElseThrow(),
                tasks.stream().mapToLong(SizedTask::loc).max().orElseThrow()));
    }
}
