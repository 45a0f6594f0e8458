package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a report reads: events whose {@code ts} is in [since, until), cut into days at
 * {@code dayStarts} (day i is [dayStarts[i], dayStarts[i+1]), so the last entry is {@code until}),
 * and which parts to read, so a report of one table runs only the scans that table needs.
 * {@code sources}, when not null, keeps these agents' events only; {@code machine} one machine's;
 * {@code workflowRun} one Claude Code workflow run's (its agents' events); {@code startedOnly} the
 * records with a ts_start (the report skill's rule). A narrowed report reads the events, not the
 * hourly cells, which hold none of these.
 */
public record ReportQuery(Instant since, Instant until, List<Instant> dayStarts, Set<Part> parts, List<String> sources,
        String machine, String workflowRun, boolean startedOnly) {
    public ReportQuery(Instant since, Instant until, List<Instant> dayStarts, Set<Part> parts, List<String> sources,
            String machine, String workflowRun) {
        this(since, until, dayStarts, parts, sources, machine, workflowRun, false);
    }

    /** Every source, machine and run. */
    public ReportQuery(Instant since, Instant until, List<Instant> dayStarts, Set<Part> parts) {
        this(since, until, dayStarts, parts, null, null, null);
    }

    /** These sources (null: all), every machine and run. */
    public ReportQuery(Instant since, Instant until, List<Instant> dayStarts, Set<Part> parts, List<String> sources) {
        this(since, until, dayStarts, parts, sources, null, null);
    }

    /** Whether a filter narrows the events. */
    public boolean narrowed() {
        return sources != null || machine != null || workflowRun != null || startedOnly;
    }

    /** One scan each. */
    public enum Part {
        /** Sums by stage, structure, role, model, completeness and status, with every duration. */
        DIMS,
        /** Sums by task, lane and ref over complete records. */
        TASKS,
        /** Complete-record sums per day. */
        DAYS,
        /** Every [ts_start, ts_end] interval, for the concurrency sweep. */
        SPANS,
        /** Status history of tasks finished in the window. */
        LATENCY
    }

    public ReportQuery {
        if (since == null || until == null) {
            throw new IllegalArgumentException("since and until are required");
        }
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until, got since=" + Times.format(since)
                    + " until=" + Times.format(until));
        }
        dayStarts = List.copyOf(dayStarts);
        if (dayStarts.size() < 2 || !dayStarts.get(0).equals(since) || !dayStarts.get(dayStarts.size() - 1).equals(until)) {
            throw new IllegalArgumentException("dayStarts must run from since to until, got " + dayStarts);
        }
        parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
        machine = machine == null || machine.isBlank() ? null : Machines.check(machine.strip());
        workflowRun = EventInput.text("run", workflowRun, EventInput.MAX_ID_LENGTH);
    }

    public int dayCount() {
        return dayStarts.size() - 1;
    }
}
