package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events: each non-null field must match exactly; {@code since} is inclusive and
 * {@code until} exclusive (callers turn an inclusive until date into the next day's start).
 * {@code sources}, when not null, keeps the events of these agents ({@link Sources#NAMES}; Claude
 * Code's sidechain copies come with it). {@code machine}, when not null, keeps one machine's events.
 */
public record EventFilter(
        String taskId,
        String workstream,
        String repo,
        String refType,
        String refId,
        String model,
        String agent,
        String sessionId,
        Instant since,
        Instant until,
        List<String> sources,
        String machine) {

    public static final EventFilter ALL = new EventFilter(null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** A filter on every field but the machine. */
    public EventFilter(String taskId, String workstream, String repo, String refType, String refId, String model,
            String agent, String sessionId, Instant since, Instant until, List<String> sources) {
        this(taskId, workstream, repo, refType, refId, model, agent, sessionId, since, until, sources, null);
    }

    public EventFilter {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until, got since=" + Times.format(since)
                    + " until=" + Times.format(until));
        }
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
    }

    public EventFilter window(Instant newSince, Instant newUntil) {
        return new EventFilter(taskId, workstream, repo, refType, refId, model, agent, sessionId, newSince, newUntil,
                sources, machine);
    }

    public EventFilter withSources(List<String> newSources) {
        return new EventFilter(taskId, workstream, repo, refType, refId, model, agent, sessionId, since, until,
                newSources, machine);
    }

    EventStore.Where where() {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        eq(parts, args, "task_id", taskId);
        eq(parts, args, "workstream", workstream);
        eq(parts, args, "repo", repo);
        eq(parts, args, "ref_type", refType);
        eq(parts, args, "ref_id", refId);
        eq(parts, args, "model", model);
        eq(parts, args, "agent", agent);
        eq(parts, args, "session_id", sessionId);
        eq(parts, args, "machine", machine);
        if (sources != null) {
            List<String> stored = Sources.stored(sources);
            parts.add("source IN (" + String.join(", ", java.util.Collections.nCopies(stored.size(), "?")) + ")");
            args.addAll(stored);
        }
        if (since != null) {
            parts.add("ts >= ?");
            args.add(Times.format(since));
        }
        if (until != null) {
            parts.add("ts < ?");
            args.add(Times.format(until));
        }
        return new EventStore.Where(String.join(" AND ", parts), args);
    }

    private static void eq(List<String> parts, List<Object> args, String column, String value) {
        if (value != null) {
            parts.add(column + " = ?");
            args.add(value);
        }
    }
}
