package dev.tokenomics.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A model's prices. When {@code longContextThresholdTokens} is above zero and a request's prompt
 * exceeds it, the whole request is billed at {@code longContext} rates. {@code fastMultiplier} is
 * the fast-mode factor on every rate (LiteLLM's {@code provider_specific_entry.fast}), null when the
 * model has no known fast-mode price.
 */
public record ModelPrice(String model, Rates base, long longContextThresholdTokens, Rates longContext,
        BigDecimal fastMultiplier) {
    public ModelPrice {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        if (base == null) {
            throw new IllegalArgumentException("base rates are required for " + model);
        }
        if (longContextThresholdTokens < 0) {
            throw new IllegalArgumentException("long-context threshold must be >= 0 for " + model
                    + ", got " + longContextThresholdTokens);
        }
        if (longContextThresholdTokens > 0 && longContext == null) {
            throw new IllegalArgumentException("long-context rates are required with a threshold for " + model);
        }
        if (fastMultiplier != null && fastMultiplier.signum() <= 0) {
            throw new IllegalArgumentException("fast multiplier must be > 0 for " + model + ", got "
                    + fastMultiplier.toPlainString());
        }
    }

    /** A model without a fast-mode price. */
    public ModelPrice(String model, Rates base, long longContextThresholdTokens, Rates longContext) {
        this(model, base, longContextThresholdTokens, longContext, null);
    }

    /**
     * The fast-mode price: every rate, cache and long-context ones included, times the multiplier.
     * LiteLLM gives one factor per model ({@code provider_specific_entry.fast}); Anthropic prices
     * fast mode as a multiple of the standard rates, so our rule applies it to all of them. Empty
     * when the model has no multiplier: such an event is unpriced, never priced at standard rates.
     */
    public Optional<ModelPrice> fast() {
        if (fastMultiplier == null) {
            return Optional.empty();
        }
        return Optional.of(new ModelPrice(model, base.times(fastMultiplier), longContextThresholdTokens,
                longContext == null ? null : longContext.times(fastMultiplier), null));
    }

    /**
     * The rates that decide a cost, as text: equal texts price every usage alike, so a ledger that
     * stored this beside its costs knows which models a new table reprices.
     */
    public String ratesKey() {
        StringBuilder out = new StringBuilder();
        base.appendTo(out);
        out.append('|').append(longContextThresholdTokens);
        if (longContext != null) {
            out.append('|');
            longContext.appendTo(out);
        }
        return out.toString();
    }
}
