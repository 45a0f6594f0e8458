package dev.tokenomics.http;

import dev.tokenomics.ledger.LedgerException;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.SyncLedger;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.sync.SyncWire;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/sync}: a hub takes one machine's pushed events (see {@link SyncWire}), behind the
 * same Host, Origin and bearer-token checks as /mcp (AccessFilter). The batch is written whole or
 * refused whole: 400 names the bad field; 413 a body over the limit; nothing is written either way.
 * One token per hub: whoever holds it may push under any machine name.
 */
final class SyncServlet extends HttpServlet {
    static final String PATH = "/v1/sync";
    /** 10,000 events of ~1 KB each, with room: a bigger body is refused before it is read. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final transient SyncLedger sync;

    SyncServlet(TokenLedger ledger) {
        this.sync = ledger.sync();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            JsonErrors.write(resp, 415, "a sync push is Content-Type: application/json, got " + type);
            return;
        }
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            JsonErrors.write(resp, 413, "a sync push is at most " + MAX_BODY_BYTES + " bytes, got "
                    + req.getContentLengthLong() + "; push fewer events at once");
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            JsonErrors.write(resp, 413, "a sync push is at most " + MAX_BODY_BYTES + " bytes; push fewer events at once");
            return;
        }
        SyncWire.Push push;
        SyncLedger.Received received;
        try {
            push = SyncWire.read(body);
            received = sync.receive(push.machine(), push.events(), push.changes(), push.refs());
        } catch (IllegalArgumentException e) {
            JsonErrors.write(resp, 400, "nothing was written: " + e.getMessage());
            return;
        } catch (LedgerException e) {
            JsonErrors.write(resp, 503, e.getMessage());
            return;
        }
        List<RecordedEvent> written = received.events();
        long replaced = written.stream().filter(RecordedEvent::replaced).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("machine", push.machine());
        answer.put("received", written.size());
        answer.put("added", written.size() - replaced);
        answer.put("replaced", replaced);
        answer.put("status_changes", push.changes().size());
        answer.put("status_changes_added", received.changesAdded());
        answer.put("refs", received.refsWritten());
        byte[] out = SyncWire.JSON.writeValueAsBytes(answer);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "POST");
        JsonErrors.write(resp, 405, PATH + " takes POST with a sync push (tokenomics sync --to URL)");
    }
}
