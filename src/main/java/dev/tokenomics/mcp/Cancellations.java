package dev.tokenomics.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools/call requests under way, and the ones the client cancelled ({@code
 * notifications/cancelled}, spec "Cancellation"). The SDK drops that notification; our stdio
 * transport and the Streamable HTTP filter record it here and tag each call's {@code _meta} with
 * its request id (over HTTP with its session: ids are per session), so a long tool (an import)
 * can stop at its next commit.
 */
public final class Cancellations {
    /** The _meta key the transport puts the JSON-RPC request id under. */
    public static final String REQUEST_ID = "dev.tokenomics/request_id";
    /** The tools that look for a cancellation (the long ones); a call to another is not tagged. */
    public static final java.util.Set<String> CANCELLABLE = java.util.Set.of(ImportTranscriptsTool.NAME);

    private static final Map<String, Boolean> UNDER_WAY = new ConcurrentHashMap<>();

    private Cancellations() {}

    /** The id a call on Streamable HTTP session {@code session} (null: none) is tagged with. */
    public static String httpRequestId(String session, Object requestId) {
        return "http:" + (session == null ? "" : session) + ":" + key(requestId);
    }

    public static void started(Object requestId) {
        UNDER_WAY.put(key(requestId), Boolean.FALSE);
    }

    public static void finished(Object requestId) {
        UNDER_WAY.remove(key(requestId));
    }

    /** The call tagged with {@code meta} was answered: forget it (the stdio transport also does this itself). */
    static void finished(Map<String, Object> meta) {
        Object id = meta == null ? null : meta.get(REQUEST_ID);
        if (id != null) {
            finished(id);
        }
    }

    /** Marks a call under way as cancelled; a request already answered or unknown is ignored, as the spec asks. */
    public static void cancel(Object requestId) {
        UNDER_WAY.computeIfPresent(key(requestId), (k, v) -> Boolean.TRUE);
    }

    /** True once the client cancelled the call tagged with {@code meta}; false for an untagged one. */
    static boolean cancelled(Map<String, Object> meta) {
        Object id = meta == null ? null : meta.get(REQUEST_ID);
        return id != null && Boolean.TRUE.equals(UNDER_WAY.get(key(id)));
    }

    // 7 and "7" are different ids in JSON-RPC; Jackson may read 7 as an Integer or a Long.
    private static String key(Object id) {
        return id instanceof Number n ? "n:" + n.longValue() : "s:" + id;
    }
}
