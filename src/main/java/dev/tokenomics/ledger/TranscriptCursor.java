package dev.tokenomics.ledger;

/**
 * Where the import of one transcript file stopped: the end of the last line consumed
 * ({@code offset}), and what the file looked like then, so a re-import reads only new bytes and a
 * file that shrank or was replaced is read again from the start. {@code headHash} covers the first
 * up to 4 KiB, {@code tailHash} the last up to 4 KiB before {@code offset} (null for cursors stored
 * before schema version 5).
 */
public record TranscriptCursor(String path, long size, long mtimeMs, String fileKey, long offset, String headHash,
        String tailHash, long lines, long malformed, String sessionId, String project, String agentId) {}
