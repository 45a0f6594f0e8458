package dev.tokenomics.http;

import dev.tokenomics.ledger.TokenLedger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard: the page and its assets (no data in them, so a browser may load them without the
 * bearer token) and the read-only JSON endpoints under /api/, which AccessFilter guards like /mcp.
 */
final class DashboardServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(DashboardServlet.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, String> ASSETS = Map.ofEntries(Map.entry("/", "index.html"),
            Map.entry("/dashboard", "index.html"), Map.entry("/dashboard/", "index.html"),
            Map.entry("/dashboard.js", "dashboard.js"), Map.entry("/dashboard.css", "dashboard.css"),
            Map.entry("/charts.js", "charts.js"), Map.entry("/views.js", "views.js"),
            Map.entry("/vendor/uPlot.iife.min.js", "vendor/uPlot.iife.min.js"),
            Map.entry("/vendor/uPlot.min.css", "vendor/uPlot.min.css"));

    private final transient TokenLedger ledger;

    DashboardServlet(TokenLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI();
        String asset = ASSETS.get(path);
        if (asset != null) {
            serve(res, asset);
            return;
        }
        if (!path.startsWith("/api/")) {
            send(res, 404, Map.of("error", "no such page: " + path + " (the dashboard is at /)"));
            return;
        }
        try {
            DashboardData.Window w = DashboardData.Window.resolve(req.getParameter("since"), req.getParameter("until"),
                    ledger);
            Object body = switch (path) {
                case "/api/dashboard" -> DashboardData.all(ledger, w);
                case "/api/summary" -> DashboardData.summary(ledger, w);
                case "/api/report" -> DashboardData.report(ledger, w);
                case "/api/budgets" -> DashboardData.budgets(ledger);
                case "/api/sources" -> DashboardViews.sources(ledger, w);
                case "/api/machines" -> DashboardViews.machines(ledger, w);
                case "/api/sessions" -> DashboardViews.sessions(ledger, w);
                case "/api/blocks" -> DashboardViews.blocks(ledger);
                case "/api/workstream-models" -> DashboardViews.workstreamModels(ledger, w);
                case "/api/events" -> DashboardViews.sessionEvents(ledger, w, req.getParameter("session_id"));
                default -> null;
            };
            if (body == null) {
                send(res, 404, Map.of("error", "no endpoint " + path + "; there are /api/dashboard, /api/summary, "
                        + "/api/report, /api/budgets, /api/sources, /api/machines, /api/sessions, /api/blocks, /api/workstream-models "
                        + "and /api/events"));
                return;
            }
            res.setHeader("Cache-Control", "no-store");
            send(res, 200, body);
        } catch (IllegalArgumentException e) {
            send(res, 400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            log.error("dashboard {} failed", path, e);
            send(res, 500, Map.of("error", "the ledger could not answer: " + e.getMessage()));
        }
    }

    static String asset(String name) throws IOException {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IOException("dashboard asset " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void serve(HttpServletResponse res, String name) throws IOException {
        String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
        res.setStatus(200);
        res.setContentType(type + "; charset=utf-8");
        // Everything the page needs comes from this server: no CDN, no remote fonts.
        res.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'");
        res.getOutputStream().write(asset(name).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletResponse res, int status, Object body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
