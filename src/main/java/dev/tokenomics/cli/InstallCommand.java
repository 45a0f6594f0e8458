package dev.tokenomics.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics install}: by the time it runs, the launcher has built the jar (and its class-data
 * archive), so Claude Code's first start of the server is not a silent Maven build; it prints the
 * lines that wire this copy into Claude Code, with its absolute paths.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Build once (the launcher builds before this runs) and print the lines that wire this copy into "
                + "Claude Code: the MCP server, the status line, or the plugin with its hooks.",
                "Writes nothing: each line is for you to run or paste."})
final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path jar = Launcher.jarPath().toAbsolutePath();
        Path root = jar.getParent().getParent();
        Path launcher = root.resolve("tokenomics");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + ": run install from a checkout or the "
                    + "release archive, as ./tokenomics install");
        }
        out.println(new Main.Version().getVersion()[0] + " is built: " + jar);
        out.println("Ledger: " + LedgerOptions.defaultDb(System.getenv()) + " (env TOKENOMICS_DB or --db to change)");
        out.println();
        out.println("The MCP server, for every project (or --scope project to commit it in .mcp.json):");
        out.println("  claude mcp add --scope user tokenomics -- " + launcher + " serve");
        out.println();
        out.println("The status line, in ~/.claude/settings.json:");
        out.println("  \"statusLine\": {\"type\": \"command\", \"command\": \"" + launcher + " statusline\"}");
        if (Files.isRegularFile(root.resolve(".claude-plugin").resolve("marketplace.json"))) {
            out.println();
            out.println("Or the plugin (the MCP server, and hooks that import each session as it goes):");
            out.println("  claude plugin marketplace add " + root);
            out.println("  claude plugin install tokenomics@tokenomics");
        }
        return Exit.OK;
    }
}
