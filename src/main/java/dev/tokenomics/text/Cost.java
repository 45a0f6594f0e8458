package dev.tokenomics.text;

import dev.tokenomics.ledger.Money;
import java.math.BigDecimal;

/**
 * One rule for a cost over events that may lack a price (tools.md, Conventions, "Unpriced is not
 * free"): when every counted event is unpriced there is no cost, so JSON says null and text says
 * "--", never $0; when some are, the priced part is a lower bound, marked "≥" in text and
 * {@code cost_complete: false} in JSON; no events at all spent nothing, $0.00.
 */
public final class Cost {
    /** The lower-bound marker text puts before a partly priced sum. */
    public static final String AT_LEAST = "\u2265 ";
    /** What text shows for a cost that does not exist (every event unpriced). */
    public static final String NONE = "--";

    private Cost() {}

    /** True when events were counted and none had a price. */
    public static boolean allUnpriced(long events, long unpricedEvents) {
        return events > 0 && unpricedEvents >= events;
    }

    /** The cost in USD, or null when every counted event is unpriced. */
    public static BigDecimal usd(long events, long unpricedEvents, long nanos) {
        return allUnpriced(events, unpricedEvents) ? null : Money.usd(nanos);
    }

    /** "--" (all unpriced), "≥ $1.21" (some unpriced) or "$1.21". */
    public static String text(long events, long unpricedEvents, long nanos) {
        if (allUnpriced(events, unpricedEvents)) {
            return NONE;
        }
        return (unpricedEvents > 0 ? AT_LEAST : "") + Money.display(nanos);
    }

    /**
     * The tokens of the unpriced events, known exactly when a group is wholly priced (0) or wholly
     * unpriced (all its tokens); null when only part of it is, since the ledger's sums do not split
     * a group's tokens by priced and unpriced.
     */
    public static Long unpricedTokens(long events, long unpricedEvents, long tokens) {
        if (unpricedEvents == 0) {
            return 0L;
        }
        return allUnpriced(events, unpricedEvents) ? tokens : null;
    }
}
