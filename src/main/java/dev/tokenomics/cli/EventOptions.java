package dev.tokenomics.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The token-event options of record and task update; names mirror the tool's arguments. */
final class EventOptions {
    @Option(names = {"--input-tokens", "--tokens-in"}, paramLabel = "N", description = "Uncached input tokens.")
    Long inputTokens;

    @Option(names = {"--output-tokens", "--tokens-out"}, paramLabel = "N", description = "Output tokens.")
    Long outputTokens;

    @Option(names = "--cache-creation-tokens", paramLabel = "N", description = "Cache writes, 5-minute TTL.")
    Long cacheCreationTokens;

    @Option(names = "--cache-creation-1h-tokens", paramLabel = "N", description = "Cache writes, 1-hour TTL.")
    Long cacheCreation1hTokens;

    @Option(names = "--cache-read-tokens", paramLabel = "N", description = "Cache reads.")
    Long cacheReadTokens;

    @Option(names = "--model", description = "Model id, e.g. claude-sonnet-4-5-20250929 (prices the event).")
    String model;

    @Option(names = "--agent", description = "Who did the work.")
    String agent;

    @Option(names = "--session-id", description = "Agent session id.")
    String sessionId;

    @Option(names = "--stage", description = "Pipeline stage.")
    String stage;

    @Option(names = "--role", description = "Role, e.g. red, green, single.")
    String role;

    @Option(names = "--structure", description = "spawn or inline.")
    String structure;

    @Option(names = "--lane", description = "Lane or path the task took.")
    String lane;

    @Option(names = "--ref-type", description = "commit, pr, release, session, ...")
    String refType;

    @Option(names = "--ref-id", description = "Commit SHA, PR number, release tag, ...")
    String refId;

    @Option(names = "--ts", description = "Event time, ISO-8601 with zone (default: --ts-end, else now).")
    String ts;

    @Option(names = "--ts-start", description = "Work start, ISO-8601 with zone.")
    String tsStart;

    @Option(names = "--ts-end", description = "Work end, ISO-8601 with zone.")
    String tsEnd;

    @Option(names = "--duration-ms", paramLabel = "MS", description = "Duration in milliseconds.")
    Long durationMs;

    @Option(names = "--cost-usd", paramLabel = "USD", description = "Cost as you know it; kept beside the computed one.")
    BigDecimal costUsd;

    @Option(names = "--usage-complete", arity = "1", paramLabel = "true|false",
            description = "false when the counts are a lower bound (default true).")
    Boolean usageComplete;

    @Option(names = "--record-key", paramLabel = "KEY",
            description = "Idempotency key: the same key again replaces the event.")
    String recordKey;

    @Option(names = "--speed", paramLabel = "standard|fast",
            description = "fast for Claude Code's fast mode: billed at the model's fast-mode rates (default standard).")
    String speed;

    /** The tool arguments these options stand for (absent options are left out). */
    Map<String, Object> toArgs() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "input_tokens", inputTokens);
        put(m, "output_tokens", outputTokens);
        put(m, "cache_creation_tokens", cacheCreationTokens);
        put(m, "cache_creation_1h_tokens", cacheCreation1hTokens);
        put(m, "cache_read_tokens", cacheReadTokens);
        put(m, "model", model);
        put(m, "agent", agent);
        put(m, "session_id", sessionId);
        put(m, "stage", stage);
        put(m, "role", role);
        put(m, "structure", structure);
        put(m, "lane", lane);
        put(m, "ref_type", refType);
        put(m, "ref_id", refId);
        put(m, "ts", ts);
        put(m, "ts_start", tsStart);
        put(m, "ts_end", tsEnd);
        put(m, "duration_ms", durationMs);
        put(m, "cost_usd", costUsd);
        put(m, "usage_complete", usageComplete);
        put(m, "record_key", recordKey);
        put(m, "speed", speed);
        return m;
    }

    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
