package dev.tokenomics.ledger;

import java.time.Instant;

/**
 * A budget as the ledger stores it: plain values, checked by the budget package before they get here.
 *
 * @param scope global, repo, workstream, task, agent, model or session
 * @param scopeId null exactly when scope is global
 * @param limitNanos the USD limit in nano-dollars, or null
 * @param thresholds the four percents, "50,75,90,100"
 */
public record BudgetRow(
        String name,
        String scope,
        String scopeId,
        String period,
        String timezone,
        Long limitNanos,
        Long limitTokens,
        String thresholds,
        Instant createdAt,
        Instant updatedAt) {}
