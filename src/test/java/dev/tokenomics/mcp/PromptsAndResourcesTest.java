package dev.tokenomics.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prompts, resources and completions through the SDK's real client over Streamable HTTP. */
class PromptsAndResourcesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;
    McpSyncClient client;

    @BeforeEach
    void start() throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null));
        client = Clients.streamable(server.port(), null);
        for (String task : List.of("CUST-1", "CUST-2", "OPS-9")) {
            client.callTool(new CallToolRequest("record_token_event", Map.of("task_id", task, "input_tokens", 1_000_000,
                    "model", "claude-haiku-4-5", "workstream", "WS-" + task.charAt(0))));
        }
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
        server.close();
        ledger.close();
    }

    @Test
    void listsThePromptsResourcesAndTemplates() {
        assertEquals(List.of("budget", "report"), client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).sorted().toList());
        assertEquals(List.of(LedgerResources.BUDGETS, LedgerResources.REPORT_WEEK, LedgerResources.SUMMARY_TODAY,
                LedgerResources.USAGE_DAILY), client.listResources().resources().stream().map(McpSchema.Resource::uri)
                .sorted().toList());
        assertEquals(4, client.listResourceTemplates().resourceTemplates().size());
    }

    @Test
    void todaysSummaryIsTheToolsAnswerAsJsonAndText() throws Exception {
        var read = client.readResource(new ReadResourceRequest(LedgerResources.SUMMARY_TODAY));
        assertEquals(2, read.contents().size());
        var json = (TextResourceContents) read.contents().get(0);
        assertEquals("application/json", json.mimeType());
        JsonNode summary = JSON.readTree(json.text());
        assertEquals(3, summary.get("event_count").asInt());
        assertEquals(3_000_000, summary.get("tokens_total").asLong());
        // haiku 4.5 at $1 per million input tokens
        assertEquals(0, new java.math.BigDecimal("3").compareTo(summary.get("cost_usd").decimalValue()));
        assertEquals("text/plain", ((TextResourceContents) read.contents().get(1)).mimeType());
    }

    @Test
    void windowTemplatesReadAndABadWindowIsAnErrorNamingIt() throws Exception {
        String today = LocalDate.ofInstant(LedgerTestSupport.NOW, ZoneOffset.UTC).toString();
        var read = client.readResource(new ReadResourceRequest("tokenomics://summary/" + today + "/" + today));
        assertEquals(3, JSON.readTree(((TextResourceContents) read.contents().get(0)).text()).get("event_count").asInt());
        McpError e = assertThrows(McpError.class,
                () -> client.readResource(new ReadResourceRequest("tokenomics://summary/2026-13-01/" + today)));
        assertTrue(e.getMessage().contains("since") && e.getMessage().contains("2026-13-01"), e.getMessage());
    }

    @Test
    void scopeIdsComplete() throws Exception {
        var ref = new McpSchema.ResourceReference(LedgerCompletions.SCOPE_TEMPLATE);
        var scopes = client.completeCompletion(new CompleteRequest(ref, new CompleteRequest.CompleteArgument("scope", "wo")));
        assertEquals(List.of("workstream"), scopes.completion().values());
        var ids = client.completeCompletion(new CompleteRequest(ref, new CompleteRequest.CompleteArgument("id", "CUST"),
                new CompleteRequest.CompleteContext(Map.of("scope", "task"))));
        assertEquals(List.of("CUST-1", "CUST-2"), ids.completion().values().stream().sorted().toList());
        var models = client.completeCompletion(new CompleteRequest(ref, new CompleteRequest.CompleteArgument("id", "claude"),
                new CompleteRequest.CompleteContext(Map.of("scope", "model"))));
        assertEquals(List.of("claude-haiku-4-5"), models.completion().values());
        var one = client.readResource(new ReadResourceRequest("tokenomics://scope/task/OPS-9"));
        assertEquals(1, JSON.readTree(((TextResourceContents) one.contents().get(0)).text()).get("event_count").asInt());
        assertThrows(McpError.class, () -> client.readResource(new ReadResourceRequest("tokenomics://scope/planet/x")));
    }

    @Test
    void theReportPromptCarriesTheReportAndThePresentation() {
        var prompt = client.getPrompt(new GetPromptRequest("report", Map.of("since", LocalDate.ofInstant(LedgerTestSupport.NOW, ZoneOffset.UTC).toString())));
        String text = ((TextContent) prompt.messages().get(0).content()).text();
        assertTrue(text.startsWith("Present this tokenomics report"), text);
        assertTrue(text.contains("concurrency as prose") || text.contains("Write concurrency as prose"), text);
        assertTrue(text.contains("window"), "the report itself follows: " + text);
        McpError bad = assertThrows(McpError.class,
                () -> client.getPrompt(new GetPromptRequest("report", Map.of("since", "yesterday"))));
        assertTrue(bad.getMessage().contains("since"), bad.getMessage());
        McpError unknown = assertThrows(McpError.class,
                () -> client.getPrompt(new GetPromptRequest("budget", Map.of("limit", "5"))));
        assertTrue(unknown.getMessage().contains("no argument limit"), unknown.getMessage());
        var budget = client.getPrompt(new GetPromptRequest("budget", Map.of()));
        assertTrue(((TextContent) budget.messages().get(0).content()).text().startsWith("Tell me where my budgets stand"));
    }
}
