package dev.tokenomics.mcp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tool calls under way, so a stdio server whose client closed stdin right after sending
 * requests answers every one of them before it closes the ledger. A client may pipeline: write
 * many requests, then close its end, and still read the answers.
 */
public final class InFlight {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastChangeNanos = new AtomicLong(System.nanoTime());

    void enter() {
        running.incrementAndGet();
        lastChangeNanos.set(System.nanoTime());
    }

    void exit() {
        running.decrementAndGet();
        lastChangeNanos.set(System.nanoTime());
    }

    /**
     * Waits until no call has run or started for {@code quietMs} (requests already read but not yet
     * dispatched start within that time, and answers get written), or {@code maxMs} passes.
     */
    public void awaitQuiet(long quietMs, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + maxMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            long idleMs = (System.nanoTime() - lastChangeNanos.get()) / 1_000_000;
            if (running.get() == 0 && idleMs >= quietMs) {
                return;
            }
            Thread.sleep(Math.max(5, Math.min(50, quietMs - idleMs)));
        }
    }
}
