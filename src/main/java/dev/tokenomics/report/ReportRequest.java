package dev.tokenomics.report;

import dev.tokenomics.ledger.Times;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a report is asked for. {@code since} and {@code until} are inclusive local dates in
 * {@code zone} (null: from the first event / to today); {@code sections} empty means all thirteen.
 * {@code sources}, {@code machine} and {@code run} (a workflow run's id), when given, narrow the
 * events to those agents', that machine's, that run's; {@code startedOnly} to the records with a
 * ts_start, as the report skill cuts its window (the others are left out and counted).
 */
public record ReportRequest(LocalDate since, LocalDate until, ZoneId zone, int limit, Set<Section> sections,
        String fromLane, String toLane, Integer concurrencyCeiling, List<String> sources, String machine, String run,
        boolean startedOnly) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    public ReportRequest {
        if (zone == null) {
            throw new IllegalArgumentException("timezone is required");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("since must not be after until, got since=" + since + " until=" + until);
        }
        Times.checkWindow(since, until);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (concurrencyCeiling != null && concurrencyCeiling < 1) {
            throw new IllegalArgumentException("concurrency_ceiling must be >= 1, got " + concurrencyCeiling);
        }
        sections = sections == null || sections.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(sections);
        fromLane = blankToNull(fromLane);
        toLane = blankToNull(toLane);
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
        machine = blankToNull(machine);
        run = blankToNull(run);
        if (fromLane != null && fromLane.equals(toLane)) {
            throw new IllegalArgumentException("from and to lanes must differ, got " + fromLane + " for both");
        }
    }

    /** Every record, with or without a start. */
    public ReportRequest(LocalDate since, LocalDate until, ZoneId zone, int limit, Set<Section> sections,
            String fromLane, String toLane, Integer concurrencyCeiling, List<String> sources, String machine, String run) {
        this(since, until, zone, limit, sections, fromLane, toLane, concurrencyCeiling, sources, machine, run, false);
    }

    /** Every source, machine and run. */
    public ReportRequest(LocalDate since, LocalDate until, ZoneId zone, int limit, Set<Section> sections,
            String fromLane, String toLane, Integer concurrencyCeiling, List<String> sources) {
        this(since, until, zone, limit, sections, fromLane, toLane, concurrencyCeiling, sources, null, null);
    }

    public static ReportRequest of(LocalDate since, LocalDate until, ZoneId zone) {
        return new ReportRequest(since, until, zone, DEFAULT_LIMIT, Set.of(), null, null, null, null);
    }

    public ReportRequest withDays(LocalDate from, LocalDate to) {
        return new ReportRequest(from, to, zone, limit, sections, fromLane, toLane, concurrencyCeiling, sources,
                machine, run, startedOnly);
    }

    /** Whether a filter narrows the events (then day totals and stored rollups, kept over all, do not apply). */
    public boolean narrowed() {
        return sources != null || machine != null || run != null || startedOnly;
    }

    /** "only machine laptop; only workflow run wf_1": what narrows the events, or null. */
    public String narrowing() {
        List<String> parts = new java.util.ArrayList<>();
        if (sources != null) {
            parts.add("only the events of source " + String.join(", ", sources));
        }
        if (machine != null) {
            parts.add("only the events of machine " + machine);
        }
        if (run != null) {
            parts.add("only the events of workflow run " + run);
        }
        if (startedOnly) {
            parts.add("only the records with a ts_start (started_only)");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    public boolean wants(Section s) {
        return sections.contains(s);
    }

    /** Parses "YYYY-MM-DD"; null or blank gives null. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Times.parseDay(field, text.strip(), "");
    }

    /** Parses an IANA timezone id; null or blank gives UTC. */
    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone must be an IANA timezone such as UTC or Europe/Paris, got '"
                    + text + "'");
        }
    }

    public static Set<Section> sections(Collection<String> names) {
        Set<Section> out = EnumSet.noneOf(Section.class);
        if (names != null) {
            for (String n : names) {
                for (String part : n.split(",")) {
                    if (!part.isBlank()) {
                        out.add(Section.parse(part));
                    }
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
