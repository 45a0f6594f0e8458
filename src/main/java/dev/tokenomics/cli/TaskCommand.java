package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenomics task update|show}: the twins of update_task_status and get_task. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Task status and cost.",
        subcommands = {TaskCommand.Update.class, TaskCommand.Show.class})
final class TaskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Set a task's status, creating it if new, and record its tokens in the same "
                    + "transaction (update_task_status). --ts dates the change too (and its event), to rebuild "
                    + "the status history of past work.",
                    "Example: tokenomics task update T01 done --tokens-in 1200 --tokens-out 800 --model claude-sonnet-4-5"})
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Mixin
        EventOptions event;

        @Parameters(index = "0", paramLabel = "TASK_ID", description = "The task id.")
        String taskId;

        @Parameters(index = "1", paramLabel = "STATUS", description = "todo, in_progress, blocked, done or cancelled.")
        String status;

        @Option(names = "--note", description = "Why the status changed.")
        String note;

        @Option(names = "--title", description = "Task title.")
        String title;

        @Option(names = "--workstream", description = "Task workstream.")
        String workstream;

        @Option(names = "--repo", description = "Task repo.")
        String repo;

        @Option(names = "--event-status", description = "Status of the token event: ok or error.")
        String eventStatus;

        @Option(names = "--event-note", description = "Note for the token event.")
        String eventNote;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> args = new LinkedHashMap<>(event.toArgs());
            args.put("task_id", taskId);
            args.put("status", status);
            EventOptions.put(args, "note", note);
            EventOptions.put(args, "title", title);
            EventOptions.put(args, "workstream", workstream);
            EventOptions.put(args, "repo", repo);
            EventOptions.put(args, "event_status", eventStatus);
            EventOptions.put(args, "event_note", eventNote);
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "update_task_status", args), json,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A task with its status history and token summary (get_task).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LedgerOptions ledger;

        @Parameters(index = "0", paramLabel = "TASK_ID", description = "The task id.")
        String taskId;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (TokenLedger l = ledger.open()) {
                return ToolRunner.print(ToolRunner.call(l, "get_task", Map.of("task_id", taskId)), json,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }
}
