package dev.tokenomics.gemini;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.pricing.Usage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counting rules of one Gemini CLI chat file, applied record by record with a carry-over
 * ({@link GeminiState}) that an import stores with a {@code .jsonl} file's cursor.
 *
 * <p>Gemini CLI (packages/core/src/services/chatRecordingService.ts) writes a {@code session-*.jsonl}
 * by appending: a metadata record ({@code sessionId}, {@code projectHash}, {@code kind}), then each
 * message record in full, and the same message again, whole and under the same {@code id}, every time
 * it changes (its {@code tokens} arrive after it, tool calls are added): the last record of an id is the
 * message. {@code $set} records update metadata (one may carry the whole message list again: copies,
 * not new usage) and {@code $rewindTo} drops messages from the conversation, not from the bill. Older
 * versions wrote one {@code session-*.json} object with a {@code messages} array; resuming one copies
 * its messages, ids unchanged, into {@code session-*.jsonl}. The rules:
 * <ul>
 *   <li>Usage is a {@code type: "gemini"} message's {@code tokens}: {@code input} (promptTokenCount)
 *       includes {@code cached} (cachedContentTokenCount), stored as cache read with tokens_in the rest;
 *       {@code tool} (toolUsePromptTokenCount) is prompt too, added to tokens_in; {@code thoughts} are
 *       billed as output, added to tokens_out.
 *   <li>The model is the message's {@code model}, else the last one the file named.
 *   <li>Record keys are {@code gemini:<session id>:<message id>}: a re-appended message replaces its
 *       stored event, and a legacy {@code .json} resumed into a {@code .jsonl} counts once.
 * </ul>
 */
final class GeminiChat {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TOKEN_FIELDS = {"input", "output", "cached", "thoughts", "tool"};

    /** What one record did, for the summary's counts. */
    enum Outcome { USAGE, OTHER, MALFORMED }

    private final GeminiState state;
    private final String fallbackSessionId;
    /** The parent session of a subagent's chat (the folder it sits in), else null. */
    private final String parentSessionId;
    private final String repo;
    /** The last record of each message id read this time, in first-seen order. */
    private final Map<String, EventInput> byId = new LinkedHashMap<>();
    /** Why the last record was malformed, for the summary's samples. */
    String lastProblem;
    long records;
    /** Records of an id already read this time (re-appended as tokens arrived): not new usage. */
    long superseded;

    GeminiChat(GeminiState state, String fallbackSessionId, String parentSessionId, String repo) {
        this.state = state;
        this.fallbackSessionId = fallbackSessionId;
        this.parentSessionId = parentSessionId;
        this.repo = repo;
    }

    GeminiState state() {
        return state;
    }

    /** The events of the messages read, each id once, as its last record says. */
    List<EventInput> events() {
        return new ArrayList<>(byId.values());
    }

