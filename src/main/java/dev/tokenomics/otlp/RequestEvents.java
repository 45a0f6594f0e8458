package dev.tokenomics.otlp;

import dev.tokenomics.ledger.OtlpBatch;
import dev.tokenomics.pricing.Usage;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Per-request usage: Claude Code's {@code claude_code.api_request} log events
 * (code.claude.com/docs/en/monitoring-usage, "API request event": input_tokens, output_tokens,
 * cache_read_tokens, cache_creation_tokens, cost_usd, duration_ms, model), and the OpenTelemetry GenAI
 * semantic conventions' usage attributes on spans and log events from any agent SDK
 * ({@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}, the cache_read and
 * cache_creation input tokens, {@code gen_ai.response.model} or else {@code gen_ai.request.model}).
 * Other records are accepted and not stored.
 */
final class RequestEvents {
    private static final Set<String> API_REQUEST = Set.of("claude_code.api_request", "api_request");
    private static final String GEN_AI_INPUT = "gen_ai.usage.input_tokens";
    private static final String GEN_AI_OUTPUT = "gen_ai.usage.output_tokens";
    private static final String GEN_AI_CACHE_READ = "gen_ai.usage.cache_read.input_tokens";
    private static final String GEN_AI_CACHE_WRITE = "gen_ai.usage.cache_creation.input_tokens";

    private RequestEvents() {}

    static Reading logs(ExportLogsServiceRequest request) {
        Reading out = new Reading();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            byte[] resource = rl.getResource().toByteArray();
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord lr : sl.getLogRecordsList()) {
                    Attributes a = Attributes.of(rl.getResource().getAttributesList(), lr.getAttributesList());
                    boolean apiRequest = API_REQUEST.contains(eventName(lr, a));
                    if (!apiRequest && !a.has(GEN_AI_INPUT) && !a.has(GEN_AI_OUTPUT)) {
                        continue;
                    }
                    try {
                        // The same record in a retried export has the same bytes, hence the same key.
                        String key = OtlpBatch.Kind.LOG.keyPrefix() + Reading.digest(resource, lr.toByteArray());
                        out.add(new OtlpBatch.Request(OtlpBatch.Kind.LOG,
                                apiRequest ? apiRequest(key, lr, a) : genAiLog(key, lr, a)));
                    } catch (IllegalArgumentException e) {
                        out.reject(apiRequest ? "claude_code.api_request event" : "gen_ai log event", e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** The event's name: LogRecord.event_name, else the event.name attribute, else a string body. */
    private static String eventName(LogRecord lr, Attributes a) {
        if (!lr.getEventName().isEmpty()) {
            return lr.getEventName();
        }
        String name = a.text("event.name");
        if (name != null) {
            return name;
        }
        return lr.getBody().hasStringValue() ? lr.getBody().getStringValue() : null;
    }

    private static dev.tokenomics.ledger.EventInput apiRequest(String key, LogRecord lr, Attributes a) {
        // Claude Code's input_tokens is the Anthropic API's: the uncached rest, beside cache reads and writes.
        Usage u = new Usage(a.tokens("input_tokens"), a.tokens("output_tokens"), a.tokens("cache_creation_tokens"), 0,
                a.tokens("cache_read_tokens"));
        java.math.BigDecimal duration = a.decimal("duration_ms");
        Long durationMs = duration == null ? null : duration.longValue();
        String speed = "fast".equals(a.text("speed")) ? "fast" : null;
        return Reading.event(key, time(lr, a), null, null, durationMs, a.text("session.id"), a.text("service.name"),
                a.text("model"), u, a.decimal("cost_usd"), "ok", a.text("host.name"), speed);
    }

    private static dev.tokenomics.ledger.EventInput genAiLog(String key, LogRecord lr, Attributes a) {
        return Reading.event(key, time(lr, a), null, null, null, session(a), agent(a), model(a), genAiUsage(a), null,
                "ok", a.text("host.name"), null);
    }

    /** event.timestamp (ISO-8601, Claude Code's), else the record's time, else when it was observed. */
    private static Instant time(LogRecord lr, Attributes a) {
        String iso = a.text("event.timestamp");
        if (iso != null) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("event.timestamp must be an ISO-8601 time, got \"" + iso + "\"");
            }
        }
        Instant t = Reading.instant(lr.getTimeUnixNano());
        if (t == null) {
            t = Reading.instant(lr.getObservedTimeUnixNano());
        }
        if (t == null) {
            throw new IllegalArgumentException("time_unix_nano and observed_time_unix_nano must not both be 0");
        }
        return t;
    }

    static Reading spans(ExportTraceServiceRequest request) {
        Reading out = new Reading();
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    Attributes a = Attributes.of(rs.getResource().getAttributesList(), s.getAttributesList());
                    if (!a.has(GEN_AI_INPUT) && !a.has(GEN_AI_OUTPUT)) {
                        continue;
                    }
                    try {
                        if (s.getTraceId().isEmpty() || s.getSpanId().isEmpty()) {
                            throw new IllegalArgumentException("trace_id and span_id must be set");
                        }
                        String key = OtlpBatch.Kind.SPAN.keyPrefix() + hex.formatHex(s.getTraceId().toByteArray())
                                + ":" + hex.formatHex(s.getSpanId().toByteArray());
                        Instant start = Reading.instant(s.getStartTimeUnixNano());
                        Instant end = Reading.instant(s.getEndTimeUnixNano());
                        if (end == null) {
                            throw new IllegalArgumentException("end_time_unix_nano must be set, got 0");
                        }
                        Long durationMs = start == null || start.isAfter(end) ? null
                                : (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1_000_000;
                        String status = s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? "error" : "ok";
                        out.add(new OtlpBatch.Request(OtlpBatch.Kind.SPAN, Reading.event(key, end,
                                start == null || start.isAfter(end) ? null : start, end, durationMs, session(a),
                                agent(a), model(a), genAiUsage(a), null, status, a.text("host.name"), null)));
                    } catch (IllegalArgumentException e) {
                        out.reject("gen_ai span " + s.getName(), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The GenAI conventions count cached tokens inside gen_ai.usage.input_tokens ("SHOULD include all
     * types of input tokens, including cached tokens"); the ledger keeps the uncached rest as input, as
     * it does for Claude Code, so the cache reads and writes are taken out of it.
     */
    private static Usage genAiUsage(Attributes a) {
        long input = a.tokens(GEN_AI_INPUT);
        long read = a.tokens(GEN_AI_CACHE_READ);
        long write = a.tokens(GEN_AI_CACHE_WRITE);
        return new Usage(Math.max(0, input - read - write), a.tokens(GEN_AI_OUTPUT), write, 0, read);
    }

    private static String model(Attributes a) {
        String m = a.text("gen_ai.response.model");
        return m != null ? m : a.text("gen_ai.request.model");
    }

    private static String session(Attributes a) {
        String s = a.text("gen_ai.conversation.id");
        return s != null ? s : a.text("session.id");
    }

    private static String agent(Attributes a) {
        String s = a.text("gen_ai.agent.name");
        return s != null ? s : a.text("service.name");
    }
}
