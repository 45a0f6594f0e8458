package dev.tokenomics.report;

import dev.tokenomics.transcripts.ImportSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The import summary as JSON and as a few lines for people. */
public final class TranscriptViews {
    private TranscriptViews() {}

    public static Map<String, Object> summary(ImportSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dirs", s.dirs());
        m.put("files_seen", s.filesSeen());
        m.put("files_read", s.filesRead());
        m.put("files_unchanged", s.filesUnchanged());
        m.put("files_restarted", s.filesRestarted());
        m.put("bytes_read", s.bytesRead());
        m.put("lines", s.lines());
        m.put("added", s.added());
        m.put("replaced", s.replaced());
        m.put("duplicates_skipped", s.duplicates());
        m.put("synthetic_skipped", s.synthetic());
        m.put("malformed", s.malformed());
        m.put("malformed_samples", s.malformedSamples());
        m.put("elapsed_ms", s.elapsedMs());
        return m;
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
        if (s.malformed() > 0) {
            b.append("malformed lines").append(s.malformed() > s.malformedSamples().size() ? " (first "
                    + s.malformedSamples().size() + ")" : "").append(":\n");
            s.malformedSamples().forEach(x -> b.append("  ").append(x).append('\n'));
        }
        return b.toString();
    }
}
