package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.MeasuredUsage;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.StatusChange;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.Task;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.text.Cost;
import dev.tokenomics.transcripts.ImportSummary;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's values as result records: what tools return as structuredContent and commands print
 * with --json (through {@link dev.tokenomics.json.ResultJson}, snake_case), and what the tools'
 * output schemas are generated from. Money is USD; a cost is null when nothing in it was priced.
 */
public final class Results {
    private Results() {}

    /** Token and cost sums of a set of events. */
    public record Totals(
            long tokensIn,
            long tokensOut,
            @JsonPropertyDescription("5-minute cache writes") long cacheCreationTokens,
            @JsonProperty("cache_creation_1h_tokens") @JsonPropertyDescription("1-hour cache writes")
            long cacheCreation1hTokens,
            long cacheReadTokens,
            long tokensTotal,
            @JsonPropertyDescription("USD; null when no event in the sum was priced") @Nullable BigDecimal costUsd,
            @JsonPropertyDescription("false when some events are unpriced: cost_usd is then a lower bound")
            boolean costComplete,
            @JsonPropertyDescription("tokens of unpriced events; null when a model is only partly priced")
            @Nullable Long unpricedTokens,
            long eventCount,
            long unpricedEventCount,
            @JsonPropertyDescription("events whose token counts are a lower bound") long lowerBoundEventCount) {

        public static Totals of(dev.tokenomics.ledger.Totals t) {
            return of(t, Cost.unpricedTokens(t.events(), t.unpricedEvents(), t.totalTokens()));
        }

        static Totals of(dev.tokenomics.ledger.Totals t, Long unpricedTokens) {
            return new Totals(t.inputTokens(), t.outputTokens(), t.cacheWriteTokens(), t.cacheWrite1hTokens(),
                    t.cacheReadTokens(), t.totalTokens(), Cost.usd(t.events(), t.unpricedEvents(), t.costNanos()),
                    t.costComplete(), unpricedTokens, t.events(), t.unpricedEvents(), t.lowerBoundEvents());
        }
    }

    /** get_token_summary's answer: a scope's totals and their breakdowns. */
    public record ScopeSummary(
            @JsonPropertyDescription("all, task, workstream, repo, session, agent, model or machine") String scope,
            @Nullable String scopeId,
            @Nullable String since,
            @Nullable String until,
            @JsonUnwrapped Totals totals,
            Map<String, Totals> byModel,
            Map<String, Totals> byAgent,
            Map<String, Totals> bySource,
            Map<String, Totals> byMachine,
            @JsonPropertyDescription("where the events came from: claude-code, codex, self-report, ...; null when not "
                    + "known") @Nullable List<String> sources,
            List<String> unpricedModels,
            @JsonPropertyDescription("true when some counts are a lower bound") boolean lowerBound,
            @JsonPropertyDescription("raw events before this time were pruned") @Nullable String prunedBefore,
            @Nullable String prunedNote) {

        public static ScopeSummary of(Summary s) {
            return new ScopeSummary(s.scope().wireName(), s.scopeId(), Times.format(s.since()), Times.format(s.until()),
                    Totals.of(s.totals(), Views.unpricedTokens(s)), breakdown(s.byModel()), breakdown(s.byAgent()),
                    breakdown(s.bySource()), breakdown(s.byMachine()), s.sources(), s.unpricedModels(), s.lowerBound(),
                    Times.format(s.prunedBefore()), Views.prunedNote(s));
        }

        private static Map<String, Totals> breakdown(Map<String, dev.tokenomics.ledger.Totals> groups) {
            Map<String, Totals> m = new LinkedHashMap<>();
            groups.forEach((k, v) -> m.put(k, Totals.of(v)));
            return m;
        }
    }

    /** Usage measured from imported transcripts for a task's sessions. */
    public record Measured(
            @JsonPropertyDescription("session_id or interval_match") String method,
            List<String> sessionIds,
            @Nullable String since,
            @Nullable String until,
            @JsonUnwrapped Totals totals) {

        public static Measured of(MeasuredUsage m) {
            return m == null ? null : new Measured(m.method(), m.sessionIds(), Times.format(m.since()),
                    Times.format(m.until()), Totals.of(m.totals()));
        }
    }

