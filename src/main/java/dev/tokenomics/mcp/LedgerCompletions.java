package dev.tokenomics.mcp;

import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.ScopeValues;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completions (spec 2025-06-18 "Completion"): a scope's ids as they are in the ledger (tasks,
 * workstreams, repos, sessions, models, agents, commits, releases) for the
 * {@code tokenomics://scope/{scope}/{id}} template, and time zones for the report prompt.
 */
final class LedgerCompletions {
    static final String SCOPE_TEMPLATE = "tokenomics://scope/{scope}/{id}";
    private static final Pattern SCOPE_URI = Pattern.compile("^tokenomics://scope/([^/]+)/(.+)$");
    private static final int MAX = 100;

    private LedgerCompletions() {}

    /** One scope's summary: tokenomics://scope/task/T01, .../model/claude-sonnet-4-5. */
    static SyncResourceTemplateSpecification scopeTemplate(TokenLedger ledger) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(SCOPE_TEMPLATE).name("scope-summary")
                .description("What one task, workstream, repo, commit, release, session, model, agent or machine cost "
                        + "(its ids complete from the ledger).").mimeType("application/json").build();
        return new SyncResourceTemplateSpecification(t, (exchange, request) -> {
            Matcher m = SCOPE_URI.matcher(request.uri());
            if (!m.matches()) {
                throw invalid("no resource " + request.uri() + "; use " + SCOPE_TEMPLATE);
            }
            String id = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            return read(ledger, request.uri(), m.group(1), id);
        });
    }

    private static ReadResourceResult read(TokenLedger ledger, String uri, String scope, String id) {
        try {
            Scope.parse(scope);
        } catch (IllegalArgumentException e) {
            throw invalid(uri + ": " + e.getMessage());
        }
        var result = TokenomicsServer.call(ledger, "get_token_summary", Map.of("scope", scope, "id", id));
        return LedgerResources.contents(uri, result);
    }

    static List<SyncCompletionSpecification> completions(TokenLedger ledger) {
        return List.of(
                new SyncCompletionSpecification(new ResourceReference(SCOPE_TEMPLATE),
                        (exchange, request) -> scopeCompletion(ledger, request)),
                new SyncCompletionSpecification(new PromptReference(LedgerPrompts.REPORT),
                        (exchange, request) -> reportCompletion(request)));
    }

    private static CompleteResult scopeCompletion(TokenLedger ledger, CompleteRequest request) {
        String typed = request.argument().value() == null ? "" : request.argument().value();
        if ("scope".equals(request.argument().name())) {
            return result(Arrays.stream(Scope.values()).filter(s -> s != Scope.ALL).map(Scope::wireName)
                    .filter(n -> n.startsWith(typed)).toList());
        }
        if (!"id".equals(request.argument().name())) {
            throw invalid("tokenomics://scope/{scope}/{id} has no argument " + request.argument().name());
        }
        Map<String, String> context = request.context() == null ? null : request.context().arguments();
        String scopeName = context == null ? null : context.get("scope");
        if (scopeName == null) {
            throw invalid("complete scope first: the ids depend on it (context.arguments.scope)");
        }
        Scope scope;
        try {
            scope = Scope.parse(scopeName);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return result(ScopeValues.matching(ledger, scope, typed, MAX + 1));
    }

    private static CompleteResult reportCompletion(CompleteRequest request) {
        String typed = request.argument().value() == null ? "" : request.argument().value();
        if ("timezone".equals(request.argument().name())) {
            return result(ZoneId.getAvailableZoneIds().stream().filter(z -> z.startsWith(typed)).sorted().toList());
        }
        return result(List.of());
    }

    private static CompleteResult result(List<String> values) {
        boolean more = values.size() > MAX;
        List<String> shown = more ? values.subList(0, MAX) : values;
        return new CompleteResult(new CompleteResult.CompleteCompletion(shown, values.size(), more));
    }

    private static McpError invalid(String message) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS, message, null));
    }
}
