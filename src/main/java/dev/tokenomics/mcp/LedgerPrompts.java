package dev.tokenomics.mcp;

import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MCP prompts (spec 2025-06-18 "Prompts"), Claude Code's slash commands: {@code report} hands the
 * model the tokenomics report for a window with the presentation the report skill asks for, and
 * {@code budget} the budgets' state with what to say about it. The data is the tools' own answer.
 */
final class LedgerPrompts {
    static final String REPORT = "report";
    static final String BUDGET = "budget";

    /** The report skill's presentation (seed 000), in the order it gives. */
    static final String REPORT_INSTRUCTIONS = """
            Present this tokenomics report to me. Lead with its caveats (lower bounds, unpriced models,
            attribution) before any figure. Then a headline: total captured spend, the dominant cost
            bucket, the biggest stage share, and the lane-breakeven savings. Then each table with its
            one-line read, in the report's order; say "--" where a figure is unpriced, never $0.
            Write concurrency as prose: the observed peak, why it is a lower bound, the ceiling that
            binds, and whether the work is approaching it. Close with what to change first.""";

    static final String BUDGET_INSTRUCTIONS = """
            Tell me where my budgets stand: the worst level first, each budget's spend against its
            limit, its burn rate and projection, and when it runs out at this rate. Label lower
            bounds (unpriced usage) as such. Suggest one concrete way to slow the fastest burn.""";

    private LedgerPrompts() {}

    static List<SyncPromptSpecification> prompts(TokenLedger ledger) {
        Prompt report = new Prompt(REPORT, "Tokenomics report",
                "Where the tokens and dollars went in a window, presented as the report skill asks.",
                List.of(new PromptArgument("since", "First day, YYYY-MM-DD (default: the report's default window)", false),
                        new PromptArgument("until", "Last day, YYYY-MM-DD, inclusive", false),
                        new PromptArgument("timezone", "IANA timezone the days are cut in (default UTC)", false)));
        Prompt budget = new Prompt(BUDGET, "Budget status",
                "Every budget's level, burn and projection, and what to do about the fastest burn.", List.of());
        return List.of(
                new SyncPromptSpecification(report, (exchange, request) -> reportPrompt(ledger, request.arguments())),
                new SyncPromptSpecification(budget, (exchange, request) -> {
                    known(BUDGET, request.arguments(), Set.of());
                    return message("Budget status", BUDGET_INSTRUCTIONS, call(ledger, "check_budget", Map.of()));
                }));
    }

    private static GetPromptResult reportPrompt(TokenLedger ledger, Map<String, Object> arguments) {
        known(REPORT, arguments, Set.of("since", "until", "timezone"));
        Map<String, Object> args = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((k, v) -> {
                if (v != null && !String.valueOf(v).isBlank()) {
                    args.put(k, v);
                }
            });
        }
        args.put("format", "markdown");
        return message("Tokenomics report", REPORT_INSTRUCTIONS, call(ledger, "tokenomics_report", args));
    }

    private static void known(String prompt, Map<String, Object> arguments, Set<String> allowed) {
        if (arguments == null) {
            return;
        }
        for (String k : new TreeSet<>(arguments.keySet())) {
            if (!allowed.contains(k)) {
                throw invalid("prompt " + prompt + " has no argument " + k
                        + (allowed.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    private static CallToolResult call(TokenLedger ledger, String tool, Map<String, Object> args) {
        CallToolResult r = TokenomicsServer.call(ledger, tool, args);
        if (Boolean.TRUE.equals(r.isError())) {
            throw invalid(TokenomicsServer.text(r));
        }
        return r;
    }

    private static GetPromptResult message(String description, String instructions, CallToolResult data) {
        return new GetPromptResult(description, List.of(new PromptMessage(Role.USER,
                new TextContent(instructions + "\n\n" + TokenomicsServer.text(data)))));
    }


    private static McpError invalid(String message) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS, message, null));
    }
}