    /** One recorded event, with its task's and workstream's running totals. */
    public record Recorded(
            long eventId,
            String recordKey,
            @JsonPropertyDescription("true when the record key was seen before and this replaced it") boolean replaced,
            String ts,
            @Nullable String model,
            boolean priced,
            @Nullable BigDecimal costUsd,
            @Nullable BigDecimal reportedCostUsd,
            @Nullable String priceVersion,
            long tokensTotal,
            boolean usageComplete,
            @Nullable String sessionId,
            @Nullable String taskId,
            @Nullable String workstream,
            @Nullable String repo,
            @Nullable Totals taskTotals,
            @Nullable Totals workstreamTotals) {

        public static Recorded of(RecordedEvent r) {
            EventInput e = r.event();
            return new Recorded(r.id(), r.recordKey(), r.replaced(), Times.format(e.ts()), e.model(),
                    r.costNanos() != null, Money.usdOrNull(r.costNanos()), e.reportedCostUsd(), r.priceVersion(),
                    e.usage().totalTokens(), e.usageComplete(), e.sessionId(), e.taskId(), e.workstream(), e.repo(),
                    r.taskTotals() == null ? null : Totals.of(r.taskTotals()),
                    r.workstreamTotals() == null ? null : Totals.of(r.workstreamTotals()));
        }
    }

    /** A stored token event, every column. */
    public record Event(
            long id, String recordKey, String ts, @Nullable String tsStart, @Nullable String tsEnd,
            @Nullable Long durationMs, @Nullable String sessionId, @Nullable String taskId, @Nullable String workstream,
            @Nullable String repo, @Nullable String agent, @Nullable String model, @Nullable String stage,
            @Nullable String role, @Nullable String structure, @Nullable String lane, @Nullable String refType,
            @Nullable String refId, long inputTokens, long outputTokens, long cacheCreationTokens,
            @JsonProperty("cache_creation_1h_tokens") long cacheCreation1hTokens, long cacheReadTokens,
            long tokensTotal, @Nullable BigDecimal costUsd,
            @Nullable BigDecimal reportedCostUsd, @Nullable String priceVersion, boolean usageComplete,
            @Nullable String source, String status, @Nullable String note, String createdAt) {

        public static Event of(StoredEvent s) {
            EventInput e = s.event();
            return new Event(s.id(), e.recordKey(), Times.format(e.ts()), Times.format(e.tsStart()),
                    Times.format(e.tsEnd()), e.durationMs(), e.sessionId(), e.taskId(), e.workstream(), e.repo(),
                    e.agent(), e.model(), e.stage(), e.role(), e.structure(), e.lane(), e.refType(), e.refId(),
                    e.usage().inputTokens(), e.usage().outputTokens(), e.usage().cacheWrite5mTokens(),
                    e.usage().cacheWrite1hTokens(), e.usage().cacheReadTokens(), e.usage().totalTokens(),
                    Money.usdOrNull(s.costNanos()), e.reportedCostUsd(), s.priceVersion(), e.usageComplete(),
                    e.source(), e.status(), e.note(), Times.format(s.createdAt()));
        }
    }

    /** A task as the ledger keeps it. */
    public record TaskRow(
            String taskId, @Nullable String title,
            @JsonPropertyDescription("todo, in_progress, blocked, done or cancelled") String status,
            @Nullable String workstream, @Nullable String repo, String createdAt, String updatedAt) {

        public static TaskRow of(Task t) {
            return t == null ? null : new TaskRow(t.taskId(), t.title(), t.status(), t.workstream(), t.repo(),
                    Times.format(t.createdAt()), Times.format(t.updatedAt()));
        }
    }

