package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.refs.GitRefs;
import dev.tokenomics.report.ReportRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenomics refs}: commits, PRs and releases with their size, for cost per LOC. */
@Command(name = "refs", mixinStandardHelpOptions = true,
        description = "Record refs (commits, PRs, releases) with the lines they changed, for cost per LOC.",
        subcommands = {RefsCommand.Add.class, RefsCommand.ImportGit.class})
final class RefsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tokenomics refs add}: the twin of record_ref. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Record one ref with its size (record_ref).",
                    "Example: tokenomics refs add pr 123 --loc-added 240 --loc-removed 31 --merged-at 2026-11-20"})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(index = "0", paramLabel = "TYPE", description = "The ref's type: commit, pr, release, or another word of yours.")
        String type;

        @Parameters(index = "1", paramLabel = "ID", description = "Its id: the full commit SHA, the bare PR number, the release tag.")
        String id;

        @Option(names = "--repo", paramLabel = "NAME", description = "Repository the ref belongs to.") String repo;
        @Option(names = "--title", paramLabel = "TEXT", description = "Commit subject or PR title.") String title;
        @Option(names = "--loc-added", paramLabel = "N", description = "Lines added (for cost per LOC).") Long added;
        @Option(names = "--loc-removed", paramLabel = "N", description = "Lines removed (for cost per LOC).")
        Long removed;
        @Option(names = "--merged-at", paramLabel = "TIME", description = "ISO-8601 time or YYYY-MM-DD.") String mergedAt;
        @Option(names = "--json", description = "Print the result as JSON.") boolean json;

        @Override
        public Integer call() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("ref_type", type);
            args.put("ref_id", id);
            EventOptions.put(args, "repo", repo);
            EventOptions.put(args, "title", title);
            EventOptions.put(args, "loc_added", added);
            EventOptions.put(args, "loc_removed", removed);
            EventOptions.put(args, "merged_at", mergedAt);
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "record_ref", args), json, spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
        }
    }

    /** {@code tokenomics refs import-git}: every commit (and PR merge) of a local repository. */
    @Command(name = "import-git", mixinStandardHelpOptions = true,
            description = {"Record each commit of a local git repository (git log --numstat) with its lines changed, "
                    + "and each merge naming a PR (\"Merge pull request #123\", or a squash \"... (#123)\") as pr 123.",
                    "Example: tokenomics refs import-git --path ~/src/app --since 2026-10-01"})
    static final class ImportGit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Option(names = "--path", paramLabel = "DIR", defaultValue = ".", description = "The repository (default .).")
        Path path;

        @Option(names = "--since", paramLabel = "DATE", description = "Only commits since this day (YYYY-MM-DD).")
        String since;

        @Override
        public Integer call() {
            GitRefs.Imported imported = GitRefs.read(path, ReportRequest.date("since", since));
            try (TokenLedger l = ledger.open()) {
                int replaced = l.tasks().recordRefs(imported.refs());
                spec.commandLine().getOut().println("Imported " + imported.commits() + " commits and "
                        + imported.pullRequests() + " pull requests from " + imported.repo()
                        + (since == null ? "" : " since " + since) + " (" + (imported.refs().size() - replaced)
                        + " new refs, " + replaced + " replaced)");
            }
            return Exit.OK;
        }
    }
}
