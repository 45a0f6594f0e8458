package dev.tokenomics.transcripts;

import java.util.List;

/**
 * What an import did. Each {@code ...Samples} list holds up to {@link #MAX_SAMPLES} entries naming a
 * file (and line) and the reason; the count beside it counts them all. {@code malformed}: lines
 * that are not a valid transcript line. {@code pendingLines}: files whose last line has no newline
 * and is not complete JSON yet (left for the next run). {@code unreadable}: files and folders that
 * could not be read (permission, a dangling link, deleted while importing); the rest was imported.
 * {@code linksSkipped}: folder links back to a folder already being walked, and second paths to a
 * file already read.
 */
public record ImportSummary(List<String> dirs, long filesSeen, long filesRead, long filesUnchanged,
        long filesRestarted, long bytesRead, long lines, long added, long replaced, long duplicates, long synthetic,
        long malformed, List<String> malformedSamples, long pendingLines, List<String> pendingSamples,
        long unreadable, List<String> unreadableSamples, long linksSkipped, List<String> linksSkippedSamples,
        long elapsedMs) {
    public static final int MAX_SAMPLES = 20;
}
