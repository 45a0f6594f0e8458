package dev.tokenomics.workflow;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tokenomics.json.Nullable;
import dev.tokenomics.ledger.WorkflowRunData;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per run: the stage waterfall (tokens, share of the run's total, agents, an estimated cost), the
 * invariant (the agents' tokens add up exactly to the run's own total; the rest is named
 * unattributed), and degradation findings:
 * <ul>
 *   <li>{@code errors}: a stage with agents in state error while the run says completed;
 *   <li>{@code cheap}: a stage whose tokens per agent are under {@link #CHEAP_RATIO} of the median of
 *       the same workflow's same stage in the other runs; without such history, a stage of at least
 *       {@link #MIN_AGENTS} agents under {@link #CHEAP_RATIO} of the median of the run's own stages.
 * </ul>
 * The cost is an estimate: the telemetry has one token count per agent, priced at its model's rates
 * with {@code inputShare} as input and the rest as output.
 */
public final class WorkflowRuns {
    static final double CHEAP_RATIO = 0.25;
    static final int MIN_AGENTS = 5;

    private WorkflowRuns() {}

    public record Stage(String stage, long tokens, double share, int agents, int errors, BigDecimal estCostUsd,
            boolean costComplete) {}

    public record Run(String runId, String workflow, String status, long totalTokens, List<Stage> stages,
            boolean invariantOk, long unattributedTokens, boolean degraded, List<String> findings,
            BigDecimal estCostUsd) {}

    /** {@code all}: every stored run (the history); {@code shown}: the runs to report. */
    public static List<Run> of(List<WorkflowRunData> all, List<WorkflowRunData> shown, PriceTable prices,
            double inputShare) {
        if (!(inputShare >= 0 && inputShare <= 1)) {
            throw new IllegalArgumentException("input_share must be between 0 and 1, got " + inputShare);
        }
        List<Run> out = new ArrayList<>();
        for (WorkflowRunData r : shown) {
            out.add(run(r, all, prices, inputShare));
        }
        return out;
    }

    private static Run run(WorkflowRunData r, List<WorkflowRunData> all, PriceTable prices, double inputShare) {
        Map<String, List<WorkflowRunData.Agent>> byStage = byStage(r);
        long total = r.run().totalTokens();
        long attributed = 0;
        BigDecimal runCost = BigDecimal.ZERO;
        List<Stage> stages = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Map<String, Double> means = new LinkedHashMap<>();
        byStage.forEach((stage, agents) -> means.put(stage, mean(agents)));
        double runMedian = median(new ArrayList<>(means.values()));
        for (Map.Entry<String, List<WorkflowRunData.Agent>> e : byStage.entrySet()) {
            List<WorkflowRunData.Agent> agents = e.getValue();
            long tokens = agents.stream().mapToLong(WorkflowRunData.Agent::tokens).sum();
            attributed += tokens;
            BigDecimal cost = BigDecimal.ZERO;
            boolean complete = true;
            int errors = 0;
            for (WorkflowRunData.Agent a : agents) {
                long in = Math.round(a.tokens() * inputShare);
                var c = a.model() == null ? java.util.Optional.<BigDecimal>empty()
                        : prices.cost(a.model(), new Usage(in, a.tokens() - in, 0, 0, 0));
                if (c.isPresent()) {
                    cost = cost.add(c.get());
                } else {
                    complete = false;
                }
                errors += a.error() ? 1 : 0;
            }
            runCost = runCost.add(cost);
            stages.add(new Stage(e.getKey(), tokens, total == 0 ? 0 : (double) tokens / total, agents.size(), errors,
                    cost, complete));
            if (errors > 0 && "completed".equals(r.run().status())) {
                findings.add(String.format(Locale.ROOT, "%s: %d of %d agents errored while the run says completed",
                        e.getKey(), errors, agents.size()));
            }
            List<Double> history = history(r, all, e.getKey());
            double mean = means.get(e.getKey());
            if (!history.isEmpty()) {
                double h = median(history);
                if (mean < CHEAP_RATIO * h) {
                    findings.add(String.format(Locale.ROOT, "%s: %.0f tokens per agent, under %.0f%% of this stage's "
                            + "median of %.0f over %d other runs", e.getKey(), mean, CHEAP_RATIO * 100, h, history.size()));
                }
            } else if (agents.size() >= MIN_AGENTS && byStage.size() > 1 && mean < CHEAP_RATIO * runMedian) {
                findings.add(String.format(Locale.ROOT, "%s: %.0f tokens per agent over %d agents, under %.0f%% of "
                        + "the median stage of this run (%.0f); no other run has this stage", e.getKey(), mean,
                        agents.size(), CHEAP_RATIO * 100, runMedian));
            }
        }
        return new Run(r.run().runId(), r.run().workflow(), r.run().status(), total, stages,
                !r.agents().isEmpty() && attributed == total, total - attributed, !findings.isEmpty(), findings,
                runCost);
    }

    private static Map<String, List<WorkflowRunData.Agent>> byStage(WorkflowRunData r) {
        Map<String, List<WorkflowRunData.Agent>> m = new LinkedHashMap<>();
        for (WorkflowRunData.Agent a : r.agents()) {
            m.computeIfAbsent(a.stage() == null ? "?" : a.stage(), k -> new ArrayList<>()).add(a);
        }
        return m;
    }

    /** The stage's tokens per agent in the other runs of the same workflow. */
    private static List<Double> history(WorkflowRunData r, List<WorkflowRunData> all, String stage) {
        List<Double> out = new ArrayList<>();
        for (WorkflowRunData o : all) {
            if (o.run().runId().equals(r.run().runId())
                    || !java.util.Objects.equals(o.run().workflow(), r.run().workflow())) {
                continue;
            }
            List<WorkflowRunData.Agent> agents = byStage(o).get(stage);
            if (agents != null) {
                out.add(mean(agents));
            }
        }
        return out;
    }

    private static double mean(List<WorkflowRunData.Agent> agents) {
        return agents.stream().mapToLong(WorkflowRunData.Agent::tokens).average().orElse(0);
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** get_workflow_runs' answer, stage by stage; every cost an estimate. */
    public record Answer(List<RunJson> runs,
            @JsonPropertyDescription("share of each agent's tokens priced as input") double inputShare,
            String estCostNote) {}

    /** One run as the answer gives it. */
    public record RunJson(String runId, @Nullable String workflow, @Nullable String status, long totalTokens,
            List<StageJson> stages, @Nullable BigDecimal estCostUsd,
            @JsonPropertyDescription("true when the agents' tokens add up to the run's total") boolean invariantOk,
            long unattributedTokens, boolean degraded, List<String> findings) {}

    /** One stage of a run. */
    public record StageJson(String stage, long tokens,
            @JsonPropertyDescription("share of the run's tokens, 0..1") BigDecimal share, int agents, int erroredAgents,
            @Nullable BigDecimal estCostUsd,
            @JsonPropertyDescription("false when some agent's model is unpriced") boolean estCostComplete) {}

    public static Answer json(List<Run> runs, double inputShare) {
        List<RunJson> out = new ArrayList<>();
        for (Run r : runs) {
            List<StageJson> stages = new ArrayList<>();
            for (Stage s : r.stages()) {
                stages.add(new StageJson(s.stage(), s.tokens(), BigDecimal.valueOf(s.share()).setScale(4,
                        RoundingMode.HALF_EVEN), s.agents(), s.errors(), s.estCostUsd(), s.costComplete()));
            }
            out.add(new RunJson(r.runId(), r.workflow(), r.status(), r.totalTokens(), stages, r.estCostUsd(),
                    r.invariantOk(), r.unattributedTokens(), r.degraded(), r.findings()));
        }
        return new Answer(out, inputShare, "estimate: one token count per agent, priced "
                + Math.round(inputShare * 100) + "% as input and the rest as output at its model's list rates");
    }

    public static String text(List<Run> runs, double inputShare) {
        StringBuilder b = new StringBuilder();
        if (runs.isEmpty()) {
            return "No workflow runs imported (tokenomics import --workflow PATH).\n";
        }
        for (Run r : runs) {
            b.append(String.format(Locale.ROOT, "%s  %s  status=%s  total=%,d tok  ~$%s  invariant_ok=%s%s%n",
                    r.workflow() == null ? "(workflow)" : r.workflow(), r.runId(), r.status(), r.totalTokens(),
                    r.estCostUsd().setScale(2, RoundingMode.HALF_EVEN), r.invariantOk(),
                    r.invariantOk() ? "" : String.format(Locale.ROOT, " (unattributed %,d)", r.unattributedTokens())));
            for (Stage s : r.stages()) {
                b.append(String.format(Locale.ROOT, "  %-14s %,11d  %5.1f%%  ~$%8s  n=%-3d %s%n", s.stage(), s.tokens(),
                        s.share() * 100, s.estCostUsd().setScale(2, RoundingMode.HALF_EVEN), s.agents(),
                        "#".repeat((int) Math.round(Math.max(0, Math.min(1, s.share())) * 50))));
            }
            if (r.degraded()) {
                b.append("  DEGRADED: its cost figures are not to be trusted\n");
                r.findings().forEach(f -> b.append("    ").append(f).append('\n'));
            }
        }
        b.append(String.format(Locale.ROOT, "($ = estimate: list prices, %d%%-input blend; telemetry has no I/O split)%n",
                Math.round(inputShare * 100)));
        return b.toString();
    }
}
