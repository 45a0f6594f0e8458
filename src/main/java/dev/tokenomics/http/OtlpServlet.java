package dev.tokenomics.http;

import dev.tokenomics.ledger.LedgerException;
import dev.tokenomics.otlp.OtlpEncoding;
import dev.tokenomics.otlp.OtlpIntake;
import dev.tokenomics.otlp.OtlpRejected;
import dev.tokenomics.otlp.OtlpSignal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@code POST /v1/metrics}, {@code /v1/logs}, {@code /v1/traces}: OTLP/HTTP intake, behind the same
 * Host, Origin and bearer-token checks as /mcp (the AccessFilter in front of every path; an OTLP
 * exporter sends the token from OTEL_EXPORTER_OTLP_HEADERS). Answers as the OTLP spec's "OTLP/HTTP
 * Response" says: 200 with the Export*ServiceResponse (partial_success naming what was rejected), 400
 * with a google.rpc.Status for a body that does not decode, 415 for another Content-Type or
 * Content-Encoding, 413 past the size limit, 503 (retryable) when the ledger cannot take the write now.
 */
final class OtlpServlet extends HttpServlet {
    /** Largest body taken, compressed or not: an export batch of the SDKs' default 512 records is far below it. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final int INVALID_ARGUMENT = 3;
    private static final int UNAVAILABLE = 14;

    private final transient OtlpIntake intake;

    OtlpServlet(OtlpIntake intake) {
        this.intake = intake;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OtlpSignal signal = OtlpSignal.ofPath(req.getServletPath());
        OtlpEncoding encoding = OtlpEncoding.ofContentType(req.getContentType());
        if (encoding == null) {
            JsonErrors.write(resp, 415, "Content-Type must be application/x-protobuf or application/json for "
                    + signal.path() + ", got " + (req.getContentType() == null ? "none" : req.getContentType()));
            return;
        }
        String contentEncoding = req.getHeader("Content-Encoding");
        boolean gzip = contentEncoding != null && "gzip".equals(contentEncoding.strip().toLowerCase(Locale.ROOT));
        if (contentEncoding != null && !gzip && !"identity".equalsIgnoreCase(contentEncoding.strip())) {
            JsonErrors.write(resp, 415, "Content-Encoding must be gzip or identity, got " + contentEncoding);
            return;
        }
        byte[] body;
        try {
            body = read(gzip ? new GZIPInputStream(req.getInputStream()) : req.getInputStream());
        } catch (ZipException e) {
            answer(resp, 400, encoding, encoding.status(INVALID_ARGUMENT, "the body is not gzip: " + e.getMessage()));
            return;
        } catch (TooLarge e) {
            JsonErrors.write(resp, 413, "the body must be at most " + MAX_BODY_BYTES + " bytes"
                    + (gzip ? " once unzipped" : "") + "; send smaller batches (OTEL_BSP_MAX_EXPORT_BATCH_SIZE)");
            return;
        }
        try {
            OtlpIntake.Answer a = intake.accept(signal, encoding, body);
            answer(resp, 200, encoding, a.body());
        } catch (OtlpRejected e) {
            answer(resp, 400, encoding, encoding.status(INVALID_ARGUMENT, e.getMessage()));
        } catch (LedgerException e) {
            // The exporter retries a 503 with backoff (OTLP spec, "Retryable Response Codes"): the write
            // was all or nothing, so a retry adds exactly what this one would have.
            resp.setHeader("Retry-After", "5");
            answer(resp, 503, encoding, encoding.status(UNAVAILABLE, "the ledger could not take the export now: "
                    + e.getMessage()));
        }
    }

    private static void answer(HttpServletResponse resp, int status, OtlpEncoding encoding, byte[] body)
            throws IOException {
        resp.setStatus(status);
        resp.setContentType(encoding.contentType());
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    throw new TooLarge();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
