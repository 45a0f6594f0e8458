package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Tasks and refs: status changes (with their tokens, in one transaction), a task's view, commits and releases. Each public method is one transaction or one consistent read. */
public final class LedgerTasks {
    private final TokenLedger ledger;
    private final Database db;
    private final PriceTable prices;
    private final Clock clock;
    private final EventDefaults defaults;

    LedgerTasks(TokenLedger ledger) {
        this.ledger = ledger;
        this.db = ledger.database();
        this.prices = ledger.prices();
        this.clock = ledger.clock();
        this.defaults = ledger.defaults();
    }

    /**
     * Creates the task if new, records the status change and, when token counts came with it, the
     * token event: all in one transaction.
     */
    public TaskUpdateResult updateTaskStatus(TaskUpdate update) {
        return ledger.write("update task status", c -> {
            Instant now = clock.instant();
            String nowText = Times.format(now);
            var existing = TaskStore.find(c, update.taskId());
            if (existing.isPresent()) {
                TaskStore.update(c, update, nowText);
            } else {
                TaskStore.insert(c, update, nowText);
            }
            RecordedEvent recorded = null;
            if (update.event() != null) {
                EventInput e = update.event().withTaskId(update.taskId());
                try (EventStore.Writer w = new EventStore.Writer(c, prices, defaults, now)) {
                    RecordedEvent r = w.write(e);
                    w.flush();
                        recorded = LedgerEvents.withTotals(c, r);
                }
            }
            String from = existing.map(Task::status).orElse(null);
            String session = update.sessionId() != null ? update.sessionId()
                    : recorded != null ? recorded.event().sessionId() : defaults.sessionId();
            // A backdated change (rebuilding past work) is filed at its own time; the task row says when
            // the ledger heard of it.
            Instant at = update.at() != null ? update.at() : now;
            long changeId = TaskStore.addHistory(c, update.taskId(), from, update.status(), update.note(), session,
                    recorded == null ? null : recorded.id(), Times.format(at));
            Task task = TaskStore.find(c, update.taskId()).orElseThrow();
            StatusChange change = new StatusChange(changeId, update.taskId(), from, update.status(), update.note(),
                    session, recorded == null ? null : recorded.id(), at);
            return new TaskUpdateResult(task, existing.isEmpty(), change, recorded);
        });
    }

    /** The task, its history and its token summary; null when neither the task nor any event of it exists. */
    public TaskView getTask(String taskId) {
        String id = EventInput.text("task_id", taskId, EventInput.MAX_ID_LENGTH);
        if (id == null) {
            throw new IllegalArgumentException("task_id is required");
        }
        ledger.reprice();
        return db.read("get task", c -> {
            Task task = TaskStore.find(c, id).orElse(null);
            Summary summary = LedgerEvents.summarize(c, Scope.TASK, id, Scope.TASK.filter(id));
            if (task == null && summary.totals().events() == 0) {
                return null;
            }
            List<StatusChange> history = TaskStore.history(c, id);
            return new TaskView(id, task, history, summary, MeasuredUsage.of(c, task, history, clock.instant()));
        });
    }

    /** Records a ref (upsert by ref_type and ref_id: last write wins). */
    public RefRecorded recordRef(Ref ref) {
        return db.write("record ref " + ref.key(), c -> {
            try (RefStore.Writer w = new RefStore.Writer(c, Times.format(clock.instant()))) {
                boolean replaced = w.write(ref);
                return new RefRecorded(ref, replaced, RefStore.eventCount(c, ref.key()));
            }
        });
    }

    /** Records every ref or none; returns how many replaced an existing one. */
    public int recordRefs(List<Ref> refs) {
        if (refs.isEmpty()) {
            return 0;
        }
        return db.write("record " + refs.size() + " refs", c -> {
            int replaced = 0;
            try (RefStore.Writer w = new RefStore.Writer(c, Times.format(clock.instant()))) {
                for (Ref r : refs) {
                    replaced += w.write(r) ? 1 : 0;
                }
            }
            return replaced;
        });
    }

    public Map<Ref.Key, Ref> refs() {
        return db.read("list refs", RefStore::all);
    }
}
