package dev.tokenomics.cli;

import dev.tokenomics.ledger.SnapshotResult;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.DayTotals;
import dev.tokenomics.text.Format;
import dev.tokenomics.report.ReportRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics prune}: snapshot, then delete old raw events, in one transaction. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        // One sentence or paragraph per element: picocli starts each element on a new line.
        description = {"Snapshot every day before DATE, then delete the raw events before DATE (its start in "
                + "--timezone), in one transaction, so no day's totals are lost; report --history still shows "
                + "the pruned days.",
                "DATE is today at the latest. Events recorded since an earlier prune with a time in its pruned "
                + "days are added to those days' rows before they are deleted.",
                "Example: tokenomics prune --before 2026-01-01"})
final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--before", paramLabel = "DATE", required = true, description = "Delete raw events before this day.")
    String before;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA timezone for the days. Default UTC.")
    String timezone;

    @Override
    public Integer call() {
        LocalDate day = ReportRequest.date("before", before);
        ZoneId zone = ReportRequest.zone(timezone);
        try (TokenLedger l = ledger.open()) {
            SnapshotResult r = l.rollups().prune(day, zone, DayTotals.maker(l.prices(), zone, l.clock().instant()));
            SnapshotCommand.print(spec.commandLine().getOut(), "Snapshot before prune", r, zone);
            if (!r.lateRolledUp().isEmpty()) {
                spec.commandLine().getOut().println("Rolled up late events (recorded after an earlier prune) into "
                        + r.lateRolledUp().size() + " pruned day(s): " + r.lateRolledUp().get(0)
                        + (r.lateRolledUp().size() > 1 ? " to " + r.lateRolledUp().get(r.lateRolledUp().size() - 1) : ""));
            }
            spec.commandLine().getOut().println("Deleted " + Format.count(r.deletedEvents()) + " raw events before "
                    + day + " (" + zone.getId() + ")");
        }
        return Exit.OK;
    }
}
