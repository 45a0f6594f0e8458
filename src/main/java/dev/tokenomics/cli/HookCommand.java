package dev.tokenomics.cli;

import dev.tokenomics.claudecode.TranscriptHook;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics hook}: the plugin's SessionEnd and Stop hook. Like {@code statusline}, {@link Main}
 * runs it without picocli's model ({@link #FLAGS}); this class serves {@code --help}.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Claude Code hook (SessionEnd, Stop): imports the new lines of the session's transcript, and its "
                + "subagents', named by transcript_path in the hook's JSON on stdin.",
                "Quiet, and exits 0 whatever happens (a failing hook would warn the user, exit 2 on Stop would keep "
                        + "Claude from stopping); --debug says on stderr what was imported or why nothing was.",
                "The plugin in this repository (.claude-plugin/, hooks/hooks.json) wires it up."})
final class HookCommand implements Callable<Integer> {
    static final Set<String> FLAGS = Set.of("--db", "--prices", "--debug");

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "Ledger: a file or a postgresql:// URL. Default: env TOKENOMICS_DB, else ~/.tokenomics/ledger.db (~ is $HOME).")
    String db;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices (LiteLLM format) on top of the table in use. Default: env TOKENOMICS_PRICES.")
    Path prices;

    @Option(names = "--debug", description = "Say on stderr what was imported, or why nothing was.")
    boolean debug;

    @Override
    public Integer call() {
        return run(new StatuslineCommand.Args(db, prices, null, "never", false, debug), System.in,
                spec.commandLine().getErr(), System.getenv());
    }

    static int run(StatuslineCommand.Args a, InputStream stdin, PrintWriter err, Map<String, String> env) {
        PrintWriter debug = a.debug() ? err : null;
        String text;
        try {
            text = StatuslineCommand.read(stdin);
        } catch (IOException | IllegalArgumentException e) {
            if (debug != null) {
                debug.println("hook: " + e.getMessage());
                debug.flush();
            }
            return Exit.OK;
        }
        LedgerLocation db = LedgerOptions.location(a.db(), env);
        new TranscriptHook(() -> TokenLedger.open(db, LedgerOptions.priceTable(db, a.prices()), EventDefaults.NONE))
                .run(text, debug);
        return Exit.OK;
    }
}
