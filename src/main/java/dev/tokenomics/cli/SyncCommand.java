package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.sync.SyncClient;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics sync --to URL}: push this ledger's events to a team hub (issue 13). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Push this ledger's events, task status changes and refs that the hub does not have yet to a "
                + "team hub: `tokenomics serve "
                + "--http PORT --db postgresql://...` on another machine, which takes them at POST /v1/sync. Outbound "
                + "HTTP only, in batches, resumable: the ledger keeps a cursor per hub, moved only after the hub "
                + "acknowledges a batch; the hub keys events by (machine, record_key) and status changes by (machine, "
                + "id), so a re-run or a retry adds nothing; a task's status on the hub is its newest change's.",
                "Exit 0 when everything was pushed, 1 when the hub is down or refused the push (one line says why; "
                + "the local ledger is untouched but for the cursor of what was acknowledged), 2 on bad input."})
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "The hub, e.g. http://hub.internal:8080 (its /v1/sync), or the full push URL.")
    String to;

    @Option(names = "--auth-token", paramLabel = "TOKEN",
            description = "The hub's bearer token (one per hub). Default: env TOKENOMICS_HUB_TOKEN.")
    String authToken;

    @Option(names = "--batch", defaultValue = "2000",
            description = "Events per push, 1 to 10,000 (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--retries", defaultValue = "4",
            description = "Attempts after the first when the hub is unreachable or answers 5xx (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--watch", description = "Keep running: push new events as they land, every --every seconds.")
    boolean watch;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "30",
            description = "With --watch, seconds between looks at the ledger (default ${DEFAULT-VALUE}).")
    int everySeconds;

    @Override
    public Integer call() throws Exception {
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("--retries must be 0 to 10, got " + retries);
        }
        if (everySeconds < 1) {
            throw new IllegalArgumentException("--every must be at least 1 second, got " + everySeconds);
        }
        URI hub;
        try {
            hub = URI.create(to.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--to must be the hub's http(s) URL, got '" + to + "'");
        }
        String token = authToken != null ? authToken : System.getenv("TOKENOMICS_HUB_TOKEN");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (TokenLedger l = ledger.open()) {
            SyncClient client = new SyncClient(l, hub, token == null || token.isBlank() ? null : token, batch, retries,
                    Duration.ofSeconds(10));
            do {
                SyncClient.Result r;
                try {
                    r = client.run((done, total) -> {
                        err.printf(Locale.ROOT, "\rpushed %,d/%,d events", done, total);
                        err.flush();
                    });
                } catch (SyncClient.HubException e) {
                    err.println();
                    err.println("error: " + e.getMessage());
                    err.flush();
                    if (!watch) {
                        return Exit.FAILED;
                    }
                    Thread.sleep(everySeconds * 1000L);
                    continue;
                }
                if (r.pushed() > 0) {
                    err.println();
                }
                if (r.pushed() > 0 || !watch) {
                    out.printf(Locale.ROOT, "synced to %s: %,d events pushed (%,d new on the hub, %,d it had), "
                            + "%,d task status changes (%,d new), %,d refs, %,d batches%n", client.endpoint(), r.pushed(),
                            r.added(), r.replaced(), r.changes(), r.changesAdded(), r.refs(), r.batches());
                    out.flush();
                }
                if (watch) {
                    Thread.sleep(everySeconds * 1000L);
                }
            } while (watch);
        }
        return Exit.OK;
    }
}
