package dev.tokenomics.ledger;

/**
 * What an event gets when neither the caller nor its task says: the session a stdio server serves
 * and that session's repo. Applied after the task's workstream and repo, so the more specific
 * answer wins: caller, then task, then session. {@code machine} (null: this machine, {@link Machines})
 * is stamped on every event the ledger's writer records.
 */
public record EventDefaults(String sessionId, String repo, String machine) {
    /** No session or repo; the machine is this one's. */
    public static final EventDefaults NONE = new EventDefaults(null, null, null);

    /** A session and repo, on this machine ({@link Machines#local()}). */
    public EventDefaults(String sessionId, String repo) {
        this(sessionId, repo, null);
    }

    /** The machine events are stamped with: the one given, else this one's. */
    String machineOrLocal() {
        return machine != null ? machine : Machines.local();
    }

    EventInput apply(EventInput e) {
        if ((sessionId == null || e.sessionId() != null) && (repo == null || e.repo() != null)) {
            return e;
        }
        return e.withSessionAndRepo(sessionId, repo);
    }
}
