package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokenomics bench}: benchmarks that print figures and, where there is one, the ratio to a baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints its figures and the ratio to a natural baseline measured in the same run.",
        subcommands = {ServerBench.class, BenchBudgetsCommand.class, BenchReportCommand.class, BenchHealthCommand.class,
                BenchDashboardCommand.class,
                BenchImportCommand.class, BenchReliabilityCommand.class, BenchStatuslineCommand.class,
                BenchOtlpCommand.class, BenchTeamCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
