package dev.tokenomics.http;

import dev.tokenomics.ledger.DashboardStore;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.text.Cost;
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
        // The table every cost on the page came from (the breakdown reads stored costs, repriced to it).
        m.put("prices", dev.tokenomics.report.Views.prices(ledger.prices()));
        Map<String, Object> summary = summary(ledger, w);
        Map<String, Object> report = report(ledger, w);
        m.put("summary", summary);
        m.put("report", report);
        m.put("budgets", budgets(ledger));
        m.put("breakdown", breakdown(ledger, w));
        m.put("caveats", caveats(summary, report));
        return m;
    }

    /**
     * The page's caveats, worded for the page's own cards: the spend, repo, workstream, model and
     * task figures count every event (lower bounds included), while the cost-per-day chart is the
     * report's trend-day table, which uses complete records only. The report's own lower-bound and
     * unpriced caveats speak of its cost tables, so they are replaced here; the others (model
     * attribution, mixed sources, pruned days) hold for the page as they are.
     */
    @SuppressWarnings("unchecked")
    static List<String> caveats(Map<String, Object> summary, Map<String, Object> report) {
        List<String> out = new ArrayList<>();
        long events = ((Number) summary.get("event_count")).longValue();
        long lowerBound = ((Number) summary.get("lower_bound_event_count")).longValue();
        long unpriced = ((Number) summary.get("unpriced_event_count")).longValue();
        if (lowerBound > 0) {
            out.add("Lower bound: " + lowerBound + " of " + events + " events reported incomplete usage "
                    + "(usage_complete=false). They are counted in the spend, repo, workstream, model and task "
                    + "figures, which are therefore floors, and left out of the cost-per-day chart.");
        }
        if (unpriced > 0) {
            Object tokens = summary.get("unpriced_tokens");
            out.add("Unpriced: " + unpriced + " of " + events + " events have no price (models: "
                    + String.join(", ", (List<String>) summary.get("unpriced_models")) + ")"
                    + (tokens == null ? "" : ", " + String.format(java.util.Locale.ROOT, "%,d", ((Number) tokens).longValue())
                    + " tokens") + ". They have no cost: a cost marked \u2265 counts the priced events only and is a "
                    + "lower bound, and a cost with nothing priced shows --.");
        }
        for (String c : (List<String>) report.getOrDefault("caveats", List.of())) {
            boolean replaced = c.contains("(usage_complete=false)") || c.startsWith("Lower bound: cost leaves out");
            if (!replaced) {
                out.add(c);
            }
        }
        return out;
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
            m.put("cost_usd", Cost.usd(g.events(), g.unpricedEvents(), g.costNanos()));
            m.put("cost_complete", g.unpricedEvents() == 0);
            m.put("unpriced_events", g.unpricedEvents());
            m.put("unpriced_tokens", Cost.unpricedTokens(g.events(), g.unpricedEvents(), g.totalTokens()));
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
