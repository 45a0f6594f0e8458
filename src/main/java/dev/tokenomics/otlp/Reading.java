package dev.tokenomics.otlp;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.OtlpBatch;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What reading one export found: the usage for the ledger, and what was rejected, with the first reason. */
final class Reading {
    private final List<OtlpBatch.Request> requests = new ArrayList<>();
    private final List<OtlpBatch.MetricPoint> points = new ArrayList<>();
    private long rejected;
    private String firstReason;

    void add(OtlpBatch.Request r) {
        requests.add(r);
    }

    void add(OtlpBatch.MetricPoint p) {
        points.add(p);
    }

    void reject(String what, String reason) {
        rejected++;
        if (firstReason == null) {
            firstReason = what + ": " + reason;
        }
    }

    long rejected() {
        return rejected;
    }

    /** The partial_success message: how many were rejected and why the first was; null when none was. */
    String message(OtlpSignal signal) {
        return rejected == 0 ? null : "rejected " + rejected + " " + signal.items() + "; the first, " + firstReason;
    }

    OtlpBatch batch() {
        return new OtlpBatch(requests, points);
    }

    boolean empty() {
        return requests.isEmpty() && points.isEmpty();
    }

    /** An OTLP event with what every signal fills the same way: source otlp, and the host as its machine. */
    static EventInput event(String key, Instant ts, Instant tsStart, Instant tsEnd, Long durationMs,
            String sessionId, String agent, String model, Usage usage, BigDecimal costUsd, String status,
            String host, String speed) {
        // The host (resource attribute host.name) is the event's machine, and stays in the note, where
        // list_token_events shows it.
        return new EventInput(key, ts, tsStart, tsEnd, durationMs, sessionId, null, null, null, agent, model,
                null, null, null, null, null, null, usage, costUsd, true, Sources.OTLP, status,
                host == null ? null : "host " + host, speed, host);
    }

    /** Nanoseconds since the epoch as an instant; null for 0 (OTLP's "unset"). */
    static Instant instant(long unixNanos) {
        return unixNanos <= 0 ? null : Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
    }

    /** 128 bits of SHA-256 as hex: the same for the same bytes, short enough for a record key. */
    static String digest(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
