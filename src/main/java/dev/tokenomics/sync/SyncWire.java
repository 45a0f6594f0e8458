package dev.tokenomics.sync;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Machines;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.SyncedChange;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of one push to a hub's {@code POST /v1/sync}: one machine's events, as the machine's ledger
 * stores them (the hub prices them itself, with its own table).
 *
 * <pre>{"machine": "laptop", "events": [{"record_key": "...", "ts": "2026-11-22T10:15:30.123Z",
 *   "input_tokens": 120, ..., "source": "claude-code"}],
 *  "status_changes": [{"id": 7, "task_id": "T1", "from_status": "todo", "to_status": "done", "ts": "...",
 *   "event_record_key": "...", "title": ..., "workstream": ..., "repo": ...}],
 *  "refs": [{"ref_type": "commit", "ref_id": "abc123", "loc_added": 40, ...}]}</pre>
 *
 * <p>status_changes and refs are optional (a push of events alone, as before, stays valid).
 *
 * <p>A hub reads a push whole or not at all: every problem names its place ({@code events[3].ts}) and
 * the bad value, and nothing is written.
 */
public final class SyncWire {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most events one push may carry (the ledger's batch limit). */
    public static final int MAX_EVENTS = 10_000;

    private static final Set<String> TOP = Set.of("machine", "events", "status_changes", "refs");
    private static final Set<String> CHANGE_FIELDS = Set.of("id", "task_id", "from_status", "to_status", "note",
            "session_id", "event_record_key", "ts", "title", "workstream", "repo");
    private static final Set<String> REF_FIELDS = Set.of("ref_type", "ref_id", "repo", "title", "loc_added",
            "loc_removed", "merged_at", "source");
    private static final Set<String> TEXT_FIELDS = Set.of("record_key", "session_id", "task_id", "workstream", "repo",
            "agent", "model", "stage", "role", "structure", "lane", "ref_type", "ref_id", "source", "status", "note",
            "speed");
    private static final Set<String> TIME_FIELDS = Set.of("ts", "ts_start", "ts_end");
    private static final Set<String> COUNT_FIELDS = Set.of("input_tokens", "output_tokens", "cache_creation_tokens",
            "cache_creation_1h_tokens", "cache_read_tokens", "duration_ms");
    private static final Set<String> OTHER_FIELDS = Set.of("reported_cost_usd", "usage_complete");
    private static final Set<String> EVENT_FIELDS = union(TEXT_FIELDS, TIME_FIELDS, COUNT_FIELDS, OTHER_FIELDS);

    private SyncWire() {}

    /** One machine's events, task status changes and refs, read and checked. */
    public record Push(String machine, List<EventInput> events, List<SyncedChange> changes, List<Ref> refs) {}

    /** The JSON of one push of events. */
    public static Map<String, Object> push(String machine, List<StoredEvent> events) {
        return push(machine, events, List.of(), List.of());
    }

    /** The JSON of one push. */
    public static Map<String, Object> push(String machine, List<StoredEvent> events, List<SyncedChange> changes,
            List<Ref> refs) {
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        for (StoredEvent s : events) {
            EventInput e = s.event();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record_key", e.recordKey());
            m.put("ts", Times.format(e.ts()));
            m.put("ts_start", Times.format(e.tsStart()));
            m.put("ts_end", Times.format(e.tsEnd()));
            m.put("duration_ms", e.durationMs());
            m.put("session_id", e.sessionId());
            m.put("task_id", e.taskId());
            m.put("workstream", e.workstream());
            m.put("repo", e.repo());
            m.put("agent", e.agent());
            m.put("model", e.model());
            m.put("stage", e.stage());
            m.put("role", e.role());
            m.put("structure", e.structure());
            m.put("lane", e.lane());
            m.put("ref_type", e.refType());
            m.put("ref_id", e.refId());
            Usage u = e.usage();
            m.put("input_tokens", u.inputTokens());
            m.put("output_tokens", u.outputTokens());
            m.put("cache_creation_tokens", u.cacheWrite5mTokens());
            m.put("cache_creation_1h_tokens", u.cacheWrite1hTokens());
            m.put("cache_read_tokens", u.cacheReadTokens());
            m.put("reported_cost_usd", e.reportedCostUsd() == null ? null : e.reportedCostUsd().toPlainString());
            m.put("usage_complete", e.usageComplete());
            m.put("source", e.source());
            m.put("status", e.status());
            m.put("note", e.note());
            m.put("speed", e.speed());
            m.values().removeIf(v -> v == null);
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machine", machine);
        body.put("events", out);
        if (!changes.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>(changes.size());
            for (SyncedChange ch : changes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", ch.id());
                m.put("task_id", ch.taskId());
                m.put("from_status", ch.fromStatus());
                m.put("to_status", ch.toStatus());
                m.put("note", ch.note());
                m.put("session_id", ch.sessionId());
                m.put("event_record_key", ch.eventRecordKey());
                m.put("ts", Times.format(ch.ts()));
                m.put("title", ch.title());
                m.put("workstream", ch.workstream());
                m.put("repo", ch.repo());
                m.values().removeIf(v -> v == null);
                list.add(m);
            }
            body.put("status_changes", list);
        }
        if (!refs.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>(refs.size());
            for (Ref r : refs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ref_type", r.refType());
                m.put("ref_id", r.refId());
                m.put("repo", r.repo());
                m.put("title", r.title());
                m.put("loc_added", r.locAdded());
                m.put("loc_removed", r.locRemoved());
                m.put("merged_at", Times.format(r.mergedAt()));
                m.put("source", r.source());
                m.values().removeIf(v -> v == null);
                list.add(m);
            }
            body.put("refs", list);
        }
        return body;
    }

    /** Reads a push body; any problem is an IllegalArgumentException naming the field and value. */
    public static Push read(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with machine and events");
        }
        unknown(root, TOP, "");
        JsonNode machineNode = root.get("machine");
        if (machineNode == null || !machineNode.isString()) {
            throw new IllegalArgumentException("machine is required: the name of the machine the events come from");
        }
        String machine = Machines.check(machineNode.asString());
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new IllegalArgumentException("events is required: an array of events");
        }
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("events must hold at most " + MAX_EVENTS + " events, got " + events.size());
        }
        List<EventInput> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String at = "events[" + i + "]";
            JsonNode e = events.get(i);
            if (!e.isObject()) {
                throw new IllegalArgumentException(at + " must be an object, got " + e.getNodeType());
            }
            try {
                out.add(event(e, at));
            } catch (IllegalArgumentException bad) {
                throw bad.getMessage().startsWith(at) ? bad : new IllegalArgumentException(at + ": " + bad.getMessage());
            }
        }
        return new Push(machine, out, changes(root.get("status_changes")), refs(root.get("refs")));
    }

    private static List<SyncedChange> changes(JsonNode list) {
        List<SyncedChange> out = new ArrayList<>();
        for (JsonNode e : items(list, "status_changes")) {
            String at = "status_changes[" + out.size() + "]";
            unknown(e, CHANGE_FIELDS, at + ".");
            JsonNode id = e.get("id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new IllegalArgumentException(at + ".id must be the change's whole-number id, got " + id);
            }
            try {
                out.add(new SyncedChange(id.longValue(), text(e, "task_id", at), text(e, "from_status", at),
                        text(e, "to_status", at), text(e, "note", at), text(e, "session_id", at),
                        text(e, "event_record_key", at), time(e, "ts", at), text(e, "title", at),
                        text(e, "workstream", at), text(e, "repo", at)));
            } catch (IllegalArgumentException bad) {
                throw bad.getMessage().startsWith(at) ? bad : new IllegalArgumentException(at + "." + bad.getMessage());
            }
        }
        return out;
    }

    private static List<Ref> refs(JsonNode list) {
        List<Ref> out = new ArrayList<>();
        for (JsonNode e : items(list, "refs")) {
            String at = "refs[" + out.size() + "]";
            unknown(e, REF_FIELDS, at + ".");
            try {
                out.add(new Ref(text(e, "ref_type", at), text(e, "ref_id", at), text(e, "repo", at),
                        text(e, "title", at), count(e, "loc_added", at), count(e, "loc_removed", at),
                        time(e, "merged_at", at), text(e, "source", at)));
            } catch (IllegalArgumentException bad) {
                throw bad.getMessage().startsWith(at) ? bad : new IllegalArgumentException(at + "." + bad.getMessage());
            }
        }
        return out;
    }

    /** The objects of an optional array field; an empty list when absent. */
    private static List<JsonNode> items(JsonNode list, String field) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + " must be an array, got " + list.getNodeType());
        }
        if (list.size() > MAX_EVENTS) {
            throw new IllegalArgumentException(field + " must hold at most " + MAX_EVENTS + ", got " + list.size());
        }
        List<JsonNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw new IllegalArgumentException(field + "[" + i + "] must be an object, got " + list.get(i).getNodeType());
            }
            out.add(list.get(i));
        }
        return out;
    }

    private static EventInput event(JsonNode e, String at) {
        unknown(e, EVENT_FIELDS, at + ".");
        String key = text(e, "record_key", at);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(at + ".record_key is required");
        }
        Instant ts = time(e, "ts", at);
        if (ts == null) {
            throw new IllegalArgumentException(at + ".ts is required");
        }
        Usage usage = new Usage(count(e, "input_tokens", at), count(e, "output_tokens", at),
                count(e, "cache_creation_tokens", at), count(e, "cache_creation_1h_tokens", at),
                count(e, "cache_read_tokens", at));
        JsonNode durationNode = e.get("duration_ms");
        Long duration = durationNode == null || durationNode.isNull() ? null : count(e, "duration_ms", at);
        BigDecimal cost = null;
        JsonNode costNode = e.get("reported_cost_usd");
        if (costNode != null && !costNode.isNull()) {
            try {
                cost = costNode.isNumber() ? costNode.decimalValue() : new BigDecimal(costNode.asString());
            } catch (NumberFormatException | UnsupportedOperationException bad) {
                throw new IllegalArgumentException(at + ".reported_cost_usd must be a decimal number, got " + costNode);
            }
        }
        JsonNode complete = e.get("usage_complete");
        if (complete != null && !complete.isNull() && !complete.isBoolean()) {
            throw new IllegalArgumentException(at + ".usage_complete must be true or false, got " + complete);
        }
        return new EventInput(key, ts, time(e, "ts_start", at), time(e, "ts_end", at), duration,
                text(e, "session_id", at), text(e, "task_id", at), text(e, "workstream", at), text(e, "repo", at),
                text(e, "agent", at), text(e, "model", at), text(e, "stage", at), text(e, "role", at),
                text(e, "structure", at), text(e, "lane", at), text(e, "ref_type", at), text(e, "ref_id", at), usage,
                cost, complete == null || complete.isNull() || complete.asBoolean(), text(e, "source", at),
                text(e, "status", at), text(e, "note", at), text(e, "speed", at));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix) {
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                throw new IllegalArgumentException(prefix + n + " is not a field of a sync push");
            }
        }
    }

    private static String text(JsonNode e, String field, String at) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(at + "." + field + " must be a string, got " + v);
        }
        return v.asString();
    }

    private static Instant time(JsonNode e, String field, String at) {
        String s = text(e, field, at);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException bad) {
            throw new IllegalArgumentException(at + "." + field + " must be an ISO-8601 UTC time, got \"" + s + "\"");
        }
    }

    private static long count(JsonNode e, String field, String at) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new IllegalArgumentException(at + "." + field + " must be a whole number >= 0, got " + v);
        }
        return v.longValue();
    }
}
