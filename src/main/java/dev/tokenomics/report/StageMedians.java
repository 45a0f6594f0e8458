package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportRows.DimRow;
import dev.tokenomics.ledger.ReportRows.DurationRow;
import dev.tokenomics.report.ReportData.StageMedianRow;
import dev.tokenomics.report.ReportData.StageMediansTable;
import dev.tokenomics.report.ReportData.TaskCost;
import dev.tokenomics.text.TextTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report skill's "per-stage medians" and "top consumers / slowest" tables, in one block: per
 * stage the median and p90 minutes over its timed records (point-in-time ones counted beside) and
 * its mean tokens and cost per record; the tasks that cost the most; the stages slowest by median.
 * Minutes are over all records (latency is about time); tokens and cost over complete ones.
 */
final class StageMedians {
    /** Rows in the top-consumers and slowest-stages lists. */
    static final int TOP = 5;

    private StageMedians() {}

    static String render(StageMediansTable t, List<String> notes) {
        TextTable stages = TextTable.of("stage", "timed", "point-in-time", "median min", "p90 min", "complete records",
                "mean tokens/record", "mean $/record");
        for (StageMedianRow r : t.rows()) {
            stages.row(r.stage(), ReportTables.count(r.timed()), ReportTables.count(r.pointInTime()),
                    ReportTables.dec(r.medianMinutes()), ReportTables.dec(r.p90Minutes()),
                    ReportTables.count(r.completeRecords()), ReportTables.dec(r.tokensPerRecord()),
                    ReportTables.money(r.costPerRecordNanos()));
        }
        TextTable top = TextTable.of("top consumer (task)", "lane", "records", "tokens", "cost");
        for (TaskCost c : t.topConsumers()) {
            top.row(c.taskId(), c.lane(), ReportTables.count(c.records()), ReportTables.count(c.tokens()),
                    dev.tokenomics.text.Cost.text(c.records(), c.unpriced(), c.costNanos()));
        }
        notes.add("slowest stages by median minutes: " + (t.slowestStages().isEmpty() ? "-- (no timed records)"
                : String.join(", ", t.slowestStages())));
        return stages.render() + "\n" + top.render();
    }

    static StageMediansTable of(List<DimRow> complete, List<DurationRow> durations, List<TaskCost> topTasks) {
        Map<String, List<long[]>> byStage = new TreeMap<>();
        for (DurationRow r : durations) {
            byStage.computeIfAbsent(TokenomicsReport.label(r.stage()), k -> new ArrayList<>()).add(r.durationsMs());
        }
        Map<String, Sums> sums = new TreeMap<>();
        for (DimRow r : complete) {
            sums.merge(TokenomicsReport.label(r.stage()), TokenomicsReport.sums(r), Sums::plus);
            byStage.computeIfAbsent(TokenomicsReport.label(r.stage()), k -> new ArrayList<>());
        }
        List<StageMedianRow> rows = new ArrayList<>();
        byStage.forEach((stage, parts) -> {
            long[] all = TokenomicsReport.concat(parts);
            long[] timed = TokenomicsReport.timed(all);
            Sums s = sums.getOrDefault(stage, Sums.ZERO);
            rows.add(new StageMedianRow(stage, timed.length, TokenomicsReport.pointInTime(all),
                    Num.minutes(Stats.median(timed)), Num.minutes(Stats.percentile(timed, 90)), s.records(),
                    Num.per(s.tokens(), s.records()), s.allUnpriced() ? null : Num.nanosPer(s.costNanos(), s.records())));
        });
        List<StageMedianRow> slowest = rows.stream().filter(r -> r.medianMinutes() != null)
                .sorted(Comparator.comparing(StageMedianRow::medianMinutes).reversed()
                        .thenComparing(StageMedianRow::stage))
                .limit(TOP).toList();
        return new StageMediansTable(rows, topTasks, slowest.stream().map(StageMedianRow::stage).toList());
    }
}
