package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code demo} is safe to run again: a second run on the same ledger changes no count. */
class DemoCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    private String db() {
        return dir.resolve("demo.db").toString();
    }

    private long events() {
        return JSON.readTree(run("summary", "all", "--json", "--db", db())).get("event_count").asLong();
    }

    private int history(String task) {
        JsonNode j = JSON.readTree(run("task", "show", task, "--json", "--db", db()));
        return j.get("history").size();
    }

    @Test
    void demoRunTwiceLeavesTheSameEventsAndStatusHistory() {
        run("demo", "--db", db());
        long events = events();
        int t1 = history("DEMO-T01");
        int t2 = history("DEMO-T02");
        assertEquals(4, events);
        assertEquals(2, t1); // in_progress, then done
        assertEquals(1, t2);
        run("demo", "--db", db());
        assertEquals(events, events());
        assertEquals(t1, history("DEMO-T01"));
        assertEquals(t2, history("DEMO-T02"));
        JsonNode task = JSON.readTree(run("task", "show", "DEMO-T01", "--json", "--db", db()));
        assertEquals("done", task.get("task").get("status").asString());
    }
}
