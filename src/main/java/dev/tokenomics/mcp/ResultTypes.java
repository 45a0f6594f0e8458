package dev.tokenomics.mcp;

import dev.tokenomics.report.BreakdownResults;
import dev.tokenomics.report.BudgetResults;
import dev.tokenomics.report.ReportResults;
import dev.tokenomics.report.Results;
import dev.tokenomics.transcripts.UsageResults;
import dev.tokenomics.workflow.WorkflowRuns;
import java.util.List;

/** Every tool answer typed as a record (or a sealed interface of records): the build generates an output schema for each. */
final class ResultTypes {
    static final List<Class<?>> ALL = List.of(
            ToolAnswers.Summary.class, ToolAnswers.Recorded.class, ToolAnswers.Batch.class, ToolAnswers.Events.class,
            ToolAnswers.TaskView.class, ToolAnswers.TaskUpdate.class, ToolAnswers.BudgetSet.class,
            ToolAnswers.BudgetDeleted.class, ToolAnswers.BudgetList.class, ToolAnswers.RefRecorded.class,
            ToolAnswers.Insights.class, BudgetResults.Checks.class, Results.Imports.class, WorkflowRuns.Answer.class,
            ReportResults.Answer.class, UsageResults.Answer.class,
            BreakdownResults.Answer.class);

    private ResultTypes() {}
}
