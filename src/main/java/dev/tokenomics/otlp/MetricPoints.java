package dev.tokenomics.otlp;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.OtlpBatch;
import dev.tokenomics.pricing.Usage;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Claude Code's {@code claude_code.token.usage} counter (code.claude.com/docs/en/monitoring-usage,
 * "Token counter"): a sum of tokens with attribute {@code type} = input | output | cacheRead |
 * cacheCreation, plus {@code model} and {@code session.id}. Claude Code exports it with delta
 * temporality by default, each point its interval's increment; a cumulative sum (an exporter set to
 * OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative) is differenced by the ledger against
 * the last value of its series. Every other metric (cost.usage among them: the ledger prices the
 * tokens itself) is accepted and not stored.
 */
final class MetricPoints {
    static final String TOKEN_USAGE = "claude_code.token.usage";
    private static final Map<String, OtlpBatch.TokenType> TYPES = Map.of("input", OtlpBatch.TokenType.INPUT,
            "output", OtlpBatch.TokenType.OUTPUT, "cacheRead", OtlpBatch.TokenType.CACHE_READ,
            "cacheCreation", OtlpBatch.TokenType.CACHE_CREATION);
    private static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    private MetricPoints() {}

    static Reading read(ExportMetricsServiceRequest request) {
        Reading out = new Reading();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            String resource = Attributes.canonical(rm.getResource().getAttributesList());
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    if (TOKEN_USAGE.equals(m.getName())) {
                        read(rm, resource, m, out);
                    }
                }
            }
        }
        return out;
    }

    private static void read(ResourceMetrics rm, String resource, Metric m, Reading out) {
        if (!m.hasSum()) {
            int n = m.hasGauge() ? m.getGauge().getDataPointsCount() : 1;
            for (int i = 0; i < n; i++) {
                out.reject(TOKEN_USAGE, "must be a sum, got " + m.getDataCase());
            }
            return;
        }
        AggregationTemporality t = m.getSum().getAggregationTemporality();
        for (NumberDataPoint dp : m.getSum().getDataPointsList()) {
            try {
                if (t != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                        && t != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                    throw new IllegalArgumentException("aggregation_temporality must be delta or cumulative, got " + t);
                }
                out.add(point(rm, resource, dp, t == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE));
            } catch (IllegalArgumentException e) {
                out.reject(TOKEN_USAGE + " point", e.getMessage());
            }
        }
    }

    private static OtlpBatch.MetricPoint point(ResourceMetrics rm, String resource, NumberDataPoint dp,
            boolean cumulative) {
        Attributes a = Attributes.of(rm.getResource().getAttributesList(), dp.getAttributesList());
        String typeName = a.text("type");
        OtlpBatch.TokenType type = typeName == null ? null : TYPES.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("type must be one of input, output, cacheRead, cacheCreation, got "
                    + (typeName == null ? "none" : "\"" + typeName + "\""));
        }
        Instant ts = Reading.instant(dp.getTimeUnixNano());
        if (ts == null) {
            throw new IllegalArgumentException("time_unix_nano must be set, got 0");
        }
        long value = value(dp);
        String series = Reading.digest(TOKEN_USAGE + "|" + resource + "|"
                + Attributes.canonical(dp.getAttributesList()));
        Instant start = Reading.instant(dp.getStartTimeUnixNano());
        EventInput at = Reading.event("otlp:metric:pending", ts, cumulative ? null : start, cumulative ? null : ts,
                null, a.text("session.id"), a.text("service.name"), a.text("model"), NONE, null, "ok",
                a.text("host.name"), null);
        return new OtlpBatch.MetricPoint(series, cumulative, dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), value,
                type, at);
    }

    private static long value(NumberDataPoint dp) {
        switch (dp.getValueCase()) {
            case AS_INT:
                if (dp.getAsInt() < 0) {
                    throw new IllegalArgumentException("value must be >= 0 tokens, got " + dp.getAsInt());
                }
                return dp.getAsInt();
            case AS_DOUBLE:
                double d = dp.getAsDouble();
                if (!Double.isFinite(d) || d < 0) {
                    throw new IllegalArgumentException("value must be a finite number >= 0 of tokens, got " + d);
                }
                try {
                    return BigDecimal.valueOf(d).longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("value must be a whole number of tokens, got " + d);
                }
            default:
                throw new IllegalArgumentException("value must be set (as_int or as_double), got none");
        }
    }
}
