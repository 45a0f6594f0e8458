package dev.tokenomics.report;

/** The five billing buckets, with the names the report and its JSON use. */
public enum Bucket {
    INPUT("input", "input"),
    OUTPUT("output", "output"),
    CACHE_WRITE_5M("cache_write_5m", "cache write 5m"),
    CACHE_WRITE_1H("cache_write_1h", "cache write 1h"),
    CACHE_READ("cache_read", "cache read");

    private final String key;
    private final String label;

    Bucket(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
