package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.http.DashboardData;
import dev.tokenomics.http.DashboardPage;
import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics bench dashboard}: on a generated ledger (bench report's), times /api/dashboard
 * over real HTTP for the last N days against the route the page used to take (the tools' summary and
 * report, /api/summary + /api/report), then times the page itself in headless Chromium when it is
 * installed: the standalone file (data inlined, so no fetch is timed) drawn at 1,280 px. Targets:
 * data in <= 300 ms, the page drawn in <= 1 s.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Time /api/dashboard on a generated ledger against the tools' answers it replaced, and the "
                + "page's render in headless Chromium.", "Example: tokenomics bench dashboard --events 1000000 --window 90"})
final class BenchDashboardCommand implements Callable<Integer> {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern TIMES = Pattern.compile("data-render-ms=\"([0-9.]+)\" data-ready-ms=\"([0-9.]+)\"");

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Events to generate (default 1,000,000).")
    long events;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Days they span (default 90).")
    int days;

    @Option(names = "--window", paramLabel = "N", defaultValue = "90", description = "Days the page shows, to today (default 90).")
    int window;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs after one warm-up (default 5).")
    int runs;

    @Option(names = "--db", paramLabel = "PATH", description = "Ledger to use: generated there when it has no events, "
            + "reused as it is otherwise. Default: a fresh temporary file, deleted afterwards.")
    Path db;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1 || days < 1 || window < 1 || runs < 1) {
            throw new IllegalArgumentException("--events, --days, --window and --runs must be >= 1");
        }
        Path dir = Files.createTempDirectory("tokenomics-bench-dashboard");
        Path file = db != null ? db : dir.resolve("bench.db");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (TokenLedger ledger = TokenLedger.open(LedgerLocation.sqlite(file), dev.tokenomics.pricing.PriceTable.bundled(),
                Clock.systemUTC(), EventDefaults.NONE)) {
            if (ledger.events().eventSpan() == null) {
                BenchLedger gen = new BenchLedger(events, days, today);
                out.printf(Locale.ROOT, "Generating %,d events over %d days into %s ...%n", events, days, file);
                out.flush();
                long t0 = System.nanoTime();
                ledger.events().importAll(gen.events());
                BenchTasks.record(ledger, gen);
                out.printf(Locale.ROOT, "  generated in %.1f s (one transaction)%n", (System.nanoTime() - t0) / 1e9);
            } else {
                out.println("Reusing " + file);
            }
            String query = "?since=" + today.minusDays(window - 1) + "&until=" + today;
            try (HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
                String base = "http://127.0.0.1:" + server.port();
                HttpClient http = HttpClient.newHttpClient();
                double cold = get(http, base + "/api/dashboard" + query);
                double[] warm = new double[runs];
                for (int i = 0; i < runs; i++) {
                    warm[i] = get(http, base + "/api/dashboard" + query);
                }
                double dashMs = BenchReportCommand.median(warm);
                out.printf(Locale.ROOT, "/api/dashboard, last %d days (%s), over real HTTP:%n", window, query.substring(1));
                out.printf(Locale.ROOT, "  first run   %8.0f ms (JVM cold)%n", cold);
                out.printf(Locale.ROOT, "  median of %d %8.0f ms (target <= 300 ms)%n", runs, dashMs);
                out.flush();
                int baseRuns = Math.min(runs, 3);
                double[] base0 = new double[baseRuns];
                for (int i = 0; i < baseRuns; i++) {
                    base0[i] = get(http, base + "/api/summary" + query) + get(http, base + "/api/report" + query);
                }
                double baseMs = BenchReportCommand.median(base0);
                out.printf(Locale.ROOT, "baseline: the tools' answers the page read before (/api/summary + /api/report), "
                        + "median of %d %8.0f ms -> dashboard/baseline = %.3fx%n", baseRuns, baseMs, dashMs / baseMs);
            }
            page(out, ledger, dir, query);
        } finally {
            deleteQuietly(dir);
        }
        return Exit.OK;
    }

    private static double get(HttpClient http, String url) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return ms;
    }

    /** The standalone page in headless Chromium: the page stamps how long its render took and when it ended. */
    private void page(PrintWriter out, TokenLedger ledger, Path dir, String query) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            out.println("page: no " + CHROMIUM + " (apt-get install -y chromium) to time the render in");
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path html = dir.resolve("dashboard.html");
        Files.writeString(html, DashboardPage.standalone(DashboardData.all(ledger,
                new DashboardData.Window(today.minusDays(window - 1), today))));
        double[] render = new double[runs];
        double[] ready = new double[runs];
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-background-networking", "--window-size=1280,2000",
                    "--user-data-dir=" + dir.resolve("chromium"), "--dump-dom", html.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 60 s");
            }
            Matcher m = TIMES.matcher(dom);
            if (!m.find()) {
                throw new IllegalStateException("the page did not stamp its render time (a script error?)");
            }
            render[i] = Double.parseDouble(m.group(1));
            ready[i] = Double.parseDouble(m.group(2));
        }
        out.printf(Locale.ROOT, "page in headless Chromium (dashboard --out file, %,d KB, 1,280 px), median of %d:%n",
                Files.size(html) / 1024, runs);
        out.printf(Locale.ROOT, "  render (charts and tables drawn)   %6.0f ms%n", BenchReportCommand.median(render));
        out.printf(Locale.ROOT, "  drawn, from navigation start       %6.0f ms (target <= 1000 ms)%n",
                BenchReportCommand.median(ready));
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
