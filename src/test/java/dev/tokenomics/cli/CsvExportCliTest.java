package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --format csv} on summary, events, usage, breakdown and report, read back with Apache Commons
 * CSV's parser and checked against what the same command's --json (the ledger's answer) holds.
 */
class CsvExportCliTest {
    @TempDir
    Path dir;

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NOTE = "retried, then \"fixed\"\nsecond line";

    CliRun run(String... args) {
        CliRun r = CliRun.withDb(dir.resolve("ledger.db"), args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.err());
        return r;
    }

    JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return JSON.readTree(run(all.toArray(String[]::new)).out());
    }

    /** Rows as header name -> value maps (the first record is the header). */
    static List<Map<String, String>> rows(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord r : p.getRecords()) {
                out.add(r.toMap());
            }
            return out;
        }
    }

    /**
     * The report's blocks by their '#' name: each block's header then rows, as above. The reader
     * takes '#' lines as comments and skips the empty lines between blocks (Commons CSV's DEFAULT).
     */
    static Map<String, List<Map<String, String>>> blocks(String csv) throws IOException {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT.builder().setCommentMarker('#')
                .get())) {
            List<String> header = null;
            List<Map<String, String>> rows = null;
            for (CSVRecord r : p.getRecords()) {
                if (r.getComment() != null) {
                    header = r.toList();
                    rows = new ArrayList<>();
                    out.put(r.getComment(), rows);
                    continue;
                }
                assertNotNull(header, "every block starts with its name");
                assertEquals(header.size(), r.size(), "a row as wide as its header in block " + out.keySet());
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), r.get(i));
                }
                rows.add(row);
            }
        }
        return out;
    }

    static void assertSameNumber(JsonNode expected, String actual, String what) {
        if (expected == null || expected.isNull()) {
            assertEquals("", actual, what + ": null is an empty field");
        } else {
            assertEquals(0, new BigDecimal(expected.asString()).compareTo(new BigDecimal(actual)),
                    what + ": " + expected + " vs " + actual);
        }
    }

    @BeforeEach
    void record() {
        run("record", "--task-id", "T1", "--session-id", "S1", "--agent", "coder, senior", "--model", "claude-haiku-4-5",
                "--tokens-in", "100000", "--tokens-out", "2000", "--cache-creation-tokens", "3000",
                "--cache-creation-1h-tokens", "4000", "--cache-read-tokens", "5000", "--stage", "plan",
                "--ts", "2026-11-20T10:00:00Z", "--note", NOTE);
        run("record", "--task-id", "T2", "--session-id", "S1", "--agent", "reviewer", "--model", "acme-coder-9",
                "--tokens-in", "50000", "--stage", "review", "--ts", "2026-11-20T11:00:00Z");
        run("record", "--task-id", "T3", "--session-id", "S2", "--agent", "coder, senior", "--model", "claude-sonnet-4-5",
                "--tokens-in", "10000", "--tokens-out", "1000", "--stage", "plan", "--ts", "2026-11-21T09:00:00Z");
    }

    @Test
    void eventsCsvKeepsANoteWithCommasQuotesAndALineBreak() throws IOException {
        CliRun csv = run("events", "--format", "csv");
        List<Map<String, String>> rows = rows(csv.out());
        JsonNode events = json("events").get("events");
        assertEquals(events.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode e = events.get(i);
            Map<String, String> r = rows.get(i);
            assertEquals(e.get("id").asString(), r.get("id"));
            assertEquals(e.get("record_key").asString(), r.get("record_key"));
            assertEquals(e.get("input_tokens").asString(), r.get("input_tokens"));
            assertEquals(e.get("cache_creation_1h_tokens").asString(), r.get("cache_creation_1h_tokens"));
            assertSameNumber(e.get("cost_usd"), r.get("cost_usd"), "cost of event " + i);
            assertEquals(e.get("note").isNull() ? "" : e.get("note").asString(), r.get("note"));
            assertEquals(e.get("agent").asString(), r.get("agent"));
        }
        assertEquals(NOTE, rows.get(2).get("note"), "the oldest event's note, as recorded");
        assertEquals("", rows.get(1).get("cost_usd"), "unpriced: an empty field, not 0");

        CliRun paged = run("events", "--format", "csv", "--limit", "1");
        assertEquals(1, rows(paged.out()).size());
        assertTrue(paged.err().contains("more events: --cursor "), paged.err());
    }

    @Test
    void summaryCsvHasTheTotalThenEveryGroupAsItsJsonSays() throws IOException {
        JsonNode s = json("summary", "all");
        List<Map<String, String>> rows = rows(run("summary", "all", "--format", "csv").out());
        Map<String, String> total = rows.get(0);
        assertEquals("total", total.get("group"));
        assertEquals("all", total.get("name"));
        for (String key : List.of("tokens_in", "tokens_out", "cache_creation_tokens", "cache_creation_1h_tokens",
                "cache_read_tokens", "tokens_total", "event_count", "unpriced_event_count")) {
            assertEquals(s.get(key).asString(), total.get(key), key);
        }
        assertSameNumber(s.get("cost_usd"), total.get("cost_usd"), "total cost");
        assertEquals("false", total.get("cost_complete"));
        Map<String, Map<String, String>> models = new LinkedHashMap<>();
        rows.stream().filter(r -> r.get("group").equals("model")).forEach(r -> models.put(r.get("name"), r));
        assertEquals(List.of("acme-coder-9", "claude-haiku-4-5", "claude-sonnet-4-5"), List.copyOf(models.keySet()));
        assertEquals("", models.get("acme-coder-9").get("cost_usd"), "unpriced is empty, never 0");
        assertEquals("50000", models.get("acme-coder-9").get("unpriced_tokens"));
        assertSameNumber(s.get("by_model").get("claude-haiku-4-5").get("cost_usd"),
                models.get("claude-haiku-4-5").get("cost_usd"), "haiku");
        assertTrue(rows.stream().anyMatch(r -> r.get("group").equals("agent") && r.get("name").equals("coder, senior")),
                "a name with a comma is one field");
        long agentsEvents = rows.stream().filter(r -> r.get("group").equals("agent"))
                .mapToLong(r -> Long.parseLong(r.get("event_count"))).sum();
        assertEquals(3, agentsEvents);
    }

    @Test
    void summaryMarkdownIsATableWithTheCacheWritesApartAndNoZeroForUnpriced() {
        String md = run("summary", "all", "--format", "markdown").out();
        assertTrue(md.startsWith("## Token summary: all\n"), md);
        assertTrue(md.contains("\n| group | name | events | input | output | cache write 5m | cache write 1h | cache read "
                + "| total | cost |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n"), md);
        // haiku: $0.10 in + $0.01 out + 3,000 x $1.25/M + 4,000 x $2/M + 5,000 x $0.10/M = $0.12225;
        // sonnet: $0.03 + $0.015 = $0.045; the unpriced event adds nothing and makes the sum a lower bound.
        // (Four significant digits, half to even, as Money.display shows amounts under $1.)
        assertTrue(md.contains("| **total** | all | 3 | 160,000 | 3,000 | 3,000 | 4,000 | 5,000 | 175,000 | ≥ $0.1672 |"), md);
        assertTrue(md.contains("| model | acme-coder-9 | 1 | 50,000 | 0 | 0 | 0 | 0 | 50,000 | -- |"), md);
        assertTrue(md.contains("| model | claude-haiku-4-5 | 1 | 100,000 | 2,000 | 3,000 | 4,000 | 5,000 | 114,000 | $0.1222 |"),
                md);
        assertTrue(md.contains("**Unpriced models** (no cost counted for them): acme-coder-9."), md);
        assertFalse(md.contains("$0.00"), md);
        run("record", "--agent", "a|b", "--model", "claude-haiku-4-5", "--tokens-in", "1");
        String piped = run("summary", "all", "--format", "markdown").out();
        assertTrue(piped.contains("| agent | a\\|b | 1 |"), "a '|' in a name cannot end the cell: " + piped);
    }

    @Test
    void usageCsvHasOneRowPerDayOrPerDayAndModel() throws Exception {
        Path project = Files.createDirectories(dir.resolve("claude/projects/-home-me-src-app"));
        Files.writeString(project.resolve("s9.jsonl"), UsageCsv.line(1, "2026-07-01T10:05:00.000Z", "claude-haiku-4-5-20251001",
                500, 100) + UsageCsv.line(2, "2026-07-01T11:05:00.000Z", "claude-sonnet-4-5-20250929", 300, 50)
                + UsageCsv.line(3, "2026-07-02T09:00:00.000Z", "claude-haiku-4-5-20251001", 200, 10));
        run("import", "--claude-dir", dir.resolve("claude").toString());
        JsonNode daily = json("usage", "daily").get("daily");
        List<Map<String, String>> rows = rows(run("usage", "daily", "--format", "csv").out());
        assertEquals(daily.size(), rows.size());
        assertEquals(List.of("2026-07-01", "2026-07-02"), rows.stream().map(r -> r.get("date")).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(daily.get(i).get("input_tokens").asString(), rows.get(i).get("input_tokens"));
            assertEquals(daily.get(i).get("total_tokens").asString(), rows.get(i).get("total_tokens"));
            assertSameNumber(daily.get(i).get("cost_usd"), rows.get(i).get("cost_usd"), "day " + i);
        }
        assertEquals("800", rows.get(0).get("input_tokens"));
        assertEquals("claude-haiku-4-5-20251001;claude-sonnet-4-5-20250929", rows.get(0).get("models_used"));

        List<Map<String, String>> perModel = rows(run("usage", "daily", "--breakdown", "--format", "csv").out());
        assertEquals(List.of("2026-07-01", "2026-07-01", "2026-07-02"), perModel.stream().map(r -> r.get("date")).toList());
        assertEquals(950, perModel.stream().filter(r -> r.get("date").equals("2026-07-01"))
                .mapToLong(r -> Long.parseLong(r.get("total_tokens"))).sum(), "the day's models add up to the day");
        assertTrue(perModel.stream().allMatch(r -> r.get("model_name").startsWith("claude-")));
    }

    @Test
    void breakdownCsvRowsAndOtherAddUpToTheTotal() throws IOException {
        JsonNode answer = json("breakdown", "--by", "task", "--top", "1");
        List<Map<String, String>> rows = rows(run("breakdown", "--by", "task", "--top", "1", "--format", "csv").out());
        assertEquals(List.of("T1", "(other)"), rows.stream().map(r -> r.get("key")).toList());
        assertEquals("3000", rows.get(0).get("cache_creation_tokens"), "5-minute cache writes");
        assertEquals("4000", rows.get(0).get("cache_creation_1h_tokens"), "1-hour cache writes");
        for (String key : List.of("events", "input_tokens", "output_tokens", "cache_creation_tokens",
                "cache_creation_1h_tokens", "cache_read_tokens", "total_tokens")) {
            assertEquals(answer.get("total").get(key).asLong(),
                    rows.stream().mapToLong(r -> Long.parseLong(r.get(key))).sum(), key);
        }
        assertSameNumber(answer.get("rows").get(0).get("cost_usd"), rows.get(0).get("cost_usd"), "T1");
        assertSameNumber(answer.get("other").get("cost_usd"), rows.get(1).get("cost_usd"), "(other)");

        List<Map<String, String>> session = rows(run("breakdown", "--session", "S1", "--format", "csv").out());
        assertEquals(List.of("T1", "T2"), session.stream().map(r -> r.get("task_id")).toList());
        assertEquals("", session.get(1).get("cost_usd"), "the unpriced event last, its cost empty");
        assertEquals("coder, senior", session.get(0).get("agent"));
    }

    @Test
    void reportCsvIsOneNamedBlockPerTableWithTheJsonValues() throws IOException {
        JsonNode report = JSON.readTree(run("report", "--since", "2026-11-20", "--until", "2026-11-21", "--format", "json")
                .out());
        String csv = run("report", "--since", "2026-11-20", "--until", "2026-11-21", "--format", "csv").out();
        Map<String, List<Map<String, String>>> blocks = blocks(csv);
        for (String table : List.of("headline", "model_mix", "cache", "bucket", "stage", "structure", "role",
                "stage-structure", "lane", "stage-medians", "stage-medians.top_consumers", "breakeven",
                "breakeven.summary", "coverage", "coverage.by_source", "coverage.unpriced_models", "trend-day",
                "trend-ref", "latency", "concurrency")) {
            assertTrue(blocks.containsKey(table), table + " in " + blocks.keySet());
        }
        JsonNode stages = report.get("tables").get("stage").get("rows");
        List<Map<String, String>> stageRows = blocks.get("stage");
        assertEquals(stages.size() + 1, stageRows.size(), "the rows, then the total");
        for (int i = 0; i < stages.size(); i++) {
            assertEquals(stages.get(i).get("stage").asString(), stageRows.get(i).get("stage"));
            assertEquals(stages.get(i).get("records").asString(), stageRows.get(i).get("records"));
            assertEquals(stages.get(i).get("cache_creation_1h_tokens").asString(),
                    stageRows.get(i).get("cache_creation_1h_tokens"));
            assertSameNumber(stages.get(i).get("cost_usd"), stageRows.get(i).get("cost_usd"), "stage " + i);
        }
        assertEquals("total", stageRows.get(stageRows.size() - 1).get("stage"));
        JsonNode days = report.get("tables").get("trend-day").get("rows");
        assertEquals(days.size(), blocks.get("trend-day").size());
        assertEquals("2026-11-20", blocks.get("trend-day").get(0).get("date"));
        assertEquals(report.get("tables").get("coverage").get("records").asString(), blocks.get("coverage").get(0).get("records"));
        assertEquals(List.of("acme-coder-9"), blocks.get("coverage.unpriced_models").stream().map(r -> r.get("key")).toList());
        assertEquals("1", blocks.get("coverage.unpriced_models").get(0).get("value"));

        Map<String, List<Map<String, String>>> two = blocks(run("report", "--section", "stage,lane", "--format", "csv").out());
        assertEquals(List.of("headline", "model_mix", "cache", "right_sizing", "stage", "lane"), List.copyOf(two.keySet()));
        // the right-sizing estimate's rows are the JSON's, stage by stage
        List<String> resized = new java.util.ArrayList<>();
        report.get("right_sizing").get("rows").forEach(r -> resized.add(r.get("stage").asString()));
        assertEquals(resized, two.get("right_sizing").stream().map(r -> r.get("stage")).toList());

        Map<String, List<Map<String, String>>> history = blocks(run("report", "--history", "--format", "csv").out());
        assertEquals(List.of("days"), List.copyOf(history.keySet()));
    }

    @Test
    void aFormatTheCommandDoesNotWriteIsRefusedWithTheChoices() {
        CliRun bad = CliRun.withDb(dir.resolve("ledger.db"), "events", "--format", "xml");
        assertEquals(2, bad.code());
        assertEquals("error: --format must be one of text, json, csv; got 'xml'", bad.err().strip());
        CliRun both = CliRun.withDb(dir.resolve("ledger.db"), "summary", "--json", "--format", "csv");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--json asks for json but --format asks for csv"), both.err());
        CliRun report = CliRun.withDb(dir.resolve("ledger.db"), "report", "--format", "tsv");
        assertEquals(2, report.code());
        assertTrue(report.err().contains("text, markdown, json or csv"), report.err());
    }

    /** A Claude Code transcript line with one response's usage. */
    static final class UsageCsv {
        static String line(int n, String ts, String model, long in, long out) {
            return "{\"type\":\"assistant\",\"sessionId\":\"s9\",\"timestamp\":\"" + ts + "\",\"requestId\":\"req_" + n
                    + "\",\"cwd\":\"/home/me/src/app\",\"message\":{\"id\":\"msg_" + n + "\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"usage\":"
                    + "{\"input_tokens\":" + in + ",\"output_tokens\":" + out + ",\"cache_creation_input_tokens\":0,"
                    + "\"cache_read_input_tokens\":0}}}\n";
        }
    }
}
