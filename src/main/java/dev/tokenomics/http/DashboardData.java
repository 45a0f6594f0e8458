package dev.tokenomics.http;

import dev.tokenomics.ledger.DashboardStore;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.report.ReportRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, as JSON: the tools' own answers (summary, report tables, budgets) for
 * one window of UTC days, plus the grouped reads the charts need. The page, the JSON endpoints and
 * {@code tokenomics dashboard --out} all use this one builder.
 */
public final class DashboardData {
    /** The window when none is given: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    private DashboardData() {}

    /** A window of whole UTC days; {@code since}/{@code until} null or blank take the defaults. */
    public record Window(LocalDate since, LocalDate until) {
        public static Window parse(String since, String until, Clock clock) {
            LocalDate u = ReportRequest.date("until", until);
            LocalDate to = u != null ? u : LocalDate.now(clock.withZone(ZoneOffset.UTC));
            LocalDate s = ReportRequest.date("since", since);
            LocalDate from = s != null ? s : to.minusDays(DEFAULT_DAYS - 1);
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("since must not be after until, got since=" + from + " until=" + to);
            }
            return new Window(from, to);
        }

        Map<String, Object> args() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("since", since.toString());
            a.put("until", until.toString());
            return a;
        }
    }

    public static Map<String, Object> summary(TokenLedger ledger, Window w) {
        Map<String, Object> args = w.args();
        args.put("scope", "all");
        return tool(ledger, "get_token_summary", args);
    }

    public static Map<String, Object> report(TokenLedger ledger, Window w) {
        Map<String, Object> args = w.args();
        args.put("sections", List.of("trend-day", "coverage"));
        return tool(ledger, "tokenomics_report", args);
    }

    public static Map<String, Object> budgets(TokenLedger ledger) {
        return tool(ledger, "check_budget", new LinkedHashMap<>());
    }

    public static Map<String, Object> breakdown(TokenLedger ledger, Window w) {
        DashboardStore.Groups g = ledger.dashboardGroups(w.since().atStartOfDay(ZoneOffset.UTC).toInstant(),
                w.until().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by_repo", groups(g.repos()));
        m.put("by_workstream", groups(g.workstreams()));
        m.put("by_model", groups(g.models()));
        m.put("top_tasks", groups(g.topTasks()));
        return m;
    }

    /** Everything the page draws, in one answer. */
    public static Map<String, Object> all(TokenLedger ledger, Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("timezone", "UTC");
        m.put("read_at", ledger.clock().instant().toString());
        m.put("summary", summary(ledger, w));
        m.put("report", report(ledger, w));
        m.put("budgets", budgets(ledger));
        m.put("breakdown", breakdown(ledger, w));
        return m;
    }

    private static List<Object> groups(List<DashboardStore.Group> groups) {
        List<Object> out = new ArrayList<>();
        for (DashboardStore.Group g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", g.key());
            m.put("events", g.events());
            m.put("input_tokens", g.inputTokens());
            m.put("output_tokens", g.outputTokens());
            m.put("cache_write_tokens", g.cacheWriteTokens());
            m.put("cache_read_tokens", g.cacheReadTokens());
            m.put("tokens_total", g.totalTokens());
            m.put("cost_usd", Money.usd(g.costNanos()));
            m.put("unpriced_events", g.unpricedEvents());
            if (g.dominantModel() != null) {
                m.put("dominant_model", g.dominantModel());
            }
            if (g.status() != null || g.title() != null) {
                m.put("status", g.status());
                m.put("title", g.title());
            }
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tool(TokenLedger ledger, String name, Map<String, Object> args) {
        CallToolResult r = TokenomicsServer.call(ledger, name, args);
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalArgumentException(((TextContent) r.content().get(0)).text());
        }
        return (Map<String, Object>) r.structuredContent();
    }
}
