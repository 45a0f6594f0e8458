package dev.tokenomics.transcripts;

import java.util.ArrayList;
import java.util.List;

/** A count of one kind of trouble and the first {@link ImportSummary#MAX_SAMPLES} of them, named. */
public final class Tally {
    private long count;
    private final List<String> samples = new ArrayList<>();

    public void add(String sample) {
        count++;
        if (samples.size() < ImportSummary.MAX_SAMPLES) {
            samples.add(sample);
        }
    }

    public long count() {
        return count;
    }

    public List<String> samples() {
        return List.copyOf(samples);
    }
}
