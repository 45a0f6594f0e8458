package dev.tokenomics.mcp;

import dev.tokenomics.budget.Budgets;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Assembles the MCP server: the same tools on whichever transport serves them. */
public final class TokenomicsServer {
    public static final String NAME = "tokenomics";
    public static final String VERSION = version();
    /** The longest a call may run (a cold import of a large transcript tree takes minutes). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    static final String INSTRUCTIONS = """
            tokenomics keeps the books on what AI agents spend.
            Record: record_token_event after each piece of work (record_token_events for many at once;
            give record_key on retries so nothing counts twice); update_task_status when a task changes
            status, with the tokens it used; record_ref for a commit's or PR's size (cost per LOC).
            Ask: get_token_summary (one task, workstream, repo, commit, release, session, model, agent,
            machine or all), breakdown (per task, agent, model, session, stage or workstream, or one session's
            events, costliest first), get_task, list_token_events, tokenomics_report (where the tokens and dollars went),
            get_usage (measured usage from transcripts: daily, weekly, monthly, session, 5-hour blocks),
            cost_insights (acceleration, anomalies, cheaper models).
            Budgets: set_budget, check_budget before costly work, list_budgets, delete_budget.
            import_transcripts reads Claude Code's own logs: exact usage, once.
            Unpriced models have no cost (null), never $0.""";

    /** Accepts every answer: see {@link #configure}. Tool inputs are read by the handlers, never by a schema. */
    static final JsonSchemaValidator OWN_OUTPUT = (schema, content) -> ValidationResponse.asValid(null);

    private TokenomicsServer() {}

    /** The tool specifications; {@code benchTools} adds a no-op tool, the baseline of the benchmark. */
    public static List<SyncToolSpecification> tools(TokenLedger ledger, boolean benchTools) {
        return ToolCalls.all(ledger, benchTools);
    }

    /** As {@link ToolCalls#call}: one tool, called in-process. */
    public static CallToolResult call(TokenLedger ledger, String tool, Map<String, Object> args) {
        return ToolCalls.call(ledger, tool, args);
    }

    /** As {@link ToolCalls#text}. */
    public static String text(CallToolResult result) {
        return ToolCalls.text(result);
    }

    /**
     * Does, once and on a spare core, the first-use work of answering {@code initialize}: Jackson's
     * (de)serializers for the SDK's records, the line judge, the server's capabilities. {@code serve}
     * runs it while its main thread reads the price table and the ledger opens, so Claude Code's
     * wait for the first answer is not their sum. Only an optimisation: any failure is ignored.
     */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                McpJsonMapper mapper = McpJsonDefaults.getMapper();
                byte[] line = ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"1\"}}}").getBytes(StandardCharsets.UTF_8);
                JsonRpcLines.Judged judged = new JsonRpcLines(mapper).judge(line, line.length);
                if (judged.message() instanceof McpSchema.JSONRPCRequest r) {
                    mapper.convertValue(r.params(), McpSchema.InitializeRequest.class);
                }
                McpSchema.InitializeResult result = new McpSchema.InitializeResult("2025-06-18", capabilities(),
                        new McpSchema.Implementation(NAME, VERSION), INSTRUCTIONS);
                mapper.writeValueAsBytes(new McpSchema.JSONRPCResponse("2.0", 0, result, null));
            } catch (IOException | RuntimeException e) {
                // the first real answer does this work itself
            }
        }, "tokenomics-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The SDK's answer to an initialize {@code request}, written without building the server; null: let it answer. */
    public static String initializeAnswer(McpSchema.JSONRPCRequest request, List<String> versions) {
        return EarlyInitialize.answer(request, versions);
    }

    private static ServerCapabilities capabilities() {
        return ServerCapabilities.builder().tools(false).logging().prompts(false).resources(false, false).completions()
                .build();
    }

    /** A server on stdio: stdout carries only protocol messages. */
    public static McpSyncServer stdio(TokenLedger ledger, boolean benchTools, StdioTransport transport) {
        return configure(McpServer.sync(transport), ledger, tools(ledger, benchTools));
    }

    public static McpSyncServer on(McpServerTransportProvider transport, TokenLedger ledger) {
        return configure(McpServer.sync(transport), ledger, tools(ledger, false));
    }

    public static McpSyncServer on(McpStreamableServerTransportProvider transport, TokenLedger ledger) {
        return configure(McpServer.sync(transport), ledger, tools(ledger, false));
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, TokenLedger ledger,
            List<SyncToolSpecification> tools) {
        return spec.serverInfo(NAME, VERSION)
                .jsonMapper(new SameTypeMapper(McpJsonDefaults.getMapper()))
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                // Our handlers read arguments strictly and name the bad field and value; the SDK's
                // generic schema check would answer first with less to act on.
                .validateToolInputs(false)
                // The SDK would also re-validate every answer against its output schema on the way out:
                // ~100 ms of schema-library start before the first answer and work on every call.
                // OutputSchemasTest validates each tool's real answers with that same validator, and
                // clients validate what they receive, so the server does not check its own output again.
                .jsonSchemaValidator(OWN_OUTPUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .tools(tools)
                .prompts(LedgerPrompts.prompts(ledger))
                .resources(LedgerResources.resources(ledger))
                .resourceTemplates(LedgerResources.templates(ledger))
                .completions(LedgerCompletions.completions(ledger))
                .build();
    }

    private static String version() {
        String v = TokenomicsServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

}
