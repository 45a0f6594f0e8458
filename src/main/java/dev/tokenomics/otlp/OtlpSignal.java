package dev.tokenomics.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The three OTLP/HTTP signals and their default paths (OTLP spec, "OTLP/HTTP Request": /v1/metrics,
 * /v1/logs, /v1/traces), each with its request message and how its response says what was rejected.
 */
public enum OtlpSignal {
    METRICS("/v1/metrics", "data points"),
    LOGS("/v1/logs", "log records"),
    TRACES("/v1/traces", "spans");

    private final String path;
    private final String items;

    OtlpSignal(String path, String items) {
        this.path = path;
        this.items = items;
    }

    public String path() {
        return path;
    }

    /** What the signal's partial_success counts as rejected. */
    public String items() {
        return items;
    }

    public static OtlpSignal ofPath(String path) {
        for (OtlpSignal s : values()) {
            if (s.path.equals(path)) {
                return s;
            }
        }
        throw new IllegalArgumentException("path must be /v1/metrics, /v1/logs or /v1/traces, got " + path);
    }

    Message.Builder requestBuilder() {
        return switch (this) {
            case METRICS -> ExportMetricsServiceRequest.newBuilder();
            case LOGS -> ExportLogsServiceRequest.newBuilder();
            case TRACES -> ExportTraceServiceRequest.newBuilder();
        };
    }

    /**
     * The Export*ServiceResponse: partial_success set when something was rejected or there is a
     * warning, left unset on full success ("the server MAY leave partial_success unset", OTLP spec,
     * "Full Success").
     */
    Message response(long rejected, String message) {
        boolean partial = rejected > 0 || message != null;
        String m = message == null ? "" : message;
        return switch (this) {
            case METRICS -> partial ? ExportMetricsServiceResponse.newBuilder().setPartialSuccess(
                    ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected).setErrorMessage(m)).build()
                    : ExportMetricsServiceResponse.getDefaultInstance();
            case LOGS -> partial ? ExportLogsServiceResponse.newBuilder().setPartialSuccess(
                    ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected).setErrorMessage(m)).build()
                    : ExportLogsServiceResponse.getDefaultInstance();
            case TRACES -> partial ? ExportTraceServiceResponse.newBuilder().setPartialSuccess(
                    ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(m)).build()
                    : ExportTraceServiceResponse.getDefaultInstance();
        };
    }
}
