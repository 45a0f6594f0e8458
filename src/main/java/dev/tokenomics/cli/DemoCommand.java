package dev.tokenomics.cli;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics demo}: records a small, realistic day of agent work through the same tools an
 * agent calls, then prints what it cost. Writes to ~/.tokenomics/demo.db (not your real ledger)
 * unless --db says otherwise; fixed record keys make a re-run replace, not double, and a status
 * change already in a task's history is not made again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Record a few sample events and task changes, then print the summary. "
                + "Uses ~/.tokenomics/demo.db unless --db is given; safe to run again (record keys make it idempotent).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Its own --db, not LedgerOptions': the demo never touches the real ledger, so neither
    // TOKENOMICS_DB nor ~/.tokenomics/ledger.db is its default, and its help must say so.
    @Option(names = "--db", paramLabel = "PATH",
            description = "Demo ledger file. Default: ~/.tokenomics/demo.db (~ is $HOME; TOKENOMICS_DB is not read).")
    Path db;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices, in LiteLLM's model_prices_and_context_window.json "
                    + "format. Default: env TOKENOMICS_PRICES, else only the bundled table.")
    Path prices;

    static Path demoDb(Map<String, String> env) {
        return Home.dir(env).resolve(".tokenomics").resolve("demo.db");
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path file = db != null ? db : demoDb(System.getenv());
        try (TokenLedger l = TokenLedger.open(file, LedgerOptions.priceTable(dev.tokenomics.ledger.LedgerLocation.sqlite(file), prices), EventDefaults.NONE)) {
            out.println("Demo ledger: " + l.file());
            List<Map<String, Object>> calls = List.of(
                    task("DEMO-T01", "in_progress", "Add token tracking", null),
                    event("demo-1", "DEMO-T01", "claude-sonnet-4-5-20250929", "plan", 18_400, 2_100, 9_000, 0, 40_000),
                    event("demo-2", "DEMO-T01", "claude-opus-4-5-20251101", "execute", 52_000, 11_800, 30_000, 12_000, 410_000),
                    task("DEMO-T01", "done", null, Map.of("tokens_in", 1_200, "tokens_out", 800,
                            "model", "claude-haiku-4-5-20251001", "record_key", "demo-3")),
                    task("DEMO-T02", "in_progress", "Fix flaky test", null),
                    event("demo-4", "DEMO-T02", "some-local-model", "execute", 9_000, 1_500, 0, 0, 0));
            for (Map<String, Object> call : calls) {
                String tool = (String) call.remove("_tool");
                if (tool.equals("update_task_status") && reached(l, (String) call.get("task_id"), (String) call.get("status"))) {
                    continue;
                }
                int code = ToolRunner.print(ToolRunner.call(l, tool, call), false, new java.io.PrintWriter(
                        java.io.OutputStream.nullOutputStream()), err);
                if (code != Exit.OK) {
                    return code;
                }
            }
            out.println();
            ToolRunner.print(ToolRunner.call(l, "get_token_summary", Map.of("scope", "workstream", "id", "DEMO")),
                    false, out, err);
            out.println();
            return ToolRunner.print(ToolRunner.call(l, "get_task", Map.of("task_id", "DEMO-T01")), false, out, err);
        }
    }

    /**
     * A re-run must not replay status changes: each one appends to the task's history (a second
     * run would move done back to in_progress and on to done again). Events need no such check,
     * their record keys replace them. A status the task already reached is skipped, so a run cut
     * short is completed by the next one.
     */
    private static boolean reached(TokenLedger l, String taskId, String status) {
        var task = l.tasks().getTask(taskId);
        return task != null && task.history().stream().anyMatch(c -> c.toStatus().equals(status));
    }

    private static Map<String, Object> task(String id, String status, String title, Map<String, Object> tokens) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_tool", "update_task_status");
        m.put("task_id", id);
        m.put("status", status);
        m.put("workstream", "DEMO");
        m.put("repo", "demo-repo");
        if (title != null) {
            m.put("title", title);
        }
        if (tokens != null) {
            m.putAll(tokens);
        }
        return m;
    }

    private static Map<String, Object> event(String key, String task, String model, String stage, long in, long out,
            long cacheWrite, long cacheWrite1h, long cacheRead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_tool", "record_token_event");
        m.put("record_key", key);
        m.put("task_id", task);
        m.put("model", model);
        m.put("stage", stage);
        m.put("agent", "demo-agent");
        m.put("input_tokens", in);
        m.put("output_tokens", out);
        m.put("cache_creation_tokens", cacheWrite);
        m.put("cache_creation_1h_tokens", cacheWrite1h);
        m.put("cache_read_tokens", cacheRead);
        return m;
    }
}
