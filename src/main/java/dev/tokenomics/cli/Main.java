package dev.tokenomics.cli;

import dev.tokenomics.bench.BenchCommand;
import dev.tokenomics.text.Visible;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tokenomics} command: the MCP server and every tool as a subcommand. */
@Command(name = "tokenomics", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Keeps the books on what AI coding agents spend: an MCP tool server and CLI over one ledger "
                + "(a SQLite file, or PostgreSQL for a team).")
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. picocli builds the model of every command it
     * is given (reflection over each option of each class) before it parses anything; a command
     * run by name gets only its own, so a one-shot start does not pay for all the others.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(ServeCommand.class, RecordCommand.class,
            SummaryCommand.class, BreakdownCommand.class, EventsCommand.class, TaskCommand.class, DemoCommand.class, ReportCommand.class,
            RefsCommand.class, SnapshotCommand.class, PruneCommand.class, ImportCommand.class, UsageCommand.class,
            RunsCommand.class, DashboardCommand.class, BudgetCommand.class, InsightsCommand.class, HealthCommand.class,
            ExportCommand.class, SyncCommand.class, DiffCommand.class, PricesCommand.class,
            StatuslineCommand.class, HookCommand.class, InstallCommand.class, BenchCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command tree, every subcommand registered (help, and tests that walk it). */
    static CommandLine fullCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams (tests capture them); returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before picocli loads: its classes are Java 5 bytecode, which class-data
            // sharing cannot archive, so building any command model costs ~100 ms of verification.
            out.println(new Version().getVersion()[0]);
            out.flush();
            return Exit.OK;
        }
        if (args.length >= 1 && args[0].equals("statusline")) {
            StatuslineCommand.Args fast = StatuslineCommand.fast(args);
            if (fast != null) { // the usual command line: no picocli model to build (see StatuslineCommand)
                return StatuslineCommand.run(fast, System.in, out, err, System.getenv());
            }
        }
        if (args.length >= 1 && args[0].equals("serve")) {
            try {
                Integer served = ServeCommand.fast(args, err);
                if (served != null) { // the stdio launch Claude Code makes: no picocli model (see ServeCommand)
                    return served;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Exit.FAILED;
            } catch (RuntimeException e) {
                err.println("error: " + Visible.text(describe(e)));
                err.flush();
                return e instanceof IllegalArgumentException ? Exit.BAD_INPUT : Exit.FAILED;
            }
        }
        if (args.length >= 1 && args[0].equals("hook")) {
            StatuslineCommand.Args fast = StatuslineCommand.fast(args, HookCommand.FLAGS);
            if (fast != null) { // run by Claude Code after every answer (Stop): no picocli model either
                return HookCommand.run(fast, System.in, err, System.getenv());
            }
        }
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> c : only != null ? java.util.List.<Class<?>>of(only) : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line a person can act on; the stack trace only helps us, so it stays out.
            commandLine.getErr().println("error: " + Visible.text(describe(e)));
            return e instanceof IllegalArgumentException ? Exit.BAD_INPUT : Exit.FAILED;
        });
        return cl.execute(args);
    }

    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*(?:Exception|Error))(?::\\s*)?");

    /**
     * The sentence for a failure: its message, or the first cause's that has one, with any Java
     * class name in it ("java.nio.file.AccessDeniedException: /x", as {@code e.toString()} writes
     * causes into messages) turned into words or dropped: the reader needs what failed and on
     * what value, not our class names.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        // A wrapper made with new X(cause) has the cause's toString() as its message: say the cause.
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank()
                || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t.getMessage() == null || t.getMessage().isBlank()) {
            return "unexpected failure, with no detail to show";
        }
        String message = t instanceof IOException ? words(t) : t.getMessage();
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            message += ": " + words(t.getCause()); // "cannot read /x" says what; the cause says why
        }
        Matcher m = EXCEPTION_NAME.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(phrase(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace('\n', ' ').strip();
    }

    /** An I/O exception's message, led by what kind of failure it was when its name says more. */
    private static String words(Throwable t) {
        String name = t.getClass().getName();
        return phrase(name.substring(name.lastIndexOf('.') + 1)) + t.getMessage();
    }

    private static String phrase(String simpleName) {
        return switch (simpleName) {
            case "AccessDeniedException" -> "permission denied: ";
            case "NoSuchFileException" -> "no such file or folder: ";
            case "FileAlreadyExistsException" -> "a file is in the way: ";
            case "NotDirectoryException" -> "not a folder: ";
            case "DirectoryNotEmptyException" -> "folder not empty: ";
            case "ReadOnlyFileSystemException" -> "read-only file system: ";
            default -> "";
        };
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            // The jar's manifest, as TokenomicsServer.VERSION reads it, without loading the server's classes.
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tokenomics " + (v == null ? "dev" : v)};
        }
    }
}
