package dev.tokenomics.http;

import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.report.ReportRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, as JSON, for one window of UTC days: the page's figures from the
 * rollups (DashboardSpend) and the budgets, plus the tools' own answers (summary, report) served
 * beside them. The page, the JSON endpoints and {@code tokenomics dashboard --out} all use this one
 * builder.
 */
public final class DashboardData {
    /** The window when none is given: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    private DashboardData() {}

    /**
     * A window of whole UTC days and how it was chosen: {@code basis} is "requested" (since or until
     * given), "default" (the last 30 days to today) or "latest data" (nothing in the last 30 days, so
     * the 30 days to the latest event); {@code note} says so in a sentence for the page.
     */
    public record Window(LocalDate since, LocalDate until, String basis, String note) {
        public Window(LocalDate since, LocalDate until) {
            this(since, until, "requested", null);
        }

        public static Window parse(String since, String until, Clock clock) {
            LocalDate u = ReportRequest.date("until", until);
            LocalDate to = u != null ? u : LocalDate.now(clock.withZone(ZoneOffset.UTC));
            LocalDate s = ReportRequest.date("since", since);
            LocalDate from = s != null ? s : to.minusDays(DEFAULT_DAYS - 1);
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("since must not be after until, got since=" + from + " until=" + to);
            }
            boolean asked = s != null || u != null;
            return new Window(from, to, asked ? "requested" : "default", asked ? null
                    : "the last " + DEFAULT_DAYS + " days (default)");
        }

        /**
         * As {@link #parse}, except that a default window with no events in it, on a ledger whose
         * events are all older, moves back to the 30 days ending on the latest event's day.
         */
        public static Window resolve(String since, String until, TokenLedger ledger) {
            Window w = parse(since, until, ledger.clock());
            if (!"default".equals(w.basis())) {
                return w;
            }
            Instant[] span = ledger.events().eventSpan();
            if (span == null || !span[1].isBefore(w.since().atStartOfDay(ZoneOffset.UTC).toInstant())) {
                return w;
            }
            LocalDate last = LocalDate.ofInstant(span[1], ZoneOffset.UTC);
            return new Window(last.minusDays(DEFAULT_DAYS - 1), last, "latest data", "nothing was recorded in the last "
                    + DEFAULT_DAYS + " days, so this is the " + DEFAULT_DAYS + " days to the latest event (" + last + ")");
        }

        Map<String, Object> args() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("since", since.toString());
            a.put("until", until.toString());
            return a;
        }

        Instant start() {
            return since.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
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

    /**
     * Everything the page draws, in one answer, from the rollups (see DashboardStore): the window and
     * how it was chosen, the price table the costs came from, totals, days, groups, coverage, caveats
     * and the budgets. The tools' own answers stay at /api/summary and /api/report.
     */
    public static Map<String, Object> all(TokenLedger ledger, Window w) {
        Times.checkWindow(w.since(), w.until());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", w.since().toString());
        m.put("until", w.until().toString());
        m.put("timezone", "UTC");
        m.put("window", Map.of("basis", w.basis(), "note", w.note() == null ? "as requested" : w.note()));
        m.put("read_at", ledger.clock().instant().toString());
        m.put("prices", dev.tokenomics.report.Views.prices(ledger.prices()));
        m.putAll(DashboardSpend.of(ledger.reports().dashboard(w.start(), w.end()), w));
        m.put("budgets", budgets(ledger));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tool(TokenLedger ledger, String name, Map<String, Object> args) {
        CallToolResult r = TokenomicsServer.call(ledger, name, args);
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalArgumentException(((TextContent) r.content().get(0)).text());
        }
        return (Map<String, Object>) r.structuredContent();
    }
}
