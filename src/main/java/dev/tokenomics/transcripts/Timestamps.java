package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.Times;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a transcript's timestamp. Claude Code writes {@code 2026-11-20T10:15:30.123Z}; that shape
 * is read by hand (Instant.parse builds a formatter's state per call, a tenth of an import's
 * parsing), and anything else goes to {@link Instant#parse}, so the times accepted and their
 * values are exactly Instant.parse's.
 */
final class Timestamps {
    private Timestamps() {}

    static Instant parse(String text) {
        Instant fast = fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp must be an ISO-8601 time, got '" + text + "'");
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and a time below 24:00, else null. */
    static Instant fast(String t) {
        return Times.parseUtcFast(t);
    }
}
