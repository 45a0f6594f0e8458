package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI twins of the tools, run in-process with captured output. */
class CliTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.withDb(dir.resolve("ledger.db"), args);
    }

    @Test
    void recordThenSummaryAsTableAndJson() {
        CliRun r = run("record", "--task-id", "T1", "--workstream", "WS", "--model", "claude-haiku-4-5",
                "--tokens-in", "1000000", "--tokens-out", "200000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Recorded event"), r.out());
        CliRun s = run("summary", "task", "T1", "--json");
        assertEquals(0, s.code(), s.err());
        JsonNode j = JsonMapper.builder().build().readTree(s.out());
        assertEquals(1_200_000, j.get("tokens_total").asLong());
        // haiku-4-5: $1/MTok in, $5/MTok out -> $1 + $1 = $2
        assertEquals("2", j.get("cost_usd").asString());
        CliRun table = run("summary", "workstream", "WS");
        assertTrue(table.out().contains("claude-haiku-4-5"), table.out());
        assertTrue(table.out().contains("$2.00"), table.out());
    }

    @Test
    void recordTakesASpeedAndNamesABadOne() {
        CliRun fast = run("record", "--task-id", "F", "--model", "claude-opus-4-6", "--tokens-in", "1000000",
                "--speed", "fast");
        assertEquals(0, fast.code(), fast.err());
        CliRun s = run("summary", "task", "F", "--json");
        // Opus 4.6 $5 per million input, 6x in fast mode
        assertEquals("30", JsonMapper.builder().build().readTree(s.out()).get("cost_usd").asString());
        CliRun bad = run("record", "--tokens-in", "1", "--speed", "ludicrous");
        assertEquals(2, bad.code());
        assertEquals("error: speed must be one of standard, fast; got 'ludicrous'", bad.err().strip());
    }

    @Test
    void badInputExitsTwoWithOneLineReasonAndWritesNothing() {
        CliRun neg = run("record", "--tokens-in", "-5");
        assertEquals(2, neg.code());
        assertEquals("error: input_tokens must be >= 0, got -5", neg.err().strip());
        CliRun notNumber = run("record", "--tokens-in", "lots");
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("'lots'"), notNumber.err());
        CliRun scope = run("summary", "galaxy", "x");
        assertEquals(2, scope.code());
        assertTrue(scope.err().startsWith("error: scope must be one of"), scope.err());
        CliRun status = run("task", "update", "T1", "finished");
        assertEquals(2, status.code());
        CliRun all = run("summary", "all", "--json");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("\"event_count\" : 0"), all.out());
    }

    @Test
    void taskUpdateAndShow() {
        CliRun u = run("task", "update", "T01", "done", "--tokens-in", "1200", "--tokens-out", "800",
                "--model", "claude-sonnet-4-5", "--title", "Ship");
        assertEquals(0, u.code(), u.err());
        assertTrue(u.out().contains("Task T01 created as done"), u.out());
        CliRun show = run("task", "show", "T01", "--json");
        assertEquals(0, show.code(), show.err());
        JsonNode j = JsonMapper.builder().build().readTree(show.out());
        assertEquals("Ship", j.get("task").get("title").asString());
        assertEquals(2000, j.get("summary").get("tokens_total").asLong());
    }

    @Test
    void batchFromJsonLinesIsAllOrNothing() throws Exception {
        Path good = dir.resolve("good.jsonl");
        Files.writeString(good, "{\"input_tokens\": 5, \"record_key\": \"a\"}\n{\"input_tokens\": 7, \"record_key\": \"b\"}\n");
        CliRun r = run("record", "--batch", good.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"input_tokens\": 5, \"record_key\": \"c\"}, {\"input_tokens\": -1}]");
        CliRun b = run("record", "--batch", bad.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("events[1].input_tokens must be >= 0, got -1"), b.err());
        CliRun events = run("events", "--json");
        assertTrue(events.out().contains("\"count\" : 2"), events.out());
        Path workflow = dir.resolve("wf_x.json");
        Files.writeString(workflow, "{\"runId\":\"wf_x\",\"status\":\"completed\",\"totalTokens\":10,"
                + "\"workflowProgress\":[]}");
        CliRun wf = run("record", "--batch", workflow.toString());
        assertEquals(2, wf.code());
        assertTrue(wf.err().contains("tokenomics import --workflow " + workflow), wf.err());
    }

    private long eventCount() {
        CliRun all = run("summary", "all", "--json");
        assertEquals(0, all.code(), all.err());
        return JsonMapper.builder().build().readTree(all.out()).get("event_count").asLong();
    }

    @Test
    void batchTakesEveryDocumentedFormPrettyPrintedOrNot() throws Exception {
        Path wrapped = dir.resolve("wrapped.json");
        Files.writeString(wrapped, """
                {
                  "events": [
                    {
                      "record_key": "w1",
                      "input_tokens": 5
                    },
                    {
                      "record_key": "w2",
                      "input_tokens": 6
                    }
                  ]
                }
                """);
        CliRun w = run("record", "--batch", wrapped.toString());
        assertEquals(0, w.code(), w.err());
        assertEquals(2, eventCount());
        Path array = dir.resolve("array.json");
        Files.writeString(array, """
                [
                  {
                    "record_key": "a1",
                    "input_tokens": 5
                  }
                ]
                """);
        CliRun a = run("record", "--batch", array.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(3, eventCount());
        Path lines = dir.resolve("lines.jsonl");
        Files.writeString(lines, "{\"record_key\": \"l1\", \"input_tokens\": 1}\n\n{\"record_key\": \"l2\", \"input_tokens\": 2}\n");
        CliRun l = run("record", "--batch", lines.toString());
        assertEquals(0, l.code(), l.err());
        assertEquals(5, eventCount());
        Path one = dir.resolve("one.json");
        Files.writeString(one, """
                {
                  "record_key": "o1",
                  "input_tokens": 9
                }
                """);
        CliRun o = run("record", "--batch", one.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(6, eventCount());
        CliRun again = run("record", "--batch", wrapped.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(6, eventCount()); // record keys replace
    }

    @Test
    void batchNamesTheLineThatIsNotJsonAndWritesNothing() throws Exception {
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"record_key\": \"b1\", \"input_tokens\": 1}\n{\"record_key\": oops}\n");
        CliRun b = run("record", "--batch", broken.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().startsWith("error: " + broken + ":2 is not JSON"), b.err());
        Path scalar = dir.resolve("scalar.jsonl");
        Files.writeString(scalar, "{\"record_key\": \"s1\", \"input_tokens\": 1}\n42\n");
        CliRun s = run("record", "--batch", scalar.toString());
        assertEquals(2, s.code());
        assertEquals("error: " + scalar + ":2 is not a JSON object: number", s.err().strip());
        assertEquals(0, eventCount());
    }

    @Test
    void helpTellsEveryCommand() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
        var commands = Main.fullCommandLine().getSubcommands().keySet();
        assertEquals(26, commands.size(), commands.toString()); // a new command must be added here on purpose (runs, export: 24; sync: 25; breakdown: 26)
        for (String cmd : commands) {
            // Its own line in the Commands list: the name, then its description.
            assertTrue(out.toString().matches("(?s).*\\n  " + java.util.regex.Pattern.quote(cmd) + " +[A-Z].*"),
                    cmd + " in " + out);
        }
    }
}