    /**
     * One complete {@code .jsonl} line, bytes [from, to) of {@code b}; {@code mayCarry} says whether it
     * holds {@code "tokens"} or {@code "sessionId"} (the caller finds those in one search over the whole
     * buffer). Only such lines are parsed, with the message's content skipped unread; the rest (user
     * messages, tool output: most of the bytes) are only checked to be one {@code {...}}.
     */
    Outcome line(byte[] b, int from, int to, boolean mayCarry) {
        while (from < to && blank(b[from])) {
            from++;
        }
        while (to > from && blank(b[to - 1])) {
            to--;
        }
        if (from == to) {
            return Outcome.OTHER;
        }
        records++;
        if (b[from] != '{' || b[to - 1] != '}') {
            return malformed("not a JSON object (cut short?)");
        }
        if (!mayCarry) {
            return Outcome.OTHER;
        }
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            return record(p);
        } catch (JacksonException e) {
            return malformed("not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A legacy {@code session-*.json}: one object whose {@code messages} are read like records, streamed
     * (the session id comes first, as Gemini CLI writes it). Returns the problems, one per bad message.
     */
    List<String> legacy(byte[] b) {
        List<String> problems = new ArrayList<>();
        try (JsonParser p = JSON.createParser(b)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problems.add("not a JSON object");
                return problems;
            }
            boolean sawMessages = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("sessionId") && t == JsonToken.VALUE_STRING && state.sessionId == null) {
                    state.sessionId = p.getString();
                } else if (name.equals("messages") && t == JsonToken.START_ARRAY) {
                    sawMessages = true;
                    for (JsonToken m = p.nextToken(); m != JsonToken.END_ARRAY; m = p.nextToken()) {
                        records++;
                        if (m != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            problems.add("a message is not an object");
                        } else if (body(p) == Outcome.MALFORMED) {
                            problems.add(lastProblem); // body() leaves the parser at the message's end either way
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawMessages) {
                problems.add("no messages array");
            }
        } catch (JacksonException e) {
            problems.add("not JSON: " + e.getOriginalMessage());
        }
        return problems;
    }

    private Outcome record(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return malformed("not a JSON object");
        }
        return body(p);
    }

    /** The fields of one record, the parser just past its START_OBJECT; leaves it at the END_OBJECT. */
    private Outcome body(JsonParser p) {
        String id = null;
        String type = null;
        String ts = null;
        String model = null;
        String sessionId = null;
        long[] tokens = null;
        boolean hasTokens = false;
        boolean update = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> id = t == JsonToken.VALUE_STRING ? p.getString() : null;
                case "type" -> type = t == JsonToken.VALUE_STRING ? p.getString() : null;
                case "timestamp" -> ts = t == JsonToken.VALUE_STRING ? p.getString() : null;
                case "model" -> model = t == JsonToken.VALUE_STRING && !p.getString().isBlank() ? p.getString() : null;
                case "sessionId" -> sessionId = t == JsonToken.VALUE_STRING ? p.getString() : null;
                case "$set", "$rewindTo" -> {
                    update = true;
                    p.skipChildren();
                }
                case "tokens" -> {
                    if (t == JsonToken.START_OBJECT) {
                        hasTokens = true;
                        tokens = new long[TOKEN_FIELDS.length];
                        String bad = tokens(p, tokens);
                        if (bad != null) {
                            skipRest(p);
                            return malformed(bad);
                        }
                    } else if (t != JsonToken.VALUE_NULL) {
                        p.skipChildren();
                        skipRest(p);
                        return malformed("tokens is not an object, got " + t);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (update) {
            return Outcome.OTHER; // metadata; a $set's message list repeats messages already read
        }
        if (id == null) {
            if (sessionId != null && state.sessionId == null) {
                state.sessionId = sessionId; // the metadata record
            }
            return Outcome.OTHER;
        }
        if (!"gemini".equals(type)) {
            return Outcome.OTHER;
        }
        if (model != null) {
            state.model = model;
        }
        if (!hasTokens) {
            return Outcome.OTHER; // its tokens come in a later record of the same id
        }
        if (ts == null) {
            return malformed("message " + id + " has tokens but no timestamp");
        }
        Instant at = Times.parseUtcFast(ts);
        if (at == null) {
            try {
                at = Instant.parse(ts);
            } catch (DateTimeParseException e) {
                return malformed("timestamp is not an ISO-8601 time: " + ts);
            }
        }
        long input = tokens[0];
        long output = tokens[1];
        long cached = Math.min(tokens[2], input);
        long thoughts = tokens[3];
        long tool = tokens[4];
        String session = state.sessionId != null ? state.sessionId : fallbackSessionId;
        String key = "gemini:" + session + ":" + id;
        if (input + output + cached + thoughts + tool == 0) {
            if (byId.remove(key) != null) {
                superseded++;
            }
            return Outcome.OTHER;
        }
        EventInput e;
        try {
            e = new EventInput(key, at, null, null, null, parentSessionId != null ? parentSessionId : session,
                null, null, repo, parentSessionId != null ? session : null, model != null ? model : state.model, null,
                null, null, null, null, null, new Usage(input - cached + tool, output + thoughts, 0, 0, cached), null,
                true, Sources.GEMINI_CLI, "ok", null);
        } catch (IllegalArgumentException bad) {
            return malformed("message " + id + ": " + bad.getMessage());
        }
        if (byId.put(key, e) != null) {
            superseded++;
        }
        return Outcome.USAGE;
    }

    /** Skips to the END_OBJECT of the record whose field the parser is in (a bad tokens object stops early). */
    private static void skipRest(JsonParser p) {
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_OBJECT; t = p.nextToken()) {
            p.skipChildren();
        }
    }

    /** Reads a tokens object into {input, output, cached, thoughts, tool}; the problem, or null. */
    private static String tokens(JsonParser p, long[] into) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int i = indexOf(name);
            if (i < 0) {
                p.skipChildren(); // total, and what later versions add
                continue;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                String bad = "tokens." + name + " must be a whole number >= 0, got " + p.getText();
                p.skipChildren();
                skipRest(p); // the rest of the tokens object
                return bad;
            }
            into[i] = p.getLongValue();
        }
        return null;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < TOKEN_FIELDS.length; i++) {
            if (TOKEN_FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private Outcome malformed(String why) {
        lastProblem = why;
        return Outcome.MALFORMED;
    }
}
