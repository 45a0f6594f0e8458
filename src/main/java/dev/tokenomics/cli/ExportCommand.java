package dev.tokenomics.cli;

import dev.tokenomics.export.PrometheusText;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenomics export}: the ledger to Prometheus' textfile collector and/or a webhook (seed 004's cost-export). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the ledger's totals for other systems: --prometheus FILE (Prometheus text format, written "
                + "atomically, for node_exporter's textfile collector; the same text `serve --http` serves at /metrics) "
                + "and/or --webhook URL (POSTs the summary JSON of get_token_summary scope=all, retrying with backoff).",
                "Exit 0 when every target was written, 1 when one failed (one line says why), 2 on bad input."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--prometheus", paramLabel = "FILE",
            description = "Write the metrics here (e.g. /var/lib/node_exporter/textfile/tokenomics.prom).")
    Path prometheus;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST the summary JSON to this http(s) URL.")
    String webhook;

    @Option(names = "--retries", defaultValue = "3",
            description = "Webhook attempts after the first, waiting 1, 2, 4 ... s between (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Webhook timeout per attempt in seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (prometheus == null && webhook == null) {
            throw new IllegalArgumentException("give --prometheus FILE and/or --webhook URL: nothing to export");
        }
        URI url = webhook == null ? null : webhookUrl(webhook);
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("--retries must be 0 to 10, got " + retries);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = Exit.OK;
        try (TokenLedger l = ledger.open()) {
            if (prometheus != null) {
                AtomicFiles.write(prometheus, PrometheusText.of(l));
                out.println("wrote " + prometheus.toAbsolutePath());
            }
            if (url != null) {
                CallToolResult summary = ToolRunner.call(l, "get_token_summary", Map.of("scope", "all"));
                String body = ToolRunner.JSON_COMPACT.writeValueAsString(summary.structuredContent());
                String failure = post(url, body, err);
                if (failure == null) {
                    out.println("posted the summary to " + url);
                } else {
                    err.println("error: webhook " + url + " failed after " + (retries + 1) + " attempts: " + failure);
                    code = Exit.FAILED;
                }
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    static URI webhookUrl(String text) {
        URI u;
        try {
            u = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--webhook must be an http(s) URL, got '" + text + "'");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("--webhook must be an http(s) URL, got '" + text + "'");
        }
        return u;
    }

    /** Null when a 2xx came back; else the last attempt's reason. */
    private String post(URI url, String body, PrintWriter err) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        String reason = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                err.println("webhook attempt " + attempt + " failed (" + reason + "); retrying in " + (1 << (attempt - 1)) + " s");
                err.flush();
                Thread.sleep(1000L << (attempt - 1));
            }
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return null;
                }
                reason = "HTTP " + r.statusCode();
            } catch (IOException e) {
                reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return reason;
    }
}
