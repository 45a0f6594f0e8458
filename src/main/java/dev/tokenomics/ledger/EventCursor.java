package dev.tokenomics.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of events ended: the next page starts after (ts, id) in newest-first order. */
public record EventCursor(Instant ts, long id) {

    public String encode() {
        String raw = Times.format(ts) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static EventCursor decode(String field, String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new EventCursor(Instant.parse(raw.substring(0, bar)), Long.parseLong(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " is not a cursor this server returned, got " + Times.quote(text));
        }
    }
}
