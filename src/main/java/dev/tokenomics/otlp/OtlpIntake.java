package dev.tokenomics.otlp;

import com.google.protobuf.Message;
import dev.tokenomics.ledger.OtlpBatch;
import dev.tokenomics.ledger.TokenLedger;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * One OTLP export in, its usage in the ledger (one transaction), and the Export*ServiceResponse out:
 * what the HTTP servlet calls, with the transport's concerns (status codes, gzip, limits) left to it.
 * Records that are not usage (other metrics, other events, spans without GenAI usage) are accepted
 * and not stored; usage records that are malformed are rejected one by one in partial_success, and
 * the rest of the export is still taken.
 */
public final class OtlpIntake {
    private final TokenLedger ledger;

    public OtlpIntake(TokenLedger ledger) {
        this.ledger = ledger;
    }

    /** The answer: the response body in the request's encoding, and what the export did to the ledger. */
    public record Answer(byte[] body, String contentType, long rejected, OtlpBatch.Outcome outcome) {}

    /** Throws {@link OtlpRejected} when the body does not decode (nothing is written then). */
    public Answer accept(OtlpSignal signal, OtlpEncoding encoding, byte[] body) {
        Message request = encoding.decode(signal, body);
        Reading reading = switch (signal) {
            case METRICS -> MetricPoints.read((ExportMetricsServiceRequest) request);
            case LOGS -> RequestEvents.logs((ExportLogsServiceRequest) request);
            case TRACES -> RequestEvents.spans((ExportTraceServiceRequest) request);
        };
        OtlpBatch.Outcome outcome = reading.empty() ? new OtlpBatch.Outcome(0, 0, 0, 0)
                : ledger.imports().importOtlp(reading.batch());
        Message response = signal.response(reading.rejected(), reading.message(signal));
        return new Answer(encoding.encode(response), encoding.contentType(), reading.rejected(), outcome);
    }
}
