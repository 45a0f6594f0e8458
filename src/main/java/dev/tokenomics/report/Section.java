package dev.tokenomics.report;

import dev.tokenomics.ledger.ReportQuery.Part;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report's thirteen tables, in report order, with the names --section takes. */
public enum Section {
    BUCKET("bucket", "Bucket", EnumSet.of(Part.DIMS, Part.TASKS)),
    STAGE("stage", "Per-stage cost", EnumSet.of(Part.DIMS)),
    STRUCTURE("structure", "Structure", EnumSet.of(Part.DIMS)),
    ROLE("role", "Role split", EnumSet.of(Part.DIMS)),
    STAGE_STRUCTURE("stage-structure", "Stage x structure", EnumSet.of(Part.DIMS)),
    LANE("lane", "Per-lane size", EnumSet.of(Part.TASKS, Part.LATENCY)),
    STAGE_MEDIANS("stage-medians", "Per-stage medians, top consumers, slowest", EnumSet.of(Part.DIMS, Part.TASKS)),
    BREAKEVEN("breakeven", "Lane breakeven", EnumSet.of(Part.TASKS)),
    COVERAGE("coverage", "Coverage-health", EnumSet.of(Part.DIMS)),
    TREND_DAY("trend-day", "Trend per day", EnumSet.of(Part.DAYS)),
    TREND_REF("trend-ref", "Trend per ref", EnumSet.of(Part.TASKS)),
    LATENCY("latency", "Task latency", EnumSet.of(Part.DIMS, Part.LATENCY)),
    CONCURRENCY("concurrency", "Concurrency", EnumSet.of(Part.SPANS));

    private final String key;
    private final String title;
    private final Set<Part> parts;

    Section(String key, String title, Set<Part> parts) {
        this.key = key;
        this.title = title;
        this.parts = parts;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    Set<Part> parts() {
        return parts;
    }

    public static Section parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Section s : values()) {
            if (s.key.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown section '" + name + "'; sections: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Section::key).collect(Collectors.joining(", "));
    }
}
