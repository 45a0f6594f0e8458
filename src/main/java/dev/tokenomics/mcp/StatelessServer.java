package dev.tokenomics.mcp;

import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.List;

/**
 * The same tools, prompts, resources and completions on the SDK's stateless Streamable HTTP
 * transport, for a hub of several processes behind a load balancer: no MCP session lives in a
 * process, so any process answers any request, and all state is in the ledger (PostgreSQL).
 * Without a session there is no channel back to the client: no progress, no logging
 * notifications (a budget crossing is still in the tool's answer), and no logging capability.
 */
public final class StatelessServer {
    private StatelessServer() {}

    public static McpStatelessSyncServer on(McpStatelessServerTransport transport, TokenLedger ledger) {
        // The handlers take the session's exchange only to send notifications, and all accept none.
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = TokenomicsServer.tools(ledger, false).stream()
                .map(t -> new McpStatelessServerFeatures.SyncToolSpecification(t.tool(),
                        (context, request) -> t.callHandler().apply(null, request)))
                .toList();
        var prompts = LedgerPrompts.prompts(ledger).stream()
                .map(p -> new McpStatelessServerFeatures.SyncPromptSpecification(p.prompt(),
                        (context, request) -> p.promptHandler().apply(null, request)))
                .toList();
        var resources = LedgerResources.resources(ledger).stream()
                .map(r -> new McpStatelessServerFeatures.SyncResourceSpecification(r.resource(),
                        (context, request) -> r.readHandler().apply(null, request)))
                .toList();
        var templates = LedgerResources.templates(ledger).stream()
                .map(r -> new McpStatelessServerFeatures.SyncResourceTemplateSpecification(r.resourceTemplate(),
                        (context, request) -> r.readHandler().apply(null, request)))
                .toList();
        var completions = LedgerCompletions.completions(ledger).stream()
                .map(c -> new McpStatelessServerFeatures.SyncCompletionSpecification(c.referenceKey(),
                        (context, request) -> c.completionHandler().apply(null, request)))
                .toList();
        return McpServer.sync(transport)
                .serverInfo(TokenomicsServer.NAME, TokenomicsServer.VERSION)
                .jsonMapper(new SameTypeMapper(McpJsonDefaults.getMapper()))
                .instructions(TokenomicsServer.INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).prompts(false).resources(false, false)
                        .completions().build())
                .validateToolInputs(false) // as TokenomicsServer: the handlers name the bad field and value
                .jsonSchemaValidator(TokenomicsServer.OWN_OUTPUT)
                .requestTimeout(TokenomicsServer.REQUEST_TIMEOUT)
                .tools(tools)
                .prompts(prompts)
                .resources(resources)
                .resourceTemplates(templates)
                .completions(completions)
                .build();
    }
}
