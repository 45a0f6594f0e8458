package dev.tokenomics.transcripts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.json.Variant;
import dev.tokenomics.pricing.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * get_usage's answer (and {@code usage --json}) as result records, written through
 * {@link dev.tokenomics.json.ResultJson}; its output schema is generated from them. The answer is
 * one shape per view rather than one record with optional keys: the blocks view always carries
 * {@code token_limit} (null without a limit) while the other views never do, which no single
 * record can write; and each view's schema then requires its own rows.
 */
public final class UsageResults {
    private UsageResults() {}

    /** The four token buckets and the cost of a group of usage records; cost null when none was priced. */
    public record Tokens(
            long inputTokens,
            long outputTokens,
            @JsonPropertyDescription("every cache write, 5-minute and 1-hour") long cacheCreationTokens,
            @JsonProperty("cache_creation_1h_tokens") @JsonPropertyDescription("the 1-hour part of cache_creation_tokens")
            long cacheCreation1hTokens,
            long cacheReadTokens,
            long totalTokens,
            @JsonPropertyDescription("USD; null when no record in the group was priced") @Nullable BigDecimal costUsd,
            @JsonPropertyDescription("false when some records are unpriced: cost_usd is then a lower bound")
            boolean costComplete,
            @JsonPropertyDescription("tokens of unpriced records; null when a model is only partly priced")
            @Nullable Long unpricedTokens,
            @JsonPropertyDescription("usage records (model responses) summed") long entries) {}

    /** One model's part of a row. */
    public record ModelTokens(String modelName, @JsonUnwrapped Tokens tokens) {}

    /** A row's sums, the models in it, and the sums per model and per source. */
    public record Usage(
            @JsonUnwrapped Tokens tokens,
            List<String> modelsUsed,
            List<ModelTokens> modelBreakdowns,
            @JsonPropertyDescription("per source: claude-code, codex, ...") Map<String, Tokens> bySource) {}

    public record DayRow(@JsonPropertyDescription("YYYY-MM-DD in the timezone") String date, @JsonUnwrapped Usage usage) {}

    public record WeekRow(@JsonPropertyDescription("its Monday, YYYY-MM-DD") String week, @JsonUnwrapped Usage usage) {}

    public record MonthRow(@JsonPropertyDescription("YYYY-MM") String month, @JsonUnwrapped Usage usage) {}

    /** A session, most recent first; where, branch and version as its transcript said (null when unknown). */
    public record SessionRow(
            @JsonPropertyDescription("\"(none)\" for records without one") String sessionId,
            @JsonPropertyDescription("the project folder under projects/") @Nullable String project,
            @Nullable String cwd,
            @Nullable String gitBranch,
            @JsonPropertyDescription("the agent's version") @Nullable String version,
            String firstActivity,
            String lastActivity,
            @JsonUnwrapped Usage usage) {}

    /** A 5-hour window; the limit keys only when a token limit above 0 is set. */
    public record BlockRow(
            String start,
            String end,
            String firstEntry,
            String lastEntry,
            @JsonPropertyDescription("still open: now is before its end and within 5 hours of its last entry")
            boolean active,
            @JsonUnwrapped Usage usage,
            @JsonPropertyDescription("from the first to the last entry; null with a single entry")
            @Nullable Double burnRateTokensPerMinute,
            @JsonPropertyDescription("active block: its total plus the burn rate until its end")
            @Nullable Long projectedTotalTokens,
            @JsonPropertyDescription("active block: minutes until its end") @Nullable Long remainingMinutes,
            @JsonPropertyDescription("projected (else actual) total as a percent of token_limit")
            @JsonInclude(JsonInclude.Include.NON_NULL) Double percentOfLimit,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean overLimit) {}

    /** The window, zone and filters asked for; null where not given. */
    public record Asked(
            @Nullable String since,
            @Nullable String until,
            String timezone,
            @Nullable String project,
            @Nullable String machine,
            @JsonPropertyDescription("the sources asked for; null: every measured source") @Nullable List<String> sources) {}

    /** What follows the rows: their sums, the models without a price, and the price table used. */
    public record Overall(
            Tokens totals,
            @JsonPropertyDescription("models with unpriced records: their cost is missing from cost_usd")
            List<String> unpricedModels,
            PriceTable.Provenance prices) {}

    /** get_usage's answer; its view says which shape. */
    public sealed interface Answer permits DailyView, WeeklyView, MonthlyView, SessionView, BlocksView {
        Overall overall();
    }

    @Variant(key = "view", value = "daily")
    public record DailyView(String view, @JsonUnwrapped Asked asked, List<DayRow> daily,
            @JsonUnwrapped Overall overall) implements Answer {}

    @Variant(key = "view", value = "weekly")
    public record WeeklyView(String view, @JsonUnwrapped Asked asked, List<WeekRow> weekly,
            @JsonUnwrapped Overall overall) implements Answer {}

    @Variant(key = "view", value = "monthly")
    public record MonthlyView(String view, @JsonUnwrapped Asked asked, List<MonthRow> monthly,
            @JsonUnwrapped Overall overall) implements Answer {}

    @Variant(key = "view", value = "session")
    public record SessionView(String view, @JsonUnwrapped Asked asked, List<SessionRow> sessions,
            @JsonUnwrapped Overall overall) implements Answer {}

    @Variant(key = "view", value = "blocks")
    public record BlocksView(String view, @JsonUnwrapped Asked asked,
            @JsonPropertyDescription("tokens per block the blocks are measured against; null without one")
            @Nullable Long tokenLimit,
            List<BlockRow> blocks,
            @JsonUnwrapped Overall overall) implements Answer {}
}
