package dev.tokenomics.budget;

import dev.tokenomics.ledger.Scope;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whose spending a budget limits: everything (global), or one repo, workstream, task, agent, model or session. */
public enum BudgetScope {
    GLOBAL(Scope.ALL), REPO(Scope.REPO), WORKSTREAM(Scope.WORKSTREAM), TASK(Scope.TASK), AGENT(Scope.AGENT),
    MODEL(Scope.MODEL), SESSION(Scope.SESSION);

    public static final String NAMES = Arrays.stream(values()).map(BudgetScope::wireName)
            .collect(Collectors.joining(", "));

    private final Scope ledgerScope;

    BudgetScope(Scope ledgerScope) {
        this.ledgerScope = ledgerScope;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ledger scope whose events this budget adds up. */
    public Scope ledgerScope() {
        return ledgerScope;
    }

    public static BudgetScope parse(String text) {
        for (BudgetScope s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope must be one of " + NAMES + "; got " + Texts.quote(text));
    }
}
