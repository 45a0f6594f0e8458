package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A limit on what one scope may spend per period: USD, tokens, or both (each checked on its own;
 * the budget's level is the higher of the two).
 */
public record Budget(
        String name,
        BudgetScope scope,
        String scopeId,
        Period period,
        ZoneId timezone,
        BigDecimal limitUsd,
        Long limitTokens,
        Thresholds thresholds) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ID_LENGTH = 256;
    /** A limit this high is a typo, not a budget; it also keeps nano-dollars inside a long. */
    public static final BigDecimal MAX_LIMIT_USD = new BigDecimal("1000000000");

    public Budget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters, got "
                    + name.length());
        }
        if (scope == null) {
            throw new IllegalArgumentException("scope is required: one of " + BudgetScope.NAMES);
        }
        if (scope == BudgetScope.GLOBAL) {
            if (scopeId != null && !scopeId.isBlank()) {
                throw new IllegalArgumentException("scope_id must be absent for scope global, got " + Texts.quote(scopeId));
            }
            scopeId = null;
        } else {
            if (scopeId == null || scopeId.isBlank()) {
                throw new IllegalArgumentException("scope_id is required for scope " + scope.wireName()
                        + " (the " + scope.wireName() + " whose spending the budget limits)");
            }
            scopeId = scopeId.strip();
            if (scopeId.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException("scope_id must be at most " + MAX_ID_LENGTH + " characters, got "
                        + scopeId.length());
            }
        }
        if (period == null) {
            throw new IllegalArgumentException("period is required: one of " + Period.NAMES);
        }
        if (timezone == null) {
            timezone = ZoneId.of("UTC");
        }
        if (limitUsd == null && limitTokens == null) {
            throw new IllegalArgumentException("give limit_usd or limit_tokens (or both)");
        }
        if (limitUsd != null) {
            if (limitUsd.signum() <= 0) {
                throw new IllegalArgumentException("limit_usd must be > 0, got " + limitUsd.toPlainString());
            }
            if (limitUsd.compareTo(MAX_LIMIT_USD) > 0) {
                throw new IllegalArgumentException("limit_usd must be at most " + MAX_LIMIT_USD.toPlainString()
                        + ", got " + limitUsd.toPlainString());
            }
            if (limitUsd.stripTrailingZeros().scale() > 9) {
                throw new IllegalArgumentException("limit_usd must have at most 9 decimal places, got "
                        + limitUsd.toPlainString());
            }
        }
        if (limitTokens != null && limitTokens <= 0) {
            throw new IllegalArgumentException("limit_tokens must be > 0, got " + limitTokens);
        }
        if (thresholds == null) {
            thresholds = Thresholds.DEFAULT;
        }
    }

    /** Parses an IANA zone name (Europe/Paris, America/Los_Angeles, UTC); null or blank means UTC. */
    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone must be an IANA zone such as Europe/Paris, "
                    + "America/Los_Angeles or UTC; got " + Texts.quote(text));
        }
    }

    /** USD limit in nano-dollars, or null. */
    public Long limitNanos() {
        return limitUsd == null ? null : limitUsd.movePointRight(9).longValueExact();
    }

    /** "repo tokenomics", "everything" for global. */
    public String scopeText() {
        return scope == BudgetScope.GLOBAL ? "everything" : scope.wireName() + " " + scopeId;
    }
}
