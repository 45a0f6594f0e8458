package dev.tokenomics.cli;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.ToolCalls;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.PrintWriter;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a tool in-process and prints its result: the CLI commands are the tools' twins by
 * construction, with the same validation, the same messages and the same JSON.
 */
public final class ToolRunner {
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    public static final JsonMapper JSON_COMPACT = JsonMapper.builder().build();

    private ToolRunner() {}

    public static CallToolResult call(TokenLedger ledger, String tool, Map<String, Object> args) {
        return ToolCalls.call(ledger, tool, args);
    }

    /** Prints the result (text table, or JSON with --json) and returns the exit code. */
    static int print(CallToolResult result, boolean json, PrintWriter out, PrintWriter err) {
        if (Boolean.TRUE.equals(result.isError())) {
            err.println("error: " + text(result));
            err.flush();
            return Exit.BAD_INPUT;
        }
        if (json) {
            out.println(JSON.writeValueAsString(result.structuredContent()));
        } else {
            out.print(text(result));
        }
        out.flush();
        return Exit.OK;
    }

    public static String text(CallToolResult result) {
        return ToolCalls.text(result);
    }
}
