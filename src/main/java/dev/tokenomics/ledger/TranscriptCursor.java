package dev.tokenomics.ledger;

/**
 * Where the import of one transcript file stopped: the end of the last complete line consumed
 * ({@code offset}), and what the file looked like then, so a re-import reads only new bytes and a
 * file that shrank or was replaced is read again from the start.
 */
public record TranscriptCursor(String path, long size, long mtimeMs, String fileKey, long offset, String headHash,
        long lines, long malformed, String sessionId, String project, String agentId) {}
