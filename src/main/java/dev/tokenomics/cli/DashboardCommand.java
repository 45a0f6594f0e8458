package dev.tokenomics.cli;

import dev.tokenomics.http.DashboardData;
import dev.tokenomics.http.DashboardPage;
import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics dashboard --out FILE.html}: the dashboard as one self-contained file. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Write the dashboard as one self-contained HTML file, data embedded (to share, or as a CI artifact).",
                "The live page is served by `tokenomics serve --http PORT` at /.",
                "Example: tokenomics dashboard --out target/tokenomics.html --since 2026-11-01"})
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the page.")
    Path out;

    @Option(names = "--since", paramLabel = "DATE", description = "First UTC day (default: 29 days before until).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last UTC day (default: today).")
    String until;

    @Override
    public Integer call() throws IOException {
        try (TokenLedger l = ledger.open()) {
            DashboardData.Window w = DashboardData.Window.resolve(since, until, l);
            String html = DashboardPage.standalone(DashboardData.all(l, w));
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, html, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("Wrote " + out + " (" + w.since() + " to " + w.until() + ", " + (w.note() == null ? "as requested" : w.note()) + ")");
            return Exit.OK;
        }
    }
}
