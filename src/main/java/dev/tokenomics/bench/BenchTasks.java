package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import java.time.Instant;
import java.util.Random;

/** Status history for the benchmark: a sample of tasks moving to in_progress and, later, done. */
final class BenchTasks {
    private BenchTasks() {}

    static void record(TokenLedger ledger, BenchLedger gen) {
        SettableClock clock = new SettableClock(Instant.EPOCH);
        // Same file, a clock we move: status changes take their time from the ledger's clock.
        TokenLedger timed = ledger.withClock(clock);
        Random r = new Random(11);
        long n = Math.min(gen.tasks(), 500);
        for (long k = 0; k < n; k++) {
            long task = k * gen.tasks() / n;
            clock.now = gen.start.plusMillis(task * BenchLedger.EVENTS_PER_TASK * gen.spanMs / gen.events);
            timed.tasks().updateTaskStatus(new TaskUpdate("T" + task, "in_progress", null, null, null, null, null, null));
            clock.now = clock.now.plusMillis(5 * 60_000 + r.nextInt(240 * 60_000));
            timed.tasks().updateTaskStatus(new TaskUpdate("T" + task, "done", null, null, null, null, null, null));
        }
    }

}
