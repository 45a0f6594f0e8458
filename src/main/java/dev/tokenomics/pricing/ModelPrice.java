package dev.tokenomics.pricing;

/**
 * A model's prices. When {@code longContextThresholdTokens} is above zero and a request's prompt
 * exceeds it, the whole request is billed at {@code longContext} rates.
 */
public record ModelPrice(String model, Rates base, long longContextThresholdTokens, Rates longContext) {
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
    }
}
