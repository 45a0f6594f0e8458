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

    /** Two sources' summaries added up: counts summed, samples joined (still at most MAX_SAMPLES each). */
    public ImportSummary plus(ImportSummary o) {
        return new ImportSummary(join(dirs, o.dirs, Integer.MAX_VALUE), filesSeen + o.filesSeen, filesRead + o.filesRead,
                filesUnchanged + o.filesUnchanged, filesRestarted + o.filesRestarted, bytesRead + o.bytesRead,
                lines + o.lines, added + o.added, replaced + o.replaced, duplicates + o.duplicates,
                synthetic + o.synthetic, malformed + o.malformed, join(malformedSamples, o.malformedSamples, MAX_SAMPLES),
                pendingLines + o.pendingLines, join(pendingSamples, o.pendingSamples, MAX_SAMPLES),
                unreadable + o.unreadable, join(unreadableSamples, o.unreadableSamples, MAX_SAMPLES),
                linksSkipped + o.linksSkipped, join(linksSkippedSamples, o.linksSkippedSamples, MAX_SAMPLES),
                elapsedMs + o.elapsedMs);
    }

    private static List<String> join(List<String> a, List<String> b, int max) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out.subList(0, Math.min(max, out.size())));
    }
}
