package dev.tokenomics.transcripts;

import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one transcript line says, once read: an API response's usage ({@link Kind#RESPONSE}), Claude
 * Code's {@code <synthetic>} placeholder, another kind of line (user turns, summaries), or a
 * malformed line with the reason.
 */
record TranscriptLine(Kind kind, String reason, String messageId, String requestId, String sessionId, Instant ts,
        String cwd, String gitBranch, String version, boolean sidechain, boolean apiError, BigDecimal costUsd,
        String model, Usage usage, String speed) {

    enum Kind { RESPONSE, SYNTHETIC, OTHER, MALFORMED }

    static final TranscriptLine OTHER = new TranscriptLine(Kind.OTHER, null, null, null, null, null, null, null, null,
            false, false, null, null, null, null);
    static final TranscriptLine SYNTHETIC = new TranscriptLine(Kind.SYNTHETIC, null, null, null, null, null, null,
            null, null, false, false, null, null, null, null);

    static TranscriptLine malformed(String reason) {
        return new TranscriptLine(Kind.MALFORMED, reason, null, null, null, null, null, null, null, false, false, null,
                null, null, null);
    }
}
