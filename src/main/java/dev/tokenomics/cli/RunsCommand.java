package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenomics runs}: the twin of get_workflow_runs. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Imported Claude Code workflow runs, stage by stage (get_workflow_runs): tokens, share, agents, "
                + "an estimated cost, invariant_ok and degraded with its findings.",
                "Import them first: tokenomics import --workflow PATH (a wf_*.json or a folder of them).",
                "Example: tokenomics runs    tokenomics runs wf_3d01df61 --json"})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "One run (default all).")
    String runId;

    @Option(names = "--input-share", paramLabel = "SHARE",
            description = "Share of each agent's tokens priced as input, 0..1 (default 0.85).")
    Double inputShare;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> args = new LinkedHashMap<>();
        EventOptions.put(args, "run_id", runId);
        if (inputShare != null) {
            args.put("input_share", inputShare);
        }
        try (TokenLedger l = ledger.open()) {
            return ToolRunner.print(ToolRunner.call(l, "get_workflow_runs", args), json,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
