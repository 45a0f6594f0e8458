package dev.tokenomics.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP export requests shaped as Claude Code sends them (resource service.name claude-code, meter
 * com.anthropic.claude_code, token.usage points with type/model/session.id, api_request events with
 * string-valued counts), built with the OpenTelemetry project's own message classes.
 */
public final class OtlpExports {
    public static final long T0 = 1_795_000_000_000_000_000L; // 2026-11-18T...Z in nanoseconds
    public static final String MODEL = "claude-sonnet-4-5-20250929";

    private OtlpExports() {}

    public static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    public static KeyValue kv(String k, long v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setIntValue(v)).build();
    }

    static Resource resource(String host) {
        return Resource.newBuilder().addAttributes(kv("service.name", "claude-code"))
                .addAttributes(kv("service.version", "2.1.154")).addAttributes(kv("host.name", host)).build();
    }

    /** One token.usage point: {type, value}. */
    public record Point(String session, String type, long value, long startNanos, long timeNanos) {}

    public static ExportMetricsServiceRequest tokenUsage(boolean cumulative, List<Point> points) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(cumulative
                ? AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE
                : AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        for (Point p : points) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(p.startNanos())
                    .setTimeUnixNano(p.timeNanos()).setAsDouble(p.value())
                    .addAttributes(kv("session.id", p.session())).addAttributes(kv("type", p.type()))
                    .addAttributes(kv("model", MODEL)).addAttributes(kv("user.account_uuid", "u-1")));
        }
        Metric usage = Metric.newBuilder().setName("claude_code.token.usage").setUnit("tokens").setSum(sum).build();
        Metric sessions = Metric.newBuilder().setName("claude_code.session.count").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1))).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource("laptop-1")).addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(usage).addMetrics(sessions))).build();
    }

    /** One api_request event: {input, output, cacheRead, cacheCreation} tokens. */
    public record Request(String session, long sequence, long input, long output, long cacheRead,
            long cacheCreation, String costUsd) {}

    public static ExportLogsServiceRequest apiRequests(List<Request> requests) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (Request r : requests) {
            List<KeyValue> a = new ArrayList<>(List.of(kv("event.name", "api_request"),
                    kv("event.timestamp", "2026-11-18T10:00:0" + (r.sequence() % 10) + ".000Z"),
                    kv("event.sequence", r.sequence()), kv("session.id", r.session()), kv("model", MODEL),
                    kv("input_tokens", Long.toString(r.input())), kv("output_tokens", Long.toString(r.output())),
                    kv("cache_read_tokens", Long.toString(r.cacheRead())),
                    kv("cache_creation_tokens", Long.toString(r.cacheCreation())), kv("cost_usd", r.costUsd()),
                    kv("duration_ms", "1200")));
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0 + r.sequence())
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request")).addAllAttributes(a));
        }
        scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0).setBody(AnyValue.newBuilder()
                .setStringValue("claude_code.user_prompt")).addAttributes(kv("event.name", "user_prompt")));
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource("laptop-1")).addScopeLogs(scope)).build();
    }

    public static ExportTraceServiceRequest genAiSpan(byte traceByte, String model, long input, long output,
            long cacheRead) {
        byte[] trace = new byte[16];
        java.util.Arrays.fill(trace, traceByte);
        byte[] span = new byte[8];
        java.util.Arrays.fill(span, traceByte);
        Span s = Span.newBuilder().setTraceId(ByteString.copyFrom(trace)).setSpanId(ByteString.copyFrom(span))
                .setName("chat " + model).setStartTimeUnixNano(T0).setEndTimeUnixNano(T0 + 2_500_000_000L)
                .addAttributes(kv("gen_ai.operation.name", "chat")).addAttributes(kv("gen_ai.request.model", model))
                .addAttributes(kv("gen_ai.usage.input_tokens", input))
                .addAttributes(kv("gen_ai.usage.output_tokens", output))
                .addAttributes(kv("gen_ai.usage.cache_read.input_tokens", cacheRead)).build();
        Span plain = Span.newBuilder().setTraceId(ByteString.copyFrom(trace)).setSpanId(ByteString.copyFrom(new byte[8]))
                .setName("tool call").setStartTimeUnixNano(T0).setEndTimeUnixNano(T0 + 1).build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "my-agent")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(s).addSpans(plain))).build();
    }
}
