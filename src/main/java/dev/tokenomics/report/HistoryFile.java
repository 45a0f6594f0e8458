package dev.tokenomics.report;

import dev.tokenomics.ledger.Money;
import dev.tokenomics.pricing.Costs;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A history file as the report skill keeps one (.claude/logs/tokenomics-history.jsonl): one day
 * object a line, exactly what {@code report --emit-day-json} prints, upserted by date. Read for
 * {@code report --history PATH} after the live log is gone: a later line for the same date wins
 * (the store is last-write-wins), a line that is not a day object is counted and named, never
 * dropped in silence, and an absent or empty file is an empty history, not an error.
 */
public final class HistoryFile {
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    /** How many bad lines are named one by one; the rest are only counted. */
    private static final int NAMED_BAD_LINES = 5;

    /** The days read (ascending, one per date), the file's bad lines and whether the file exists. */
    public record Read(List<ReportResults.DayObject> days, int malformedLines, List<String> firstProblems,
            boolean exists) {
        public Read {
            days = List.copyOf(days);
            firstProblems = List.copyOf(firstProblems);
        }
    }

    private HistoryFile() {}

    /** The file's days inside [since, until] (either may be null: open). */
    public static Read read(Path file, LocalDate since, LocalDate until) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), 0, List.of(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read history file " + file + ": " + e.getMessage(), e);
        }
        Map<LocalDate, ReportResults.DayObject> byDate = new TreeMap<>();
        int bad = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                ReportResults.DayObject day = day(line);
                LocalDate date = LocalDate.parse(day.date());
                if ((since == null || !date.isBefore(since)) && (until == null || !date.isAfter(until))) {
                    byDate.put(date, day);
                }
            } catch (IllegalArgumentException | JacksonException | DateTimeParseException e) {
                bad++;
                if (problems.size() < NAMED_BAD_LINES) {
                    problems.add("line " + (i + 1) + ": " + firstLine(e.getMessage()));
                }
            }
        }
        return new Read(new ArrayList<>(byDate.values()), bad, problems, true);
    }

    /** One line as a day object; the skill's required keys must be there with the right types. */
    static ReportResults.DayObject day(String line) {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String key : List.of("date", "n", "tokens", "cost")) {
            if (!node.has(key) || node.get(key).isNull()) {
                throw new IllegalArgumentException("no '" + key + "'");
            }
        }
        if (!node.get("date").isString()) {
            throw new IllegalArgumentException("date must be YYYY-MM-DD, got " + node.get("date"));
        }
        LocalDate.parse(node.get("date").asString());
        if (!node.get("n").isIntegralNumber() || node.get("n").asLong() < 0) {
            throw new IllegalArgumentException("n must be a whole number >= 0, got " + node.get("n"));
        }
        JsonNode total = node.get("cost").get("total");
        if (total == null || !total.isNumber()) {
            throw new IllegalArgumentException("cost.total must be a number, got " + total);
        }
        return JSON.treeToValue(node, ReportResults.DayObject.class);
    }

    /** The history table from the file's days. */
    public static String text(String title, Read read) {
        StringBuilder out = new StringBuilder(title).append('\n');
        if (!read.exists()) {
            out.append("No history file there yet: `tokenomics report --emit-day-json` writes its lines.\n");
        } else if (read.days().isEmpty()) {
            out.append("No days in the history file for this window.\n");
        }
        if (read.malformedLines() > 0) {
            out.append(Format.count(read.malformedLines())).append(" line(s) are not day objects and were skipped: ")
                    .append(String.join("; ", read.firstProblems()))
                    .append(read.malformedLines() > read.firstProblems().size() ? "; ..." : "").append('\n');
        }
        TextTable t = TextTable.of("day", "records", "tokens", "cost", "$/N", "LOC", "$/LOC", "lower bound");
        long records = 0;
        long tokens = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (ReportResults.DayObject d : read.days()) {
            long dayTokens = d.tokens() == null ? 0 : d.tokens().total();
            BigDecimal dayCost = d.cost() == null || d.cost().total() == null ? BigDecimal.ZERO : d.cost().total();
            t.row(d.date(), Format.count(d.n()), Format.count(dayTokens), usd(dayCost), usd(d.costPerN()),
                    d.activeLoc() == null ? "--" : Format.count(d.activeLoc()), usd(d.costPerLoc()),
                    d.usageCompleteFloor() ? "floor" : "");
            records += d.n();
            tokens += dayTokens;
            cost = cost.add(dayCost);
        }
        t.row("total", Format.count(records), Format.count(tokens), usd(cost),
                records == 0 ? "--" : usd(cost.divide(BigDecimal.valueOf(records), 9, RoundingMode.HALF_UP)),
                "", "", "");
        return out.append(t.render()).toString();
    }

    /** The ledger's money form: the file holds exact USD, shown as the report shows nano-dollars. */
    private static String usd(BigDecimal v) {
        return v == null ? "--" : Money.display(Costs.toNanos(v));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String one = nl < 0 ? message : message.substring(0, nl);
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
