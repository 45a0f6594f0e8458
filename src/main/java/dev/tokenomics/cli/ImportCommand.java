package dev.tokenomics.cli;

import dev.tokenomics.text.Visible;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.TranscriptViews;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.transcripts.AgentSource;
import dev.tokenomics.transcripts.AgentSources;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics import}: the twin of import_transcripts, with a progress bar on a terminal. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import every agent's own usage records, each response once (import_transcripts): Claude Code "
                + "transcripts, Codex CLI rollouts, Gemini CLI chats and OpenCode's database.",
                "Reads every source it finds unless --source or a --*-dir says which; re-running reads only new lines.",
                "Claude Code: <dir>/projects/**/*.jsonl, default CLAUDE_CONFIG_DIR (comma-separated), else ~/.claude "
                        + "and ~/.config/claude. Codex: <dir>/sessions/ and archived_sessions/, default "
                        + "CODEX_HOME, else ~/.codex. Gemini CLI: <dir>/*/chats/, default GEMINI_DATA_DIR "
                        + "(comma-separated), else ~/.gemini/tmp. OpenCode: <dir>/opencode.db and storage/message/, "
                        + "default OPENCODE_DATA_DIR, else $XDG_DATA_HOME/opencode or ~/.local/share/opencode. Workflow runs: wf_*.json under each project's tasks/.",
                "Claude Code deletes transcripts after 30 days (cleanupPeriodDays): import more often than that.",
                "Example: tokenomics import    tokenomics import --claude-dir ~/.claude --json"})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--claude-dir", paramLabel = "DIR", description = "A Claude config dir (repeatable).")
    List<Path> dirs;

    @Option(names = "--codex-dir", paramLabel = "DIR", description = "A Codex home, holding sessions/ (repeatable).")
    List<Path> codexDirs;

    @Option(names = "--gemini-dir", paramLabel = "DIR",
            description = "A Gemini CLI tmp folder (or ~/.gemini), holding <project>/chats/ (repeatable).")
    List<Path> geminiDirs;

    @Option(names = "--opencode-dir", paramLabel = "DIR",
            description = "An OpenCode data folder, holding opencode.db and storage/ (repeatable).")
    List<Path> opencodeDirs;

    @Option(names = "--workflow", paramLabel = "PATH",
            description = "A Claude Code workflow run's wf_*.json, or a folder of them (repeatable).")
    List<Path> workflows;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Only this source (repeatable): claude-code, codex, gemini-cli, opencode, workflow.")
    List<String> sources;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<AgentSource, List<Path>> from;
        try {
            from = AgentSources.choose(sources, Map.of(Sources.CLAUDE_CODE, orNone(dirs), Sources.CODEX,
                    orNone(codexDirs), Sources.GEMINI_CLI, orNone(geminiDirs), Sources.OPENCODE, orNone(opencodeDirs),
                    Sources.WORKFLOW, orNone(workflows)), System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Exit.BAD_INPUT;
        }
        if (from.isEmpty()) {
            err.println("error: no agent folder found: pass --claude-dir, --codex-dir, --gemini-dir or "
                    + "--opencode-dir DIR, or set CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_DATA_DIR or OPENCODE_DATA_DIR");
            return Exit.BAD_INPUT;
        }
        // A bar only on a terminal: scripts and CI get the summary alone.
        TranscriptImporter.Progress bar = System.console() == null ? TranscriptImporter.Progress.NONE : bar(err);
        try (TokenLedger l = ledger.open()) {
            Map<String, ImportSummary> each = AgentSources.run(l, from, bar);
            ImportSummary s = each.values().stream().reduce(ImportSummary::plus).orElseThrow();
            if (bar != TranscriptImporter.Progress.NONE) {
                err.print("\r\033[K");
                err.flush();
            }
            out.print(json ? ToolRunner.JSON.writeValueAsString(TranscriptViews.summaries(each)) + "\n"
                    : Visible.text(TranscriptViews.summariesText(each)));
            out.flush();
            if (s.unreadable() > 0) {
                // Exit 0: what could be read is in, and a rerun resumes; the warning says what is not.
                err.printf(Locale.ROOT, "warning: %,d files or folders could not be read (named above); the rest "
                        + "was imported%n", s.unreadable());
                err.flush();
            }
            return Exit.OK;
        }
    }

    private static List<Path> orNone(List<Path> dirs) {
        return dirs == null ? List.of() : dirs;
    }

    private static TranscriptImporter.Progress bar(PrintWriter err) {
        long started = System.nanoTime();
        long[] last = {0};
        return (done, files, bytes, lines) -> {
            long now = System.nanoTime();
            if (done < files && now - last[0] < 100_000_000L) {
                return;
            }
            last[0] = now;
            int width = 30;
            int filled = files <= 0 ? 0 : (int) (width * done / files);
            double secs = Math.max(1e-3, (now - started) / 1e9);
            err.printf(Locale.ROOT, "\r[%s%s] %,d/%,d files  %,.1f MB  %,.0f lines/s", "#".repeat(filled),
                    " ".repeat(width - filled), done, files, bytes / 1e6, lines / secs);
            err.flush();
        };
    }
}
