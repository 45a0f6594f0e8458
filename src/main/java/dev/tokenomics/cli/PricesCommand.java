package dev.tokenomics.cli;

import dev.tokenomics.pricing.ModelPrice;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Rates;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics prices}: which price a model gets and from where, and a newer table without a release. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = "Show the prices a model is costed at, or install a newer LiteLLM price table.",
        subcommands = {PricesCommand.Show.class, PricesCommand.Update.class})
final class PricesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the rates MODEL is costed at (USD per million tokens), the layer they come from "
                    + "(bundled, updated or --prices override) and the table's date.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(paramLabel = "MODEL", description = "A model id as a transcript or caller names it.")
        String model;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            PriceTable table = ledger.priceTable();
            PrintWriter out = spec.commandLine().getOut();
            var priced = table.explain(model);
            if (priced.isEmpty()) {
                spec.commandLine().getErr().println("error: no price for model " + model + " in " + table.version()
                        + ": its events are unpriced (cost null, shown as --), never $0; add it with --prices FILE");
                return Exit.FAILED;
            }
            ModelPrice p = priced.get().price();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("model", model);
            view.put("priced_as", p.model());
            view.put("source", priced.get().source().kind());
            view.put("source_file", priced.get().source().name());
            view.put("table_date", priced.get().source().date() == null ? null : priced.get().source().date().toString());
            view.put("price_version", table.version());
            view.put("usd_per_million", perMillion(p.base()));
            view.put("long_context_threshold_tokens", p.longContextThresholdTokens() == 0 ? null
                    : p.longContextThresholdTokens());
            view.put("long_context_usd_per_million", p.longContext() == null ? null : perMillion(p.longContext()));
            view.put("fast_mode_multiplier", p.fastMultiplier() == null ? null : p.fastMultiplier().toPlainString());
            if (json) {
                out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(view));
                return Exit.OK;
            }
            out.printf(Locale.ROOT, "%s is priced as %s%n", model, p.model());
            out.printf(Locale.ROOT, "  from: %s%n", priced.get().source().describe());
            rows(out, "", perMillion(p.base()));
            if (p.longContext() != null) {
                out.printf(Locale.ROOT, "  prompts over %,d tokens: the whole request at%n", p.longContextThresholdTokens());
                rows(out, "  ", perMillion(p.longContext()));
            }
            out.printf(Locale.ROOT, "  fast mode (speed fast): %s%n", p.fastMultiplier() == null
                    ? "no fast-mode rate: fast events are unpriced"
                    : p.fastMultiplier().stripTrailingZeros().toPlainString() + "x every rate");
            out.printf(Locale.ROOT, "  price version: %s%n", table.version());
            return Exit.OK;
        }

        private static Map<String, String> perMillion(Rates r) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("input", mtok(r.input()));
            m.put("output", mtok(r.output()));
            m.put("cache_write_5m", mtok(r.cacheWrite5m()));
            m.put("cache_write_1h", mtok(r.cacheWrite1h()));
            m.put("cache_read", mtok(r.cacheRead()));
            return m;
        }

        private static String mtok(BigDecimal perToken) {
            return perToken.movePointRight(6).stripTrailingZeros().toPlainString();
        }

        private static void rows(PrintWriter out, String indent, Map<String, String> rates) {
            rates.forEach((k, v) -> out.printf(Locale.ROOT, "  %s%-15s $%s / MTok%n", indent, k, v));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Validate a LiteLLM model_prices_and_context_window.json (a file, or an http(s) URL where "
                    + "the network allows) and keep it, compiled, beside the ledger as prices/prices.tsv. Every later "
                    + "command on that ledger folder prices with it (a --prices override still goes on top).",
                    "Costs already recorded keep the price they were recorded at."})
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Option(names = "--from", required = true, paramLabel = "FILE|URL",
                description = "The newer table: a path, or an http:// or https:// URL.")
        String from;

        @Override
        public Integer call() throws Exception {
            Path source = from.startsWith("http://") || from.startsWith("https://") ? download(from) : Path.of(from);
            try {
                PriceTable.Compiled compiled = PriceTable.compile(source);
                Path target = LedgerOptions.updatedPrices(ledger.location());
                Files.createDirectories(target.getParent());
                AtomicFiles.write(target, compiled.text());
                spec.commandLine().getOut().printf(Locale.ROOT, "kept %,d priced models%s from %s in %s%n",
                        compiled.models(), compiled.date() == null ? " (undated)" : " dated " + compiled.date(), from,
                        target);
                return Exit.OK;
            } finally {
                if (!source.toString().equals(from)) {
                    Files.deleteIfExists(source);
                }
            }
        }

        private static Path download(String url) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            Path tmp = Files.createTempFile("tokenomics-prices", ".json");
            HttpResponse<Path> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(tmp));
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new IllegalArgumentException("cannot fetch --from " + url + ": " + e.getMessage());
            }
            if (r.statusCode() != 200) {
                Files.deleteIfExists(tmp);
                throw new IllegalArgumentException("cannot fetch --from " + url + ": HTTP " + r.statusCode());
            }
            return tmp;
        }
    }
}
