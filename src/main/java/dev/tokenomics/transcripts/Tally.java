package dev.tokenomics.transcripts;

import java.util.ArrayList;
import java.util.List;

/** A count of one kind of trouble and the first {@link ImportSummary#MAX_SAMPLES} of them, named. */
final class Tally {
    private long count;
    private final List<String> samples = new ArrayList<>();

    void add(String sample) {
        count++;
        if (samples.size() < ImportSummary.MAX_SAMPLES) {
            samples.add(sample);
        }
    }

    long count() {
        return count;
    }

    List<String> samples() {
        return List.copyOf(samples);
    }
}
