package dev.tokenomics.mcp;

import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.LedgerException;
import dev.tokenomics.text.Visible;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns handler outcomes into CallToolResults. A bad argument or a ledger failure is a tool
 * result with isError (the caller can read and act on it), never a thrown exception, which the
 * SDK would turn into a JSON-RPC protocol error (spec: server/tools, "Error Handling").
 */
final class ToolResults {
    private static final Logger log = LoggerFactory.getLogger(ToolResults.class);

    /**
     * Set while an in-process caller that prints only the readable text runs a tool: the answer's
     * record is not turned into JSON it would throw away. Jackson's first conversion of the
     * report's record tree costs a new JVM about 100 ms.
     */
    private static final ThreadLocal<Boolean> TEXT_ONLY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ToolResults() {}

    /** A tool's handler: reads its arguments and returns the result. */
    @FunctionalInterface
    interface Handler {
        CallToolResult call(Args args, McpSyncServerExchange exchange);
    }

    /**
     * A handler that also gets the request's progress token (null when the client sent none) and
     * its {@code _meta} (for {@link Cancellations#cancelled}; null when none).
     */
    @FunctionalInterface
    interface ProgressHandler {
        CallToolResult call(Args args, McpSyncServerExchange exchange, Object progressToken, Map<String, Object> meta);
    }

    static SyncToolSpecification spec(Tool tool, ProgressHandler handler) {
        return spec(tool, (Handler) null, handler);
    }

    static SyncToolSpecification spec(Tool tool, Handler handler) {
        return spec(tool, handler, null);
    }

    private static SyncToolSpecification spec(Tool tool, Handler handler, ProgressHandler progressHandler) {
        BiFunction<McpSyncServerExchange, io.modelcontextprotocol.spec.McpSchema.CallToolRequest, CallToolResult> call =
                (exchange, request) -> {
                    try {
                        if (progressHandler != null) {
                            Object token = request.meta() == null ? null : request.meta().get("progressToken");
                            return progressHandler.call(Args.of(request.arguments()), exchange, token, request.meta());
                        }
                        return handler.call(Args.of(request.arguments()), exchange);
                    } catch (IllegalArgumentException e) {
                        return error(e.getMessage());
                    } catch (java.io.UncheckedIOException e) {
                        return error(e.getMessage() + ": " + e.getCause().getMessage());
                    } catch (LedgerException e) {
                        log.error("{} failed", tool.name(), e);
                        return error("the ledger could not do this: " + e.getMessage());
                    } catch (RuntimeException e) {
                        log.error("{} failed", tool.name(), e);
                        return error("internal error in " + tool.name() + ": " + e);
                    } finally {
                        Cancellations.finished(request.meta());
                    }
                };
        return SyncToolSpecification.builder().tool(tool).callHandler(call).build();
    }

    /**
     * The readable text of every tool passes here, so no stored control character (ESC in a task
     * id, a model name, a note) reaches a terminal raw; structuredContent keeps stored values.
     */
    static CallToolResult ok(Record answer, String text) {
        return ok(TEXT_ONLY.get() ? Map.of() : ResultJson.toMap(answer), text);
    }

    /** Runs {@code call} with answers made of their text only (structuredContent empty). */
    static CallToolResult textOnly(java.util.function.Supplier<CallToolResult> call) {
        TEXT_ONLY.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            TEXT_ONLY.remove();
        }
    }

    static CallToolResult ok(Map<String, Object> structured, String text) {
        return CallToolResult.builder().structuredContent(structured).addTextContent(Visible.text(text))
                .isError(false).build();
    }

    /** Error messages quote the caller's values, so they are made visible too. */
    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(Visible.text(message)).isError(true).build();
    }
}
