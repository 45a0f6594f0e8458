package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.pricing.Usage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A realistic generated ledger for the report benchmark, from a fixed seed: tasks of about forty
 * events each, moving through stages, in four lanes of different size and cost; several models
 * (some unpriced, some events without one); spawn events with intervals and inline point-in-time
 * ones; a few lower bounds and errors; one PR per task, most with a known size.
 */
final class BenchLedger {
    static final String[] STAGES = {"classify", "plan", "plan-eval", "execute", "execute", "execute", "pr-eval"};
    static final String[] LANES = {"A", "B", "C", "D"};
    static final String[] MODELS = {"claude-opus-4-5", "claude-opus-4-5", "claude-opus-4-5", "claude-opus-4-5",
            "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5",
            "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5",
            "claude-sonnet-4-5", "claude-haiku-4-5", "claude-haiku-4-5", "claude-haiku-4-5", null, "local-llama-3"};
    static final int EVENTS_PER_TASK = 40;

    final long events;
    final int days;
    final LocalDate first;
    final Instant start;
    final long spanMs;

    BenchLedger(long events, int days, LocalDate last) {
        this.events = events;
        this.days = days;
        this.first = last.minusDays(days - 1L);
        this.start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.spanMs = days * 86_400_000L;
    }

    long tasks() {
        return (events + EVENTS_PER_TASK - 1) / EVENTS_PER_TASK;
    }

    Iterable<EventInput> events() {
        return () -> new Iterator<>() {
            final Random r = new Random(42);
            long i;

            @Override
            public boolean hasNext() {
                return i < events;
            }

            @Override
            public EventInput next() {
                if (i >= events) {
                    throw new NoSuchElementException();
                }
                return event(r, i++);
            }
        };
    }

    private EventInput event(Random r, long i) {
        long task = i / EVENTS_PER_TASK;
        String lane = LANES[(int) (task % LANES.length)];
        // Events spread evenly over the days in order; a task's events sit close together.
        Instant ts = start.plusMillis(i * spanMs / events + r.nextInt(60_000));
        String stage = STAGES[(int) ((i % EVENTS_PER_TASK) * STAGES.length / EVENTS_PER_TASK)];
        boolean spawn = r.nextInt(10) < 4;
        long duration = spawn ? 60_000 + r.nextInt(30 * 60_000) : 5_000 + r.nextInt(10 * 60_000);
        String model = MODELS[r.nextInt(MODELS.length)];
        String role = lane.equals("B") && stage.equals("execute") ? (r.nextBoolean() ? "red" : "green")
                : r.nextInt(4) == 0 ? null : "single";
        double scale = lane.equals("B") ? 1.6 : lane.equals("D") ? 0.6 : 1.0;
        Usage u = new Usage((long) (scale * (500 + r.nextInt(20_000))), (long) (scale * (200 + r.nextInt(8_000))),
                r.nextInt(30_000), r.nextInt(4) == 0 ? r.nextInt(5_000) : 0, (long) (scale * (10_000 + r.nextInt(400_000))));
        return new EventInput("bench:" + i, ts, spawn ? ts.minusMillis(duration) : ts, ts, duration,
                "session-" + (task / 3), "T" + task, "WS" + (task % 7), "bench-repo", "agent-" + r.nextInt(5), model,
                stage, role, spawn ? "spawn" : "inline", lane, "pr", Long.toString(task), u, null,
                r.nextInt(100) >= 3, "bench", r.nextInt(50) == 0 ? "error" : "ok", null);
    }

    /** One PR per task; nine in ten have a known size, larger in the ceremony lanes. */
    List<Ref> refs() {
        Random r = new Random(7);
        List<Ref> out = new ArrayList<>();
        for (long t = 0; t < tasks(); t++) {
            if (r.nextInt(10) == 0) {
                continue;
            }
            String lane = LANES[(int) (t % LANES.length)];
            long size = lane.equals("B") ? 200 + r.nextInt(1_500) : lane.equals("D") ? 5 + r.nextInt(150) : 30 + r.nextInt(600);
            Instant merged = start.plusMillis(Math.min(spanMs - 1, (t + 1) * EVENTS_PER_TASK * spanMs / events));
            out.add(new Ref("pr", Long.toString(t), "bench-repo", "Task T" + t, size * 3 / 4, size / 4, merged, "bench"));
        }
        return out;
    }
}
