package dev.tokenomics.cli;

import dev.tokenomics.text.Visible;
import dev.tokenomics.budget.SummaryDiff;
import dev.tokenomics.report.DiffViews;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code tokenomics diff}: the regression gate over two saved summaries. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two saved summaries (the --json of summary or of a report) per model and per stage, "
                + "largest absolute change first. Exits 1 when the total or a line rose past a limit, 0 otherwise, "
                + "2 on bad input.",
                "Accepted shape: {\"by_model\": {NAME: {\"cost_usd\": N, \"tokens_total\": N}}, \"by_stage\": {...}} "
                        + "(by_stage optional; arrays of rows with model/stage/name also accepted).",
                "Example: tokenomics diff --baseline main.json --current pr.json --fail-on-pct 10 --fail-on-usd 5"})
final class DiffCommand implements Callable<Integer> {
    // Money must stay exact: numbers are read as BigDecimal, never double.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "A.json", description = "The summary to compare against.")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "B.json", description = "The new summary.")
    Path current;

    @Option(names = "--fail-on-pct", paramLabel = "N", description = "Fail when the total or a line rose more than N percent.")
    BigDecimal failOnPct;

    @Option(names = "--fail-on-usd", paramLabel = "N", description = "Fail when the total or a line rose more than N USD.")
    BigDecimal failOnUsd;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SummaryDiff.Result r = SummaryDiff.compare(read(baseline), read(current), failOnPct, failOnUsd);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(ToolRunner.JSON.writeValueAsString(DiffViews.result(r)));
        } else {
            out.print(Visible.text(DiffViews.text(r)));
        }
        out.flush();
        return r.failed() ? Exit.FAILED : Exit.OK;
    }

    static SummaryDiff.Summary read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
        Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a JSON object: " + e.getOriginalMessage());
        }
        return SummaryDiff.parse(file.toString(), parsed);
    }
}