    /** One status change of a task. */
    public record Change(
            long id, @Nullable String fromStatus, String toStatus, @Nullable String note, @Nullable String sessionId,
            @JsonPropertyDescription("the token event recorded with the change, if any") @Nullable Long eventId,
            String ts) {

        public static Change of(StatusChange c) {
            return new Change(c.id(), c.fromStatus(), c.toStatus(), c.note(), c.sessionId(), c.eventId(),
                    Times.format(c.ts()));
        }

        public static List<Change> of(List<StatusChange> list) {
            return list.stream().map(Change::of).toList();
        }
    }

    /** A budget's standing, as the record tools and check_budget report it. */
    public record BudgetBrief(
            String name,
            String scope,
            @Nullable String scopeId,
            String period,
            @JsonPropertyDescription("ok, info, warning, critical or hard_stop") String level,
            @Nullable BigDecimal percentUsed,
            @Nullable BigDecimal spentUsd,
            @Nullable BigDecimal limitUsd,
            @JsonPropertyDescription("true when unpriced events make spent_usd a lower bound") boolean usdLowerBound,
            @Nullable Long spentTokens,
            @Nullable Long limitTokens,
            @JsonPropertyDescription("when the limit is reached at the recent burn rate") @Nullable String exhaustsAt,
            String advice) {

        public static BudgetBrief of(BudgetCheck c) {
            return new BudgetBrief(c.budget().name(), c.budget().scope().wireName(), c.budget().scopeId(),
                    c.budget().period().wireName(), c.level().wireName(), c.percentUsed(),
                    c.usd() == null ? null : Money.usd(c.usd().spent()),
                    c.budget().limitUsd() == null ? null : Money.usd(c.budget().limitNanos()), c.usdLowerBound(),
                    c.tokens() == null ? null : c.tokens().spent(), c.budget().limitTokens(),
                    Times.format(c.exhaustsAt()), c.advice());
        }
    }

    /** What an import read and wrote, for one source or all of them. */
    public record ImportCounts(
            List<String> dirs, long filesSeen, long filesRead,
            @JsonPropertyDescription("files whose size and fingerprint show nothing new") long filesUnchanged,
            @JsonPropertyDescription("files rewritten since the last import, read again from the start")
            long filesRestarted,
            long bytesRead, long lines,
            @JsonPropertyDescription("new usage records") long added,
            @JsonPropertyDescription("records replaced by a larger snapshot of the same response") long replaced,
            long duplicatesSkipped, long syntheticSkipped,
            @JsonPropertyDescription("lines that are not valid records, counted, never dropped silently") long malformed,
            List<String> malformedSamples,
            @JsonPropertyDescription("last lines still being written, left for the next run") long pendingLines,
            List<String> pendingSamples, long unreadable, List<String> unreadableSamples, long linksSkipped,
            List<String> linksSkippedSamples, long elapsedMs) {

        static final ImportCounts NONE = new ImportCounts(List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0,
                List.of(), 0, List.of(), 0, List.of(), 0);

        public static ImportCounts of(ImportSummary s) {
            return new ImportCounts(s.dirs(), s.filesSeen(), s.filesRead(), s.filesUnchanged(), s.filesRestarted(),
                    s.bytesRead(), s.lines(), s.added(), s.replaced(), s.duplicates(), s.synthetic(), s.malformed(),
                    s.malformedSamples(), s.pendingLines(), s.pendingSamples(), s.unreadable(), s.unreadableSamples(),
                    s.linksSkipped(), s.linksSkippedSamples(), s.elapsedMs());
        }
    }

    /** import_transcripts' answer: the sums over every source, and each source's own. */
    public record Imports(@JsonUnwrapped ImportCounts all, Map<String, ImportCounts> bySource) {

        public static Imports of(Map<String, ImportSummary> bySource) {
            ImportSummary all = null;
            Map<String, ImportCounts> each = new LinkedHashMap<>();
            for (Map.Entry<String, ImportSummary> e : bySource.entrySet()) {
                all = all == null ? e.getValue() : all.plus(e.getValue());
                each.put(e.getKey(), ImportCounts.of(e.getValue()));
            }
            return new Imports(all == null ? ImportCounts.NONE : ImportCounts.of(all), each);
        }
    }
}
