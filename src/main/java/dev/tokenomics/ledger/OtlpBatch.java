package dev.tokenomics.ledger;

import java.util.List;

/**
 * The usage one OTLP export carried, ready for the ledger: per-request events (log records, GenAI
 * spans) with their record keys, and token-usage metric points, whose events the ledger makes once it
 * has turned cumulative values into increments against the stored series. Written in one transaction.
 *
 * <p>An exporter may send the same usage twice, as metrics and as logs (Claude Code with both
 * OTEL_METRICS_EXPORTER and OTEL_LOGS_EXPORTER set). Per session, only the most measured {@link Kind}
 * that arrived counts: a log event is one request as measured, a span one call, a metric point a sum
 * over an export interval. Events of a worse kind are left out, and removed when a better kind
 * arrives after them, so the totals do not depend on which signal came first.
 */
public record OtlpBatch(List<Request> requests, List<MetricPoint> points) {
    public OtlpBatch {
        requests = List.copyOf(requests);
        points = List.copyOf(points);
    }

    /** The kinds of OTLP usage, best first; the record-key prefix says which kind an event is. */
    public enum Kind {
        LOG("log"), SPAN("span"), METRIC("metric");

        private final String stored;

        Kind(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }

        /** Every record key of this kind starts so. */
        public String keyPrefix() {
            return "otlp:" + stored + ":";
        }

        static Kind of(String stored) {
            for (Kind k : values()) {
                if (k.stored.equals(stored)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("otlp_sessions.kind must be log, span or metric, got " + stored);
        }

        boolean betterThan(Kind other) {
            return ordinal() < other.ordinal();
        }
    }

    /** One measured request: its event already has its record key, which starts with the kind's prefix. */
    public record Request(Kind kind, EventInput event) {
        public Request {
            if (kind == Kind.METRIC) {
                throw new IllegalArgumentException("kind must be log or span for a request, got metric");
            }
            if (event.recordKey() == null || !event.recordKey().startsWith(kind.keyPrefix())) {
                throw new IllegalArgumentException("record_key must start with " + kind.keyPrefix() + ", got "
                        + event.recordKey());
            }
        }
    }

    /** Which bucket a token-usage point counts (Claude Code's {@code type} attribute). */
    public enum TokenType { INPUT, OUTPUT, CACHE_READ, CACHE_CREATION }

    /**
     * One data point of a token-usage sum. {@code seriesKey} names the series (metric, resource and
     * point attributes); {@code value} is the interval's increment (delta) or the running total since
     * {@code startNanos} (cumulative). {@code at} carries the event's time, session, model and the rest;
     * its token counts are ignored (the ledger sets them from the increment).
     */
    public record MetricPoint(String seriesKey, boolean cumulative, long startNanos, long timeNanos, long value,
            TokenType type, EventInput at) {
        public MetricPoint {
            if (value < 0) {
                throw new IllegalArgumentException("value must be >= 0 tokens, got " + value);
            }
        }
    }

    /**
     * What writing a batch did: events added; copies of what was stored (a retried export); usage left
     * out because a better kind counts for its session; events removed for the same reason.
     */
    public record Outcome(long added, long duplicates, long leftOut, long removed) {}
}
