package dev.tokenomics.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.CliRun;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflow runs in the shape of Claude Code's wf_*.json telemetry; every figure is worked out by hand
 * in the comments (haiku 4.5: $1 / $5 per M input / output; sonnet 4.5: $3 / $15).
 */
class WorkflowRunsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** stages: {phase, model, state, tokens} per agent. */
    static String run(String id, String workflow, String status, long total, String[]... agents) {
        List<String> progress = new ArrayList<>();
        String phase = null;
        int n = 0;
        for (String[] a : agents) {
            if (!a[0].equals(phase)) {
                phase = a[0];
                progress.add("{\"type\":\"workflow_phase\",\"phaseTitle\":\"" + phase + "\"}");
            }
            n++;
            progress.add("{\"type\":\"workflow_agent\",\"agentId\":\"agent_" + id + "_" + n + "\",\"label\":\"" + phase
                    .toLowerCase() + "-" + n + "\",\"phaseTitle\":\"" + phase + "\",\"model\":\"" + a[1]
                    + "\",\"state\":\"" + a[2] + "\",\"tokens\":" + a[3] + ",\"toolCalls\":3}");
        }
        return "{\"runId\":\"" + id + "\",\"workflowName\":\"" + workflow + "\",\"status\":\"" + status
                + "\",\"totalTokens\":" + total + ",\"workflowProgress\":[" + String.join(",", progress) + "]}";
    }

    static String[] a(String phase, String model, String state, long tokens) {
        return new String[] {phase, model, state, String.valueOf(tokens)};
    }

    static String[][] research(long verifyEach, int verifyErrors) {
        List<String[]> out = new ArrayList<>();
        out.add(a("Scope", "claude-haiku-4-5", "completed", 1_000));
        out.add(a("Search", "claude-haiku-4-5", "completed", 3_000));
        out.add(a("Search", "claude-haiku-4-5", "completed", 5_000));
        for (int i = 0; i < 5; i++) {
            out.add(a("Verify", "claude-sonnet-4-5", i < verifyErrors ? "error" : "completed", verifyEach));
        }
        return out.toArray(String[][]::new);
    }

    void tree() throws Exception {
        Path tasks = dir.resolve("claude/projects/-home-dev-app/tasks");
        Files.createDirectories(tasks);
        Files.writeString(tasks.resolve("wf_a.json"), run("wf_a", "research", "completed", 59_000, research(10_000, 0)));
        // says 70,000 but its agents add up to 1,000 + 8,000 + 60,000 = 69,000: 1,000 unattributed
        Files.writeString(tasks.resolve("wf_b.json"), run("wf_b", "research", "completed", 70_000, research(12_000, 0)));
        // completed, yet 2 of 5 verifiers errored and Verify ran at 1,500 per agent: under 25% of the
        // median of the other runs' Verify (10,000 and 12,000: 11,000, so 2,750)
        Files.writeString(tasks.resolve("wf_c.json"), run("wf_c", "research", "completed", 16_500, research(1_500, 2)));
        // no other run of "solo": Work's 1,000 per agent over 6 agents is under 25% of the median of this
        // run's stage means (20,000 and 1,000: 10,500, so 2,625); failed, so its errored agent is no finding
        List<String[]> solo = new ArrayList<>();
        solo.add(a("Plan", "claude-sonnet-4-5", "completed", 20_000));
        for (int i = 0; i < 6; i++) {
            solo.add(a("Work", "claude-haiku-4-5", i == 0 ? "error" : "completed", 1_000));
        }
        Files.writeString(dir.resolve("wf_d.json"), run("wf_d", "solo", "failed", 26_000, solo.toArray(String[][]::new)));
        Files.writeString(tasks.resolve("wf_bad.json"), "{\"runId\":\"wf_bad\",\"totalTokens\":\"many\"}");
    }

    @Test
    void runsShowTheWaterfallTheInvariantAndTheDegradedStages() throws Exception {
        tree();
        Path db = dir.resolve("l.db");
        CliRun imp = CliRun.withDb(db, "import", "--workflow", dir.resolve("claude").toString(), "--workflow",
                dir.resolve("wf_d.json").toString(), "--json");
        assertEquals(0, imp.code(), imp.err());
        JsonNode s = JSON.readTree(imp.out());
        assertEquals(8 * 3 + 7, s.get("added").asLong()); // 8 agents in each research run, 7 in solo
        assertEquals(1, s.get("malformed").asLong()); // wf_bad: totalTokens is not a number

        JsonNode runs = JSON.readTree(CliRun.withDb(db, "runs", "--json").out()).get("runs");
        assertEquals(4, runs.size());
        JsonNode ra = byId(runs, "wf_a");
        assertEquals(true, ra.get("invariant_ok").asBoolean());
        assertEquals(false, ra.get("degraded").asBoolean());
        JsonNode verify = ra.get("stages").get(2);
        assertEquals("Verify", verify.get("stage").asString());
        assertEquals(50_000, verify.get("tokens").asLong());
        assertEquals(5, verify.get("agents").asInt());
        assertEquals(0.8475, verify.get("share").asDouble(), 1e-9); // 50,000 / 59,000
        // 50,000 at 85% input: 42,500 x $3/M + 7,500 x $15/M = 0.1275 + 0.1125
        assertEquals(0, new BigDecimal("0.24").compareTo(verify.get("est_cost_usd").decimalValue()));
        // Scope: 850 x $1/M + 150 x $5/M
        assertEquals(0, new BigDecimal("0.0016").compareTo(ra.get("stages").get(0).get("est_cost_usd").decimalValue()));

        JsonNode rb = byId(runs, "wf_b");
        assertEquals(false, rb.get("invariant_ok").asBoolean());
        assertEquals(1_000, rb.get("unattributed_tokens").asLong());
        assertEquals(false, rb.get("degraded").asBoolean());

        JsonNode rc = byId(runs, "wf_c");
        assertEquals(true, rc.get("degraded").asBoolean());
        assertEquals(2, rc.get("findings").size(), rc.toString());
        assertTrue(rc.get("findings").get(0).asString().contains("2 of 5 agents errored"), rc.toString());
        assertTrue(rc.get("findings").get(1).asString().contains("median of 11000 over 2 other runs"), rc.toString());

        JsonNode rd = byId(runs, "wf_d");
        assertEquals(1, rd.get("findings").size(), rd.toString());
        assertTrue(rd.get("findings").get(0).asString().startsWith("Work: 1000 tokens per agent over 6 agents"),
                rd.toString());

        // A different blend: Scope at 50% input is 500 x $1/M + 500 x $5/M = $0.003
        JsonNode half = JSON.readTree(CliRun.withDb(db, "runs", "wf_a", "--input-share", "0.5", "--json").out());
        assertEquals(1, half.get("runs").size());
        assertEquals(0, new BigDecimal("0.003").compareTo(half.get("runs").get(0).get("stages").get(0)
                .get("est_cost_usd").decimalValue()));
        String text = CliRun.withDb(db, "runs", "wf_c").out();
        assertTrue(text.contains("DEGRADED") && text.contains("estimate"), text);
        assertEquals(2, CliRun.withDb(db, "runs", "wf_nope").code());

        // The agents are events of source workflow, summed by stage like any other.
        JsonNode sum = JSON.readTree(CliRun.withDb(db, "summary", "all", "--source", "workflow", "--json").out());
        assertEquals(59_000 + 69_000 + 16_500 + 26_000, sum.get("tokens_total").asLong());

        CliRun again = CliRun.withDb(db, "import", "--workflow", dir.resolve("claude").toString(), "--json");
        assertEquals(4, JSON.readTree(again.out()).get("files_unchanged").asLong());
        // The run went on and its file was rewritten: its agents replace theirs, nothing is added twice.
        Files.writeString(dir.resolve("claude/projects/-home-dev-app/tasks/wf_a.json"),
                run("wf_a", "research", "completed", 64_000, research(11_000, 0)));
        JsonNode rewritten = JSON.readTree(CliRun.withDb(db, "import", "--workflow", dir.resolve("claude").toString(),
                "--json").out());
        assertEquals(0, rewritten.get("added").asLong());
        assertEquals(8, rewritten.get("replaced").asLong());
        JsonNode ra2 = byId(JSON.readTree(CliRun.withDb(db, "runs", "--json").out()).get("runs"), "wf_a");
        assertEquals(64_000, ra2.get("total_tokens").asLong());
        assertEquals(true, ra2.get("invariant_ok").asBoolean()); // 1,000 + 8,000 + 55,000
    }

    private static JsonNode byId(JsonNode runs, String id) {
        for (JsonNode r : runs) {
            if (r.get("run_id").asString().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no run " + id + " in " + runs);
    }

    @Test
    void theReportAndTheInsightsCanBeScopedToOneRun() throws Exception {
        tree();
        Path db = dir.resolve("l.db");
        assertEquals(0, CliRun.withDb(db, "import", "--workflow", dir.resolve("claude").toString(), "--workflow",
                dir.resolve("wf_d.json").toString()).code());
        CliRun all = CliRun.withDb(db, "report", "--format", "json", "--section", "stage");
        assertEquals(0, all.code(), all.err());
        assertEquals(31, JSON.readTree(all.out()).get("records").asLong(), "every run's agents");

        CliRun one = CliRun.withDb(db, "report", "--run", "wf_a", "--format", "json", "--section", "stage");
        assertEquals(0, one.code(), one.err());
        JsonNode r = JSON.readTree(one.out());
        assertEquals(8, r.get("records").asLong(), "wf_a's 8 agents only");
        assertTrue(r.get("caveats").get(0).asString().contains("workflow run wf_a"), r.get("caveats").toString());
        // wf_a: Scope 1,000 + Search 8,000 + Verify 50,000 = 59,000 tokens, its own total.
        long tokens = 0;
        for (JsonNode row : r.get("tables").get("stage").get("rows")) {
            tokens += row.get("tokens").asLong();
        }
        assertEquals(59_000, tokens, r.get("tables").get("stage").toString());

        CliRun none = CliRun.withDb(db, "report", "--run", "wf_nope", "--format", "json", "--section", "stage");
        assertEquals(0, JSON.readTree(none.out()).get("records").asLong());

        CliRun insights = CliRun.withDb(db, "insights", "--run", "wf_c", "--json"); // the run's events are stamped with its file's time: now
        assertEquals(0, insights.code(), insights.err());
        JsonNode i = JSON.readTree(insights.out());
        assertEquals("wf_c", i.get("run").asString());
        // wf_c: 1,000 + 8,000 + 5 x 1,500 = 16,500 tokens.
        assertEquals(16_500, i.get("totals").get("tokens_total").asLong(), i.get("totals").toString());
    }
}
