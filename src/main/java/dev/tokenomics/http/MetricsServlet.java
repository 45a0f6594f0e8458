package dev.tokenomics.http;

import dev.tokenomics.export.PrometheusText;
import dev.tokenomics.ledger.TokenLedger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the ledger for a Prometheus scrape, behind the same Host, Origin and token checks as /mcp. */
final class MetricsServlet extends HttpServlet {
    static final String PATH = "/metrics";

    private final transient TokenLedger ledger;

    MetricsServlet(TokenLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = PrometheusText.of(ledger).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType(PrometheusText.CONTENT_TYPE);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
