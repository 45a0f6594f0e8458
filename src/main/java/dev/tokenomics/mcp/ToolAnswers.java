package dev.tokenomics.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.report.BudgetResults;
import dev.tokenomics.report.InsightResults;
import dev.tokenomics.report.Results;
import java.math.BigDecimal;
import java.util.List;

/**
 * The structuredContent of the tools whose answers are typed records: each tool's output schema is
 * generated from its record here ({@link ResultSchemas}), and its answer is that record written out
 * ({@link dev.tokenomics.json.ResultJson}), so the two cannot drift apart.
 */
final class ToolAnswers {
    private ToolAnswers() {}

    /** Present when a budget the events count towards is at warning or above; act on the advice. */
    record Budget(
            @JsonPropertyDescription("the worst level among the budgets below") String worstLevel,
            @JsonPropertyDescription("budgets whose warning or higher threshold this call crossed") List<String> crossed,
            List<Results.BudgetBrief> budgets) {}

    /** get_token_summary. */
    record Summary(@JsonUnwrapped Results.ScopeSummary summary, PriceTable.Provenance prices) {}

    /** record_token_event. */
    record Recorded(
            @JsonUnwrapped Results.Recorded recorded,
            @JsonPropertyDescription("null unless a budget the event counts towards is at warning or above")
            @Nullable Budget budget) {}

    /** record_token_events. */
    record Batch(
            @JsonPropertyDescription("events written (new plus replaced)") long recorded,
            @JsonProperty("new") @JsonPropertyDescription("events written for the first time") long newEvents,
            @JsonPropertyDescription("events whose record_key replaced an earlier event") long replaced,
            @JsonPropertyDescription("ledger ids, in the order given") List<Long> eventIds,
            long tokensTotal,
            @JsonPropertyDescription("USD of the priced events; null when every event is unpriced (never 0)")
            @Nullable BigDecimal costUsd,
            @JsonPropertyDescription("false when some event is unpriced: cost_usd is then a lower bound")
            boolean costComplete,
            long unpricedTokens,
            List<String> unpricedModels,
            @JsonPropertyDescription("null unless a budget the events count towards is at warning or above")
            @Nullable Budget budget) {}

    /** list_token_events. */
    record Events(
            @JsonPropertyDescription("newest first") List<Results.Event> events,
            int count,
            @JsonPropertyDescription("pass as cursor for the next page; null on the last page") @Nullable String nextCursor) {}

    /** get_task. */
    record TaskView(
            String taskId,
            @JsonPropertyDescription("null when the task is known only from events") @Nullable Results.TaskRow task,
            @JsonPropertyDescription("status changes, oldest first") List<Results.Change> history,
            @JsonPropertyDescription("self-reported tokens of the task (get_token_summary scope=task)")
            Results.ScopeSummary summary,
            @JsonPropertyDescription("usage measured from imported transcripts for the task's sessions in its "
                    + "in_progress..done window, or null") @Nullable Results.Measured measured,
            @JsonPropertyDescription("true when the self-report is a lower bound and a measurement exists")
            boolean selfReportSuperseded) {}

    /** update_task_status. */
    record TaskUpdate(
            Results.TaskRow task,
            @JsonPropertyDescription("true when this call created the task") boolean created,
            @JsonPropertyDescription("the status history entry just written") Results.Change change,
            @JsonPropertyDescription("the token event recorded with the change; null without token counts")
            @Nullable Results.Recorded event,
            @JsonPropertyDescription("null unless a budget the change counts towards is at warning or above")
            @Nullable Budget budget) {}

    /** set_budget. */
    record BudgetSet(
            @JsonPropertyDescription("the budget as stored") BudgetResults.BudgetDef budget,
            @JsonPropertyDescription("true when a budget of this name existed and was replaced") boolean updated,
            String message) {}

    /** delete_budget. */
    record BudgetDeleted(@JsonPropertyDescription("the budget that was removed") BudgetResults.BudgetDef deleted,
            String message) {}

    /** list_budgets. */
    record BudgetList(List<BudgetResults.BudgetDef> budgets) {}

    /** record_ref. */
    record RefRecorded(
            String refType, String refId, @Nullable String repo, @Nullable String title, long locAdded,
            long locRemoved, @JsonPropertyDescription("lines added plus removed") long loc, @Nullable String mergedAt,
            @JsonPropertyDescription("true when the same ref was recorded before and this replaced it") boolean replaced,
            @JsonPropertyDescription("how many token events carry this ref") long events) {}

    /** cost_insights. */
    record Insights(
            @JsonUnwrapped InsightResults.Report report,
            @JsonPropertyDescription("the workflow run the insights are limited to; null: all events") @Nullable String run) {}
}
