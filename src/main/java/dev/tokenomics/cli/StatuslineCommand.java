package dev.tokenomics.cli;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.claudecode.Statusline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics statusline}, for Claude Code's {@code statusLine} setting. {@link Main} runs it
 * without building picocli's model ({@link #fast}): Claude Code starts it as often as every 300 ms,
 * and picocli's classes cost ~100 ms of class verification that class-data sharing cannot archive.
 * This class is what {@code --help} and an unusual command line go through.
 */
@Command(name = "statusline", mixinStandardHelpOptions = true,
        description = {"One status line for Claude Code: model, this session's cost (Claude Code's own reading beside it), "
                + "today's cost, the 5-hour block used and time left, context used, and the worst level of the budgets "
                + "that apply (global, or this session's, repo's or model's).",
                "Reads Claude Code's statusLine JSON on stdin and first imports the session's new transcript lines "
                        + "(and its subagents'). On any error it prints a short fallback line and exits 0 (--debug says why "
                        + "on stderr): a failing command would blank Claude Code's status line.",
                "Set it up in ~/.claude/settings.json with \"statusLine\": {\"type\": \"command\", \"command\": "
                        + "\"/abs/path/to/tokenomics statusline\"}."})
final class StatuslineCommand implements Callable<Integer> {
    /** Claude Code's statusLine JSON is a few kB; more than this is not it. */
    static final int MAX_STDIN = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "Ledger: a file or a postgresql:// URL. Default: env TOKENOMICS_DB, else ~/.tokenomics/ledger.db (~ is $HOME).")
    String db;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices (LiteLLM format) on top of the table in use. Default: env TOKENOMICS_PRICES.")
    Path prices;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "IANA timezone of \"today\". Default: the system's (TZ).")
    String timezone;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (default: colour unless NO_COLOR is set or TERM=dumb), always or never.")
    String color;

    @Option(names = "--no-import", description = "Only read the ledger; do not import the session's new transcript lines.")
    boolean noImport;

    @Option(names = "--debug", description = "Say on stderr what was imported, how long it took, and why a fallback was printed.")
    boolean debug;

    @Override
    public Integer call() {
        return run(new Args(db, prices, timezone, color, noImport, debug), System.in, spec.commandLine().getOut(),
                spec.commandLine().getErr(), System.getenv());
    }

    record Args(String db, Path prices, String timezone, String color, boolean noImport, boolean debug) {}

    /**
     * The command line when it is only the flags above (the usual case); null when it needs picocli
     * (help, a misspelt flag), which then answers as for any command.
     */
    static Args fast(String[] args) {
        return fast(args, java.util.Set.of("--db", "--prices", "--timezone", "--color", "--no-import", "--debug"));
    }

    /** As {@link #fast(String[])}, for a command that takes only the flags in {@code allowed}. */
    static Args fast(String[] args, java.util.Set<String> allowed) {
        String db = null;
        Path prices = null;
        String zone = null;
        String color = "auto";
        boolean noImport = false;
        boolean debug = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            String name = eq > 0 && a.startsWith("--") ? a.substring(0, eq) : a;
            if (eq > 0 && a.startsWith("--")) {
                value = a.substring(eq + 1);
            }
            if (!allowed.contains(name)) {
                return null;
            }
            switch (name) {
                case "--no-import" -> noImport = true;
                case "--debug" -> debug = true;
                case "--db", "--prices", "--timezone", "--color" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--db" -> db = value;
                        case "--prices" -> prices = Path.of(value);
                        case "--timezone" -> zone = value;
                        default -> color = value;
                    }
                }
                default -> {
                    return null;
                }
            }
            if ((name.equals("--no-import") || name.equals("--debug")) && value != null) {
                return null;
            }
        }
        return new Args(db, prices, zone, color, noImport, debug);
    }

    /** Always exits 0 with one line on {@code out}: the status line or its fallback. */
    static int run(Args a, InputStream stdin, PrintWriter out, PrintWriter err, Map<String, String> env) {
        PrintWriter debug = a.debug() ? err : null;
        String text;
        try {
            text = read(stdin);
        } catch (IOException | IllegalArgumentException e) {
            text = null;
            if (debug != null) {
                debug.println("statusline: " + e.getMessage());
            }
        }
        boolean color;
        ZoneId zone;
        try {
            color = Statusline.color(a.color(), env);
            zone = a.timezone() == null ? ZoneId.systemDefault() : ZoneId.of(a.timezone());
        } catch (IllegalArgumentException | DateTimeException e) {
            out.println("tokenomics --");
            out.flush();
            if (debug != null) {
                debug.println("statusline: " + e.getMessage());
                debug.flush();
            }
            return Exit.OK;
        }
        LedgerLocation db = LedgerOptions.location(a.db(), env);
        new Statusline(() -> TokenLedger.open(db, LedgerOptions.priceTable(db, a.prices()), EventDefaults.NONE),
                Clock.systemUTC(), zone, !a.noImport()).print(text, color, out, debug);
        return Exit.OK;
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        byte[] b = new byte[8192];
        int n;
        while ((n = in.read(b)) > 0) {
            buf.write(b, 0, n);
            if (buf.size() > MAX_STDIN) {
                throw new IllegalArgumentException("stdin is over " + MAX_STDIN + " bytes: not Claude Code's statusLine JSON");
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
