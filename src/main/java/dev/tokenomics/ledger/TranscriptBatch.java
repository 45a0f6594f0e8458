package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.List;

/**
 * New complete lines of one transcript file, parsed, with the cursor to store once they are in:
 * the ledger writes the responses, the sessions and the cursor in one transaction.
 */
public record TranscriptBatch(TranscriptCursor cursorAfter, List<Response> responses, List<SessionSeen> sessions) {

    public TranscriptBatch {
        responses = List.copyOf(responses);
        sessions = List.copyOf(sessions);
    }

    /**
     * One API response. {@code messageId} null: a line without message.id, counted as it is (its
     * record key hashes the line). Sidechain copies are stored with source {@link #SIDECHAIN}, so a
     * later main-chain copy of the same message can take their place.
     */
    public record Response(String messageId, String requestId, boolean sidechain, EventInput event) {
        public long total() {
            return event.usage().totalTokens();
        }
    }

    /** What the lines say of a session (or a subagent of it): first and last activity, where it ran. */
    public record SessionSeen(String sessionId, String agentId, String project, String cwd, String gitBranch,
            String version, Instant first, Instant last, boolean subagent) {}

    public static final String SOURCE = Sources.CLAUDE_CODE;
    public static final String SIDECHAIN = Sources.CLAUDE_CODE_SIDECHAIN;

    /** What writing a batch did. */
    public record Outcome(long added, long replaced, long duplicates) {
        public static final Outcome NONE = new Outcome(0, 0, 0);

        public Outcome plus(Outcome o) {
            return new Outcome(added + o.added, replaced + o.replaced, duplicates + o.duplicates);
        }
    }
}
