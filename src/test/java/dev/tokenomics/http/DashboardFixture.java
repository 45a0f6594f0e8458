package dev.tokenomics.http;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Two repos whose order is known: big-repo has 3,000,000 tokens, small-repo 600,000; task
 * T-EXPENSIVE ($15 of haiku output) costs the most, T-CHEAP ($0.60) the least.
 */
final class DashboardFixture {
    private DashboardFixture() {}

    static TokenLedger build(Path dir) {
        TokenLedger ledger = LedgerTestSupport.open(dir);
        ledger.tasks().updateTaskStatus(new TaskUpdate("T-EXPENSIVE", "in_progress", null, "big work", "ws-a", "big-repo", null,
                null));
        ledger.tasks().updateTaskStatus(new TaskUpdate("T-CHEAP", "done", null, "small work", "ws-b", "small-repo", null, null));
        Instant day = Instant.parse("2026-11-20T12:00:00Z");
        ledger.events().recordAll(List.of(
                event("e1", day, "T-EXPENSIVE", "ws-a", "big-repo", new Usage(0, 3_000_000, 0, 0, 0)),
                event("e2", day.plusSeconds(86_400), "T-CHEAP", "ws-b", "small-repo", new Usage(600_000, 0, 0, 0, 0))));
        return ledger;
    }

    private static EventInput event(String key, Instant ts, String task, String ws, String repo, Usage usage) {
        return new EventInput(key, ts, null, null, null, null, task, ws, repo, null, "claude-haiku-4-5", null, null,
                null, null, null, null, usage, null, true, null, null, null);
    }
}
