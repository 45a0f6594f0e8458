package dev.tokenomics.report;

import dev.tokenomics.json.ResultJson;
import dev.tokenomics.transcripts.ImportSummary;
import java.util.Map;

/** The import summary as JSON and as a few lines for people. */
public final class TranscriptViews {
    private TranscriptViews() {}

    public static Map<String, Object> summary(ImportSummary s) {
        return ResultJson.toMap(Results.ImportCounts.of(s));
    }

    /**
     * Several sources' import: the sums at the top level (the shape of one source's summary), and
     * each source's own under by_source.
     */
    public static Map<String, Object> summaries(Map<String, ImportSummary> bySource) {
        return ResultJson.toMap(Results.Imports.of(bySource));
    }

    /** One block per source, each headed by its name. */
    public static String summariesText(Map<String, ImportSummary> bySource) {
        if (bySource.isEmpty()) {
            return "Nothing to import: no agent folder found.\n";
        }
        StringBuilder b = new StringBuilder();
        bySource.forEach((name, s) -> b.append(bySource.size() > 1 ? name + ": " : "").append(summaryText(s)));
        return b.toString();
    }

    public static String summaryText(ImportSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(java.util.Locale.ROOT,
                "Imported %s: %,d files (%,d read, %,d unchanged, %,d read again from the start), %,d bytes, %,d lines%n",
                String.join(", ", s.dirs()), s.filesSeen(), s.filesRead(), s.filesUnchanged(), s.filesRestarted(),
                s.bytesRead(), s.lines()));
        b.append(String.format(java.util.Locale.ROOT,
                "%,d new records, %,d replaced by a larger snapshot, %,d duplicates skipped, %,d <synthetic> skipped, "
                        + "%,d malformed, in %,d ms%n",
                s.added(), s.replaced(), s.duplicates(), s.synthetic(), s.malformed(), s.elapsedMs()));
        samples(b, "malformed lines", s.malformed(), s.malformedSamples());
        samples(b, "NOT READ, the rest was imported: unreadable files and folders", s.unreadable(),
                s.unreadableSamples());
        samples(b, "last lines still being written (no newline, not complete JSON), left for the next run",
                s.pendingLines(), s.pendingSamples());
        samples(b, "links not followed (a loop, or a file already read by another path)", s.linksSkipped(),
                s.linksSkippedSamples());
        return b.toString();
    }

    private static void samples(StringBuilder b, String what, long count, java.util.List<String> samples) {
        if (count == 0) {
            return;
        }
        b.append(String.format(java.util.Locale.ROOT, "%,d %s", count, what))
                .append(count > samples.size() ? " (first " + samples.size() + ")" : "").append(":\n");
        samples.forEach(x -> b.append("  ").append(x).append('\n'));
    }
}
