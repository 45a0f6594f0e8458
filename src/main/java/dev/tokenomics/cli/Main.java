package dev.tokenomics.cli;

import dev.tokenomics.report.Visible;
import dev.tokenomics.ledger.LedgerException;
import dev.tokenomics.mcp.TokenomicsServer;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tokenomics} command: the MCP server and every tool as a subcommand. */
@Command(name = "tokenomics", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Keeps the books on what AI coding agents spend: an MCP tool server and CLI over one SQLite ledger.",
        subcommands = {ServeCommand.class, RecordCommand.class, SummaryCommand.class, EventsCommand.class,
                TaskCommand.class, DemoCommand.class, ReportCommand.class, RefsCommand.class,
                SnapshotCommand.class, PruneCommand.class, ImportCommand.class, UsageCommand.class, DashboardCommand.class, BudgetCommand.class,
                InsightsCommand.class, DiffCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams (tests capture them); returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line a person can act on; the stack trace only helps us, so it stays out.
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + Visible.text(e.getMessage()));
                return Exit.BAD_INPUT;
            }
            if (e instanceof LedgerException) {
                commandLine.getErr().println("error: " + Visible.text(e.getMessage()));
                return Exit.FAILED;
            }
            commandLine.getErr().println("error: " + Visible.text(String.valueOf(e)));
            return Exit.FAILED;
        });
        return cl.execute(args);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tokenomics " + TokenomicsServer.VERSION};
        }
    }
}
