package dev.tokenomics.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokenomics bench ...}: measurements on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks, measured on this machine.",
        subcommands = {BenchBudgetsCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
