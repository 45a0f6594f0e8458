package dev.tokenomics.transcripts;

import java.util.List;

/**
 * What an import did. {@code malformedSamples} holds up to {@link #MAX_SAMPLES} {@code file:line:
 * reason} entries; {@code malformed} counts them all.
 */
public record ImportSummary(List<String> dirs, long filesSeen, long filesRead, long filesUnchanged,
        long filesRestarted, long bytesRead, long lines, long added, long replaced, long duplicates, long synthetic,
        long malformed, List<String> malformedSamples, long elapsedMs) {
    public static final int MAX_SAMPLES = 20;
}
