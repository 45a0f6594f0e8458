package dev.tokenomics.mcp;

import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger as MCP resources (spec 2025-06-18 "Resources"): today's summary, the report of the
 * last 7 days, daily usage and the budgets, each read as JSON (the tool's structuredContent) and as
 * text (the tool's table), plus templates that take a window. Each is the tool's own answer, so a
 * resource cannot drift from the tool it mirrors.
 */
final class LedgerResources {
    static final String SUMMARY_TODAY = "tokenomics://summary/today";
    static final String REPORT_WEEK = "tokenomics://report/last-7-days";
    static final String USAGE_DAILY = "tokenomics://usage/daily";
    static final String BUDGETS = "tokenomics://budgets";
    static final String SUMMARY_WINDOW = "tokenomics://summary/{since}/{until}";
    static final String REPORT_WINDOW = "tokenomics://report/{since}/{until}";
    static final String USAGE_WINDOW = "tokenomics://usage/daily/{since}/{until}";

    private static final Pattern WINDOW = Pattern.compile("^tokenomics://(summary|report|usage/daily)/([^/]+)/([^/]+)$");

    private LedgerResources() {}

    static List<SyncResourceSpecification> resources(TokenLedger ledger) {
        return List.of(
                fixed(ledger, SUMMARY_TODAY, "summary-today", "Today's spend: tokens and cost of every event since "
                        + "midnight UTC, by model and agent.", l -> TokenomicsServer.call(l, "get_token_summary",
                        Map.of("scope", "all", "since", today(l).toString()))),
                fixed(ledger, REPORT_WEEK, "report-last-7-days", "The tokenomics report (thirteen tables, each with its "
                        + "read) for the last 7 days, UTC.", l -> TokenomicsServer.call(l, "tokenomics_report",
                        Map.of("since", today(l).minusDays(6).toString(), "until", today(l).toString()))),
                fixed(ledger, USAGE_DAILY, "usage-daily", "Measured usage per day and model from imported "
                        + "transcripts, like ccusage daily.", l -> TokenomicsServer.call(l, "get_usage", Map.of("view", "daily"))),
                fixed(ledger, BUDGETS, "budgets", "Every budget with its level, spend, burn rate and projection.",
                        l -> TokenomicsServer.call(l, "check_budget", Map.of())));
    }

    static List<SyncResourceTemplateSpecification> templates(TokenLedger ledger) {
        return List.of(template(ledger, SUMMARY_WINDOW, "summary-window", "Tokens and cost of every event in a window "
                        + "(since and until: YYYY-MM-DD, inclusive)."),
                template(ledger, REPORT_WINDOW, "report-window", "The tokenomics report for a window "
                        + "(YYYY-MM-DD, inclusive)."),
                template(ledger, USAGE_WINDOW, "usage-daily-window", "Measured usage per day and model for a window "
                        + "(YYYY-MM-DD, inclusive)."),
                LedgerCompletions.scopeTemplate(ledger));
    }

    private static SyncResourceSpecification fixed(TokenLedger ledger, String uri, String name, String description,
            Function<TokenLedger, CallToolResult> read) {
        Resource resource = Resource.builder().uri(uri).name(name).description(description)
                .mimeType("application/json").build();
        return new SyncResourceSpecification(resource, (exchange, request) -> contents(uri, read.apply(ledger)));
    }

    private static SyncResourceTemplateSpecification template(TokenLedger ledger, String uriTemplate, String name,
            String description) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(uriTemplate).name(name).description(description)
                .mimeType("application/json").build();
        return new SyncResourceTemplateSpecification(t, (exchange, request) -> readWindow(ledger, request.uri()));
    }

    private static ReadResourceResult readWindow(TokenLedger ledger, String uri) {
        Matcher m = WINDOW.matcher(uri);
        if (!m.matches()) {
            throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
                    "no resource " + uri + "; windows are tokenomics://summary/{since}/{until}, "
                            + "tokenomics://report/{since}/{until} and tokenomics://usage/daily/{since}/{until}", null));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("since", m.group(2));
        args.put("until", m.group(3));
        return switch (m.group(1)) {
            case "summary" -> {
                args.put("scope", "all");
                yield contents(uri, TokenomicsServer.call(ledger, "get_token_summary", args));
            }
            case "report" -> contents(uri, TokenomicsServer.call(ledger, "tokenomics_report", args));
            default -> {
                args.put("view", "daily");
                yield contents(uri, TokenomicsServer.call(ledger, "get_usage", args));
            }
        };
    }

    /** The answer as JSON and as text; a refused call is an MCP error naming the argument. */
    static ReadResourceResult contents(String uri, CallToolResult result) {
        String text = TokenomicsServer.text(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
                    uri + ": " + text, null));
        }
        String json;
        try {
            json = McpJsonDefaults.getMapper().writeValueAsString(result.structuredContent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + uri + " as JSON", e);
        }
        return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json", json),
                new TextResourceContents(uri, "text/plain", text)));
    }

    /** Today by the ledger's clock (settable in tests and benchmarks). */
    private static LocalDate today(TokenLedger ledger) {
        return LocalDate.ofInstant(ledger.clock().instant(), ZoneOffset.UTC);
    }
}
