package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate process writing to a shared ledger, as a Claude Code session's server would: its own
 * pool, several threads, one short transaction per event (some via update_task_status).
 * Args: ledger path or PostgreSQL URL, process name, threads, events per thread. Exit code: the number of failures.
 */
public final class WriterProcess {
    public static void main(String[] args) throws Exception {
        LedgerLocation db = LedgerLocation.parse(args[0]);
        String name = args[1];
        int threads = Integer.parseInt(args[2]);
        int perThread = Integer.parseInt(args[3]);
        AtomicInteger failures = new AtomicInteger();
        try (TokenLedger ledger = new TokenLedger(Database.open(db), PriceTable.bundled(), Clock.systemUTC(),
                EventDefaults.NONE)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = name + "-" + thread + "-" + i;
                        try {
                            EventInput e = new EventInput(key, Instant.now(), null, null, null, name, "T-" + name + "-" + thread,
                                    "WS-shared", null, null, "claude-haiku-4-5", null, null, null, null, null, null,
                                    new Usage(100, 10, 0, 0, 0), null, true, null, null, null);
                            if (i % 10 == 0) {
                                ledger.tasks().updateTaskStatus(new TaskUpdate("T-" + name + "-" + thread, "in_progress",
                                        null, null, null, null, null, e));
                            } else {
                                ledger.events().record(e);
                            }
                        } catch (RuntimeException ex) {
                            System.err.println(key + ": " + ex);
                            failures.incrementAndGet();
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        System.exit(failures.get());
    }
}
