package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.Variant;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.text.Cost;
import java.math.BigDecimal;
import java.util.List;

/**
 * breakdown's answer (and {@code breakdown --json}) as result records (see {@link Results}). The
 * token buckets are named as the events' are (tools.md, "Token buckets"): cache_creation_tokens is
 * the 5-minute cache writes, cache_creation_1h_tokens the 1-hour ones, each on its own.
 */
public final class BreakdownResults {
    private BreakdownResults() {}

    /** Token and cost sums of some events. */
    public record Sums(
            long events,
            long inputTokens,
            long outputTokens,
            @JsonPropertyDescription("5-minute cache writes") long cacheCreationTokens,
            @JsonProperty("cache_creation_1h_tokens") @JsonPropertyDescription("1-hour cache writes")
            long cacheCreation1hTokens,
            long cacheReadTokens,
            long totalTokens,
            @JsonPropertyDescription("USD; null when every event is unpriced (never 0)") @Nullable BigDecimal costUsd,
            @JsonPropertyDescription("false when some events are unpriced: cost_usd is then a lower bound")
            boolean costComplete,
            long unpricedEvents,
            @JsonPropertyDescription("events whose token counts are a lower bound") long lowerBoundEvents) {

        static Sums of(Totals t) {
            return new Sums(t.events(), t.inputTokens(), t.outputTokens(), t.cacheWrite5mTokens(),
                    t.cacheWrite1hTokens(), t.cacheReadTokens(), t.totalTokens(),
                    Cost.usd(t.events(), t.unpricedEvents(), t.costNanos()), t.costComplete(), t.unpricedEvents(),
                    t.lowerBoundEvents());
        }
    }

    /** One group. */
    public record GroupRow(
            @JsonPropertyDescription("the group's value; \"(none)\" for events without one") String key,
            @JsonUnwrapped Sums sums) {}

    /** One event of the session. */
    public record EventRow(
            long eventId,
            String ts,
            @Nullable String model,
            @Nullable String agent,
            @Nullable String taskId,
            @Nullable String stage,
            @JsonUnwrapped Sums sums) {}

    /** The rows past top, added up into one, so that rows and other together add up to total. */
    public record Other(@JsonPropertyDescription("how many rows were folded into this one") long rows,
            @JsonUnwrapped Sums sums) {}

    /** breakdown's answer: groups, or one session's events; view says which. */
    public sealed interface Answer permits Groups, SessionEvents {}

    /** The events grouped by one dimension, costliest first (wholly unpriced groups last). */
    @Variant(key = "view", value = "groups")
    public record Groups(
            String view,
            @JsonPropertyDescription("task, agent, model, session, stage or workstream") String by,
            @JsonPropertyDescription("only this session's events; null: every session") @Nullable String sessionId,
            @Nullable String since,
            @JsonPropertyDescription("exclusive") @Nullable String until,
            int top,
            @JsonPropertyDescription("groups before folding") long groupCount,
            List<GroupRow> rows,
            @JsonPropertyDescription("the groups past top; null when none were folded") @Nullable Other other,
            @JsonPropertyDescription("every event counted, rows and other together") Sums total,
            PriceTable.Provenance prices) implements Answer {}

    /** One session's events (its messages), costliest first (unpriced ones last). */
    @Variant(key = "view", value = "events")
    public record SessionEvents(
            String view,
            String sessionId,
            @Nullable String since,
            @JsonPropertyDescription("exclusive") @Nullable String until,
            int top,
            @JsonPropertyDescription("the session's events in the window") long eventCount,
            List<EventRow> rows,
            @JsonPropertyDescription("the events past top; null when none were folded") @Nullable Other other,
            @JsonPropertyDescription("every event counted, rows and other together") Sums total,
            PriceTable.Provenance prices) implements Answer {}
}
