package dev.tokenomics.mcp;

import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools by name, without the server: a one-shot CLI command builds and calls the one tool it
 * runs (its schema and handler), not all of them nor the MCP server around them.
 */
public final class ToolCalls {
    /** Every tool, in the order tools/list gives them. */
    private static final Map<String, Function<TokenLedger, SyncToolSpecification>> BY_NAME = byName();

    private ToolCalls() {}

    private static Map<String, Function<TokenLedger, SyncToolSpecification>> byName() {
        Map<String, Function<TokenLedger, SyncToolSpecification>> m = new LinkedHashMap<>();
        m.put(RecordTokenEventTool.NAME, RecordTokenEventTool::spec);
        m.put(RecordTokenEventsTool.NAME, RecordTokenEventsTool::spec);
        m.put(GetTokenSummaryTool.NAME, GetTokenSummaryTool::spec);
        m.put(ListTokenEventsTool.NAME, ListTokenEventsTool::spec);
        m.put(UpdateTaskStatusTool.NAME, UpdateTaskStatusTool::spec);
        m.put(GetTaskTool.NAME, GetTaskTool::spec);
        m.put(TokenomicsReportTool.NAME, TokenomicsReportTool::spec);
        m.put(RecordRefTool.NAME, RecordRefTool::spec);
        m.put(ImportTranscriptsTool.NAME, ImportTranscriptsTool::spec);
        m.put(GetUsageTool.NAME, GetUsageTool::spec);
        m.put(GetWorkflowRunsTool.NAME, GetWorkflowRunsTool::spec);
        m.put(SetBudgetTool.NAME, l -> SetBudgetTool.spec(Budgets.of(l)));
        m.put(CheckBudgetTool.NAME, l -> CheckBudgetTool.spec(Budgets.of(l)));
        m.put(ListBudgetsTool.NAME, l -> ListBudgetsTool.spec(Budgets.of(l)));
        m.put(DeleteBudgetTool.NAME, l -> DeleteBudgetTool.spec(Budgets.of(l)));
        m.put(CostInsightsTool.NAME, CostInsightsTool::spec);
        m.put(BreakdownTool.NAME, BreakdownTool::spec);
        return m;
    }

    /** The tool specifications; {@code benchTools} adds a no-op tool, the baseline of the benchmark. */
    static List<SyncToolSpecification> all(TokenLedger ledger, boolean benchTools) {
        List<SyncToolSpecification> tools = new ArrayList<>();
        BY_NAME.values().forEach(f -> tools.add(f.apply(ledger)));
        if (benchTools) {
            tools.add(noop());
        }
        return tools;
    }

    /**
     * Calls one tool in-process, exactly as a client would reach it: the CLI, the resources,
     * prompts and the dashboard's JSON endpoints use this, so their answers cannot drift from the tools'.
     */
    public static CallToolResult call(TokenLedger ledger, String tool, Map<String, Object> args) {
        Function<TokenLedger, SyncToolSpecification> f = BY_NAME.get(tool);
        if (f == null) {
            throw new IllegalStateException("no tool " + tool);
        }
        return f.apply(ledger).callHandler().apply(null, new McpSchema.CallToolRequest(tool, args));
    }

    /**
     * As {@link #call}, for a caller that prints only the text (a CLI command's table): the result's
     * structuredContent is left empty rather than built and thrown away.
     */
    public static CallToolResult callForText(TokenLedger ledger, String tool, Map<String, Object> args) {
        return ToolResults.textOnly(() -> call(ledger, tool, args));
    }

    /** A result's readable text: its text contents, in order. */
    public static String text(CallToolResult result) {
        StringBuilder sb = new StringBuilder();
        result.content().forEach(c -> {
            if (c instanceof McpSchema.TextContent t) {
                sb.append(t.text());
            }
        });
        return sb.toString();
    }

    private static SyncToolSpecification noop() {
        Tool tool = Tool.builder().name("noop").description("Does nothing; the benchmark's baseline.")
                .inputSchema(JsonSchemas.object(Map.of(), List.of()))
                .annotations(new ToolAnnotations("No-op", true, false, true, false, null)).build();
        return ToolResults.spec(tool, (args, exchange) -> CallToolResult.builder().addTextContent("ok").build());
    }
}
