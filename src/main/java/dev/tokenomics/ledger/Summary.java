package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scope's totals with breakdowns. {@code byModel} and {@code byAgent} are keyed by name
 * ("(none)" for events without one); {@code bySource} by agent source ({@link Sources}), Claude
 * Code's sidechain copies counted as claude-code; {@code byMachine} by the machine that recorded them. {@code sources} is the source filter asked for,
 * null for every source. {@code unpricedModels} names every model whose events have
 * no price, so the cost is known to be partial. {@code prunedBefore} is set when the window
 * reaches back before the last prune: the raw events before it are gone, so these sums cover
 * only what is left (task running totals and budgets keep the pruned events).
 */
public record Summary(
        Scope scope,
        String scopeId,
        Instant since,
        Instant until,
        Totals totals,
        Map<String, Totals> byModel,
        Map<String, Totals> byAgent,
        Map<String, Totals> bySource,
        Map<String, Totals> byMachine,
        List<String> unpricedModels,
        Instant prunedBefore,
        List<String> sources) {

    public static final String NONE = "(none)";

    /** True when any counted event marked its usage incomplete: the counts are a floor. */
    public boolean lowerBound() {
        return totals.lowerBoundEvents() > 0;
    }
}
