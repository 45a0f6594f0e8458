package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.enumeration;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.Results;
import dev.tokenomics.report.TextViews;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** get_token_summary: the totals of one scope, with by-model and by-agent breakdowns. */
final class GetTokenSummaryTool {
    static final String NAME = "get_token_summary";

    private GetTokenSummaryTool() {}

    static Map<String, Object> windowProperties(Map<String, Object> p) {
        p.put("since", string("Inclusive: YYYY-MM-DD (UTC) or ISO-8601 time."));
        p.put("until", string("Inclusive: YYYY-MM-DD (UTC) or ISO-8601 time."));
        return p;
    }

    /** The source filter's property, shared by every tool that takes one. */
    static Map<String, Object> sourcesProperty(Map<String, Object> p) {
        p.put("sources", JsonSchemas.list("Only these sources (default all).", JsonSchemas.oneOf(Sources.NAMES)));
        return p;
    }

    /** The checked source names, or null for every source. */
    static List<String> sources(Args a) {
        List<String> raw = a.strings("sources");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return raw.stream().map(n -> Sources.parse("sources", n)).distinct().toList();
    }

    static Instant since(Args a) {
        String s = a.string("since");
        return s == null || s.isBlank() ? null : Times.parseBound("since", s.strip(), false);
    }

    static Instant until(Args a) {
        String s = a.string("until");
        return s == null || s.isBlank() ? null : Times.parseBound("until", s.strip(), true);
    }

    static void checkWindow(Instant since, Instant until) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must not be after until, got since=" + Times.format(since)
                    + " until=" + Times.format(until.minusMillis(1)));
        }
        Times.checkWindow(since, until);
    }

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scope", enumeration("What to add up.", Arrays.stream(Scope.values()).map(Scope::wireName).toList()));
        p.put("id", string("The scope's id (task id, SHA, tag, model, ...); not for all."));
        windowProperties(p);
        sourcesProperty(p);
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Token summary")
                .description("Total tokens and cost of one scope (or all), by model, agent, source and machine. cost_usd is "
                        + "null when all is unpriced (never 0); cost_complete false: a lower bound, unpriced_models "
                        + "names the rest.")
                .inputSchema(object(p, List.of("scope")))
                .outputSchema(ResultSchemas.of(ToolAnswers.Summary.class))
                .annotations(new ToolAnnotations("Token summary", true, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of("scope", "id", "since", "until", "sources"));
            Scope scope = Scope.parse(args.requireString("scope"));
            String id = args.string("id");
            Instant since = since(args);
            Instant until = until(args);
            checkWindow(since, until);
            Summary s = ledger.events().summarize(scope, id, since, until, sources(args));
            return ToolResults.ok(new ToolAnswers.Summary(Results.ScopeSummary.of(s), ledger.prices().provenanceRecord()),
                    TextViews.summary(s));
        });
    }
}
