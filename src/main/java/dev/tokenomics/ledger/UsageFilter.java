package dev.tokenomics.ledger;

import java.util.List;

/**
 * What narrows the usage views: one project's sessions, some sources (null: every measured one),
 * one machine's events (null: all).
 */
public record UsageFilter(String project, List<String> sources, String machine) {
    public UsageFilter {
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
        machine = machine == null || machine.isBlank() ? null : Machines.check(machine.strip());
    }

    public static UsageFilter of(String project, List<String> sources) {
        return new UsageFilter(project, sources, null);
    }
}
