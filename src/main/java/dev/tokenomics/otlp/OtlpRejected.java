package dev.tokenomics.otlp;

/** An export that cannot be read at all (HTTP 400, nothing written); the message names what is wrong. */
public final class OtlpRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OtlpRejected(String message) {
        super(message);
    }
}
