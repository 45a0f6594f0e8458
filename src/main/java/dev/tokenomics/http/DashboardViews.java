package dev.tokenomics.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's views that the page loads after its first paint, each the answer of an MCP tool
 * (so it cannot drift from what agents see): spend by agent CLI (the source column), the sessions
 * with a drill-down to a session's events, and the 5-hour blocks; and each workstream's dominant model. They read events rather than
 * rollups, so they stay out of /api/dashboard, which must arrive quickly.
 */
final class DashboardViews {
    /** Sessions listed, most recent first; the answer says how many there were. */
    static final int MAX_SESSIONS = 20;
    /** Blocks listed, most recent first, from the last week. */
    static final int MAX_BLOCKS = 12;
    static final int BLOCK_DAYS = 7;
    static final int MAX_EVENTS = 200;

    private DashboardViews() {}

    /** tokenomics_report's coverage table: records, tokens and cost per source. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sources(dev.tokenomics.ledger.TokenLedger ledger, DashboardData.Window w) {
        Map<String, Object> args = w.args();
        args.put("sections", List.of("coverage"));
        Map<String, Object> report = DashboardData.tool(ledger, "tokenomics_report", args);
        Map<String, Object> tables = (Map<String, Object>) report.getOrDefault("tables", Map.of());
        Map<String, Object> coverage = (Map<String, Object>) tables.getOrDefault("coverage", Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("by_source", coverage.getOrDefault("by_source", Map.of()));
        m.put("mixes_self_reported_and_measured", coverage.get("mixes_self_reported_and_measured"));
        return m;
    }

    /** get_token_summary's by_machine over the window: a team ledger's spend per laptop, desktop and CI runner. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> machines(dev.tokenomics.ledger.TokenLedger ledger, DashboardData.Window w) {
        Map<String, Object> args = w.args();
        args.put("scope", "all");
        Map<String, Object> summary = DashboardData.tool(ledger, "get_token_summary", args);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("by_machine", summary.getOrDefault("by_machine", Map.of()));
        return m;
    }

    /** get_usage's session view over the window, the most recent MAX_SESSIONS. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sessions(dev.tokenomics.ledger.TokenLedger ledger, DashboardData.Window w) {
        Map<String, Object> args = w.args();
        args.put("view", "session");
        Map<String, Object> usage = DashboardData.tool(ledger, "get_usage", args);
        List<Object> all = (List<Object>) usage.getOrDefault("sessions", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("session_count", all.size());
        m.put("sessions", all.subList(0, Math.min(MAX_SESSIONS, all.size())));
        return m;
    }

    /** get_usage's blocks over the last BLOCK_DAYS days to now, newest first: the active one has burn rate and projection. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> blocks(dev.tokenomics.ledger.TokenLedger ledger) {
        LocalDate today = LocalDate.now(ledger.clock().withZone(ZoneOffset.UTC));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("view", "blocks");
        args.put("since", today.minusDays(BLOCK_DAYS - 1).toString());
        args.put("until", today.toString());
        Map<String, Object> usage = DashboardData.tool(ledger, "get_usage", args);
        List<Object> blocks = new java.util.ArrayList<>((List<Object>) usage.getOrDefault("blocks", List.of()));
        java.util.Collections.reverse(blocks);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", args.get("since"));
        m.put("until", args.get("until"));
        m.put("blocks", blocks.subList(0, Math.min(MAX_BLOCKS, blocks.size())));
        return m;
    }

    /** Each workstream's costliest model in the window (it reads the events: a view, not /api/dashboard). */
    static Map<String, Object> workstreamModels(dev.tokenomics.ledger.TokenLedger ledger, DashboardData.Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("dominant_model", ledger.reports().dominantModels(w.start(), w.end()));
        return m;
    }

    /** list_token_events for one session in the window, newest first, one page. */
    static Map<String, Object> sessionEvents(dev.tokenomics.ledger.TokenLedger ledger, DashboardData.Window w,
            String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("session_id is required for /api/events, got "
                    + (sessionId == null ? "none" : "a blank one"));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("session_id", sessionId);
        args.put("since", w.since().toString());
        args.put("until", w.until().toString());
        args.put("limit", MAX_EVENTS);
        return DashboardData.tool(ledger, "list_token_events", args);
    }
}
