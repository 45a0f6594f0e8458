package dev.tokenomics.cli;

import dev.tokenomics.ledger.SnapshotResult;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.DayTotals;
import dev.tokenomics.report.ReportRequest;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics snapshot}: store one rollup row per day, so history outlives pruning. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Upsert one rollup row per day (last write wins) from the raw events; report --history reads them.",
                "Days whose raw events were pruned keep their stored rows. Run it from cron more often than you prune."})
final class SnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--since", paramLabel = "DATE", description = "First day (default: the first event's day).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day (default: the last event's day).")
    String until;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA timezone for the days. Default UTC.")
    String timezone;

    @Override
    public Integer call() {
        LocalDate from = ReportRequest.date("since", since);
        LocalDate to = ReportRequest.date("until", until);
        ZoneId zone = ReportRequest.zone(timezone);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("since must not be after until, got since=" + from + " until=" + to);
        }
        try (TokenLedger l = ledger.open()) {
            SnapshotResult r = l.rollups().snapshot(from, to, zone, DayTotals.maker(l.prices(), zone, l.clock().instant()));
            print(spec.commandLine().getOut(), "Snapshot", r, zone);
        }
        return Exit.OK;
    }

    static void print(PrintWriter out, String what, SnapshotResult r, ZoneId zone) {
        out.println(what + " (" + zone.getId() + "): " + r.written().size() + " day(s) written"
                + (r.written().isEmpty() ? "" : " (" + r.written().get(0) + " to " + r.written().get(r.written().size() - 1) + ")")
                + (r.keptPruned().isEmpty() ? "" : "; " + r.keptPruned().size() + " pruned day(s) kept as stored"));
        out.flush();
    }
}
