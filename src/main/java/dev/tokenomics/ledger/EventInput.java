package dev.tokenomics.ledger;

import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One token event as a caller hands it to the ledger, validated: every rule names the field and
 * the bad value. {@code recordKey} may be null (the ledger then makes one); {@code ts} is required.
 */
public record EventInput(
        String recordKey,
        Instant ts,
        Instant tsStart,
        Instant tsEnd,
        Long durationMs,
        String sessionId,
        String taskId,
        String workstream,
        String repo,
        String agent,
        String model,
        String stage,
        String role,
        String structure,
        String lane,
        String refType,
        String refId,
        Usage usage,
        BigDecimal reportedCostUsd,
        boolean usageComplete,
        String source,
        String status,
        String note,
        String speed,
        String machine) {

    /** More tokens than this in one bucket of one event is a typo or a unit mix-up, not usage. */
    public static final long MAX_TOKENS_PER_BUCKET = 10_000_000_000L;
    /** A caller-given cost above this for one event is refused for the same reason. */
    public static final BigDecimal MAX_REPORTED_COST_USD = new BigDecimal("1000000");
    public static final int MAX_ID_LENGTH = 256;
    /** A record_key may be a hub's (machine + "/" + the machine's own key, see SyncLedger). */
    public static final int MAX_RECORD_KEY_LENGTH = MAX_ID_LENGTH + 1 + Machines.MAX_LENGTH;
    public static final int MAX_NOTE_LENGTH = 4_000;
    public static final Set<String> STATUSES = Set.of("ok", "error");
    /** Claude Code's usage.speed values; fast-mode messages are billed at fast-mode rates. */
    public static final Set<String> SPEEDS = Set.of("standard", "fast");

    /** An event whose machine is the recording ledger's own (the writer stamps it). */
    public EventInput(String recordKey, Instant ts, Instant tsStart, Instant tsEnd, Long durationMs, String sessionId,
            String taskId, String workstream, String repo, String agent, String model, String stage, String role,
            String structure, String lane, String refType, String refId, Usage usage, BigDecimal reportedCostUsd,
            boolean usageComplete, String source, String status, String note, String speed) {
        this(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo, agent, model, stage, role,
                structure, lane, refType, refId, usage, reportedCostUsd, usageComplete, source, status, note, speed,
                null);
    }

    /** An event without a speed (standard rates). */
    public EventInput(String recordKey, Instant ts, Instant tsStart, Instant tsEnd, Long durationMs, String sessionId,
            String taskId, String workstream, String repo, String agent, String model, String stage, String role,
            String structure, String lane, String refType, String refId, Usage usage, BigDecimal reportedCostUsd,
            boolean usageComplete, String source, String status, String note) {
        this(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo, agent, model, stage, role,
                structure, lane, refType, refId, usage, reportedCostUsd, usageComplete, source, status, note, null);
    }

    public EventInput {
        if (ts == null) {
            throw new IllegalArgumentException("ts is required");
        }
        if (usage == null) {
            throw new IllegalArgumentException("token counts are required");
        }
        checkTokens("input_tokens", usage.inputTokens());
        checkTokens("output_tokens", usage.outputTokens());
        checkTokens("cache_creation_tokens", usage.cacheWrite5mTokens());
        checkTokens("cache_creation_1h_tokens", usage.cacheWrite1hTokens());
        checkTokens("cache_read_tokens", usage.cacheReadTokens());
        if (tsStart != null && tsEnd != null && tsEnd.isBefore(tsStart)) {
            throw new IllegalArgumentException("ts_end must not be before ts_start, got ts_start="
                    + Times.format(tsStart) + " ts_end=" + Times.format(tsEnd));
        }
        if (durationMs != null && durationMs < 0) {
            throw new IllegalArgumentException("duration_ms must be >= 0, got " + durationMs);
        }
        if (reportedCostUsd != null) {
            if (reportedCostUsd.signum() < 0) {
                throw new IllegalArgumentException("cost_usd must be >= 0, got " + reportedCostUsd.toPlainString());
            }
            if (reportedCostUsd.compareTo(MAX_REPORTED_COST_USD) > 0) {
                throw new IllegalArgumentException("cost_usd must be at most " + MAX_REPORTED_COST_USD.toPlainString()
                        + " for one event, got " + reportedCostUsd.toPlainString());
            }
        }
        recordKey = text("record_key", recordKey, MAX_RECORD_KEY_LENGTH);
        sessionId = text("session_id", sessionId, MAX_ID_LENGTH);
        taskId = text("task_id", taskId, MAX_ID_LENGTH);
        workstream = text("workstream", workstream, MAX_ID_LENGTH);
        repo = text("repo", repo, MAX_ID_LENGTH);
        agent = text("agent", agent, MAX_ID_LENGTH);
        model = text("model", model, MAX_ID_LENGTH);
        stage = text("stage", stage, MAX_ID_LENGTH);
        role = text("role", role, MAX_ID_LENGTH);
        structure = text("structure", structure, MAX_ID_LENGTH);
        lane = text("lane", lane, MAX_ID_LENGTH);
        refType = text("ref_type", refType, MAX_ID_LENGTH);
        refId = text("ref_id", refId, MAX_ID_LENGTH);
        note = text("note", note, MAX_NOTE_LENGTH);
        source = text("source", source, MAX_ID_LENGTH);
        if (source == null) {
            source = Sources.SELF_REPORT;
        }
        status = text("status", status, MAX_ID_LENGTH);
        if (status == null) {
            status = "ok";
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of ok, error; got " + Times.quote(status));
        }
        machine = machine == null ? null : Machines.check(machine.strip());
        speed = text("speed", speed, MAX_ID_LENGTH);
        if (speed != null && !SPEEDS.contains(speed)) {
            throw new IllegalArgumentException("speed must be one of standard, fast; got " + Times.quote(speed));
        }
    }

    private static void checkTokens(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        if (value > MAX_TOKENS_PER_BUCKET) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TOKENS_PER_BUCKET
                    + " for one event, got " + value);
        }
    }

    /** Blank means absent; text past {@code max} characters is refused, not cut. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, got "
                    + v.length() + " characters");
        }
        return v;
    }

    public EventInput withTaskDefaults(String taskWorkstream, String taskRepo) {
        return new EventInput(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId,
                workstream != null ? workstream : taskWorkstream, repo != null ? repo : taskRepo,
                agent, model, stage, role, structure, lane, refType, refId, usage, reportedCostUsd,
                usageComplete, source, status, note, speed, machine);
    }

    public EventInput withTaskId(String newTaskId) {
        return new EventInput(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, newTaskId, workstream, repo,
                agent, model, stage, role, structure, lane, refType, refId, usage, reportedCostUsd,
                usageComplete, source, status, note, speed, machine);
    }

    /** This event with the session and repo given where it has none (a ledger's defaults). */
    public EventInput withSessionAndRepo(String defaultSessionId, String defaultRepo) {
        return new EventInput(recordKey, ts, tsStart, tsEnd, durationMs, sessionId != null ? sessionId : defaultSessionId,
                taskId, workstream, repo != null ? repo : defaultRepo, agent, model, stage, role, structure, lane, refType,
                refId, usage, reportedCostUsd, usageComplete, source, status, note, speed, machine);
    }

    /** This event as recorded on {@code newMachine} (a hub's pushed event, an OTLP exporter's host). */
    public EventInput withMachine(String newMachine) {
        return new EventInput(recordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo,
                agent, model, stage, role, structure, lane, refType, refId, usage, reportedCostUsd,
                usageComplete, source, status, note, speed, newMachine);
    }

    public EventInput withRecordKey(String newRecordKey) {
        return new EventInput(newRecordKey, ts, tsStart, tsEnd, durationMs, sessionId, taskId, workstream, repo,
                agent, model, stage, role, structure, lane, refType, refId, usage, reportedCostUsd,
                usageComplete, source, status, note, speed, machine);
    }

    /** True for a fast-mode event: priced at the model's fast-mode rates. */
    public boolean fast() {
        return "fast".equals(speed);
    }
}
