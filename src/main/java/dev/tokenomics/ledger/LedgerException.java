package dev.tokenomics.ledger;

/** A ledger operation failed for a reason that is not the caller's input: I/O, locking, corruption. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
