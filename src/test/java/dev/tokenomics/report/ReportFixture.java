package dev.tokenomics.report;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A hand-built ledger whose every report figure is worked out by hand in {@link TokenomicsReportTest}.
 * All priced events are claude-haiku-4-5: $1/M input, $5/M output, $1.25/M 5m cache write,
 * $2/M 1h cache write, $0.10/M cache read, no long-context tier, so costs are whole dollars.
 *
 * <pre>
 * key ts(UTC)          task lane ref     stage   structure role   tokens                     cost
 * e1  11-01 10:00-10:30 T1  B    pr 101  plan    spawn     -      in 5,000,000               $5
 * e2  11-01 10:10-10:40 T1  B    pr 101  execute spawn     red    out 1,000,000              $5
 * e3  11-01 10:20-11:00 T2  B    pr 102  execute spawn     green  out 2,000,000 + read 20M   $12
 * e4  11-02 09:00 point T3  D    pr 201  execute inline    single in 1,000,000               $1
 * e5  11-02 12:00       T4  D    pr 202  execute inline    -      5m 800,000 + 1h 1,000,000  $3
 * e6  11-03 08:00       T5  D    -       review  batch     -      in 700,000 mystery-model   unpriced
 * e7  11-03 09:00       T1  B    pr 101  execute spawn     -      in 1,000 LOWER BOUND       ($0.001)
 * e8  11-03 10:00       T2  B    pr 102  execute spawn     -      0 tokens, status error     $0
 * refs: pr 101 = 80+20 LOC, pr 102 = 150+50, pr 201 = 10+0, pr 202 = 40+10
 * status: T1 in_progress 11-01 09:00, done 11-01 11:00 (120 min); T2 in_progress 11-01 10:00, done 10:30 (30 min)
 * </pre>
 */
public final class ReportFixture {
    static final String HAIKU = "claude-haiku-4-5";

    private ReportFixture() {}

    public static TokenLedger open(Path dir, SettableClock clock) {
        return dev.tokenomics.ledger.TestLedgers.ledger(dir, PriceTable.bundled(), clock, EventDefaults.NONE);
    }

    static Instant t(String s) {
        return Instant.parse("2026-" + s + ":00Z");
    }

    static EventInput event(String key, String ts, String start, String end, String task, String lane, String refId,
            String stage, String structure, String role, String model, Usage usage, boolean complete, String status) {
        Instant from = start == null ? null : t(start);
        Instant to = end == null ? null : t(end);
        Long duration = from != null && to != null && to.isAfter(from) ? to.toEpochMilli() - from.toEpochMilli() : null;
        return new EventInput(key, t(ts), from, to, duration, null, task, "ws", "repo-a", null, model, stage, role,
                structure, lane, refId == null ? null : "pr", refId, usage, null, complete, null, status, null);
    }

    public static TokenLedger build(Path dir) {
        SettableClock clock = new SettableClock(t("11-01T09:00"));
        TokenLedger ledger = open(dir, clock);
        ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "in_progress", null, "first", "ws", "repo-a", null, null));
        clock.now = t("11-01T10:00");
        ledger.tasks().updateTaskStatus(new TaskUpdate("T2", "in_progress", null, "second", "ws", "repo-a", null, null));
        clock.now = t("11-01T10:30");
        ledger.tasks().updateTaskStatus(new TaskUpdate("T2", "done", null, null, null, null, null, null));
        clock.now = t("11-01T11:00");
        ledger.tasks().updateTaskStatus(new TaskUpdate("T1", "done", null, null, null, null, null, null));
        clock.now = t("11-22T10:00");

        ledger.events().recordAll(java.util.List.of(
                event("e1", "11-01T10:00", "11-01T10:00", "11-01T10:30", "T1", "B", "101", "plan", "spawn", null,
                        HAIKU, new Usage(5_000_000, 0, 0, 0, 0), true, null),
                event("e2", "11-01T10:10", "11-01T10:10", "11-01T10:40", "T1", "B", "101", "execute", "spawn", "red",
                        HAIKU, new Usage(0, 1_000_000, 0, 0, 0), true, null),
                event("e3", "11-01T10:20", "11-01T10:20", "11-01T11:00", "T2", "B", "102", "execute", "spawn", "green",
                        HAIKU, new Usage(0, 2_000_000, 0, 0, 20_000_000), true, null),
                event("e4", "11-02T09:00", "11-02T09:00", "11-02T09:00", "T3", "D", "201", "execute", "inline",
                        "single", HAIKU, new Usage(1_000_000, 0, 0, 0, 0), true, null),
                event("e5", "11-02T12:00", null, null, "T4", "D", "202", "execute", "inline", null,
                        HAIKU, new Usage(0, 0, 800_000, 1_000_000, 0), true, null),
                event("e6", "11-03T08:00", null, null, "T5", "D", null, "review", "batch", null,
                        "mystery-model", new Usage(700_000, 0, 0, 0, 0), true, null),
                event("e7", "11-03T09:00", null, null, "T1", "B", "101", "execute", "spawn", null,
                        HAIKU, new Usage(1_000, 0, 0, 0, 0), false, null),
                event("e8", "11-03T10:00", null, null, "T2", "B", "102", "execute", "spawn", null,
                        HAIKU, new Usage(0, 0, 0, 0, 0), true, "error")));
        ledger.tasks().recordRef(new Ref("pr", "101", "repo-a", "first pr", 80, 20, t("11-01T12:00"), "manual"));
        ledger.tasks().recordRef(new Ref("pr", "102", "repo-a", "second pr", 150, 50, t("11-01T13:00"), "manual"));
        ledger.tasks().recordRef(new Ref("pr", "201", "repo-a", "third pr", 10, 0, t("11-02T10:00"), "manual"));
        ledger.tasks().recordRef(new Ref("pr", "202", "repo-a", "fourth pr", 40, 10, t("11-02T13:00"), "manual"));
        return ledger;
    }
}
