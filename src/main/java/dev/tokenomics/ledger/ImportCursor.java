package dev.tokenomics.ledger;

/**
 * Where one file of a source (other than Claude Code, which keeps {@link TranscriptCursor}) stopped:
 * the end of the last complete line read, the file's size and time then, the hash of its first
 * bytes (a rewritten file is read again from the start), and the reader's carry-over at that
 * offset ({@code state}, JSON the source's reader owns), so reading on from it follows the same
 * counting rules as reading the whole file.
 */
public record ImportCursor(String source, String path, long size, long mtimeMs, long offset, String headHash,
        long lines, long malformed, String state) {
    public ImportCursor {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        if (offset < 0 || offset > size) {
            throw new IllegalArgumentException("offset must be in [0, size=" + size + "], got " + offset);
        }
    }
}
