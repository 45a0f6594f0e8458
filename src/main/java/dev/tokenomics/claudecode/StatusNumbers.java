package dev.tokenomics.claudecode;

import dev.tokenomics.budget.Level;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the line shows, before it is written: this session's and today's cost as the ledger has them
 * (events, unpriced events, nanos, so "--" and "≥" follow the one cost rule), Claude Code's own
 * reading of the session cost, the 5-hour block, and the worst level of the budgets that apply
 * (null when none does).
 */
record StatusNumbers(
        String model,
        Spend session,
        BigDecimal claudeSessionUsd,
        Spend today,
        Block block,
        Double contextUsedPercent,
        Level worstBudget) {

    /** A cost over events that may lack a price. */
    record Spend(long events, long unpricedEvents, long nanos) {}

    /**
     * The 5-hour window: from Claude Code's {@code rate_limits} (a percentage of the plan, authoritative
     * on a subscription) when it sent one, else the ledger's active block (its cost; null when idle).
     */
    record Block(Double usedPercent, Spend spend, Instant endsAt) {}
}
