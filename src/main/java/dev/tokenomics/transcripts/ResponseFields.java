package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.pricing.ModelNames;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one transcript line that a response needs, gathered from a streaming parser in one
 * pass; everything else in the line is skipped unread. Each field holds its value when it has the
 * expected type, null when missing or JSON null, and otherwise the value as a tree, so the check
 * afterwards can name the bad value exactly as written. A key given twice keeps its last value,
 * as a tree of the line would.
 */
final class ResponseFields {
    /**
     * Thrown, without a stack trace, when a field has a type other than the expected one and this
     * reader keeps no trees: the line is then read again by one that does, to name the value.
     */
    static final class NeedsTree extends RuntimeException {
        private static final NeedsTree INSTANCE = new NeedsTree();

        private NeedsTree() {
            super("a field needs its value as a tree", null, false, false);
        }
    }

    private final boolean trees;
    private Object timestamp;
    private Object requestId;
    private Object sessionId;
    private Object cwd;
    private Object gitBranch;
    private Object version;
    private Object sidechain;
    private Object apiError;
    private Object cost;

    private boolean messageObject;
    private Object model;
    private Object messageId;

    private boolean hasUsage;
    private Object usageNotObject;
    private Object input;
    private Object output;
    private Object creation;
    private Object read;
    /** usage.speed: "fast" on Claude Code's fast-mode messages. */
    private Object speed;

    private boolean split;
    private Object split5m;
    private Object split1h;

    /**
     * {@code trees}: whether the parser can build trees (a mapper's parser); a bare factory's
     * parser is cheaper to create, and serves every well-formed line.
     */
    ResponseFields(boolean trees) {
        this.trees = trees;
    }

    /** Reads the root object's fields; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    void root(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "message" -> message(p, t);
                case "timestamp" -> timestamp = string(p, t);
                case "requestId" -> requestId = string(p, t);
                case "sessionId" -> sessionId = string(p, t);
                case "cwd" -> cwd = string(p, t);
                case "gitBranch" -> gitBranch = string(p, t);
                case "version" -> version = string(p, t);
                case "isSidechain" -> sidechain = bool(p, t);
                case "isApiErrorMessage" -> apiError = bool(p, t);
                case "costUSD" -> cost(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private void message(JsonParser p, JsonToken t) {
        messageObject = t == JsonToken.START_OBJECT;
        model = null;
        messageId = null;
        hasUsage = false;
        if (!messageObject) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "model" -> model = string(p, v);
                case "id" -> messageId = string(p, v);
                case "usage" -> usage(p, v);
                default -> p.skipChildren();
            }
        }
    }

    private void usage(JsonParser p, JsonToken t) {
        hasUsage = true;
        input = null;
        output = null;
        creation = null;
        read = null;
        speed = null;
        split = false;
        if (t != JsonToken.START_OBJECT) {
            usageNotObject = t == JsonToken.VALUE_NULL ? "null" : tree(p);
            return;
        }
        usageNotObject = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "input_tokens" -> input = count(p, v);
                case "output_tokens" -> output = count(p, v);
                case "cache_creation_input_tokens" -> creation = count(p, v);
                case "cache_read_input_tokens" -> read = count(p, v);
                case "cache_creation" -> cacheCreation(p, v);
                case "speed" -> speed = string(p, v);
                default -> p.skipChildren();
            }
        }
    }

    private void cacheCreation(JsonParser p, JsonToken t) {
        split = t == JsonToken.START_OBJECT;
        split5m = null;
        split1h = null;
        if (!split) {
            p.skipChildren(); // not an object: ignored, the cache writes stay 5m
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "ephemeral_5m_input_tokens" -> split5m = count(p, v);
                case "ephemeral_1h_input_tokens" -> split1h = count(p, v);
                default -> p.skipChildren();
            }
        }
    }

    private void cost(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            cost = null;
        } else if (t.isNumeric() && p.getDecimalValue().signum() >= 0) {
            cost = p.getDecimalValue();
        } else {
            cost = tree(p); // not a number, or below zero: named as written
        }
    }

    private Object tree(JsonParser p) {
        if (!trees) {
            throw NeedsTree.INSTANCE;
        }
        return p.readValueAsTree();
    }

    private Object string(JsonParser p, JsonToken t) {
        return t == JsonToken.VALUE_NULL ? null : t == JsonToken.VALUE_STRING ? p.getString() : tree(p);
    }

    private Object count(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                || p.getNumberType() == JsonParser.NumberType.LONG)) {
            return p.getLongValue();
        }
        return tree(p); // a fraction, a number past a long, a string: named in the error
    }

    private Object bool(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> tree(p);
        };
    }

    /** Whether the line is an API response at all: message is an object with a usage key. */
    boolean carriesUsage() {
        return messageObject && hasUsage;
    }

    /** The response, checked field by field in a fixed order: the first bad field is the one named. */
    TranscriptLine response() {
        String m = text(model, "message.model", true);
        if (ModelNames.SYNTHETIC.equals(m)) {
            return TranscriptLine.SYNTHETIC;
        }
        if (usageNotObject != null) {
            throw new IllegalArgumentException("message.usage must be an object, got " + usageNotObject);
        }
        long in = count(input, "input_tokens", true);
        long out = count(output, "output_tokens", true);
        long created = count(creation, "cache_creation_input_tokens", false);
        long cacheRead = count(read, "cache_read_input_tokens", false);
        long write5m = created;
        long write1h = 0;
        if (split) {
            // When present it splits the cache writes by lifetime; anything it leaves out stays 5m.
            write1h = count(split1h, "ephemeral_1h_input_tokens", false);
            long s5m = count(split5m, "ephemeral_5m_input_tokens", false);
            write5m = Math.max(s5m, created - write1h);
        }
        String time = text(timestamp, "timestamp", true);
        Instant ts = Timestamps.parse(time);
        if (cost != null && !(cost instanceof BigDecimal)) {
            throw new IllegalArgumentException("costUSD must be a number >= 0, got " + cost);
        }
        BigDecimal costUsd = (BigDecimal) cost;
        for (long b : new long[] {in, out, write5m, write1h, cacheRead}) {
            if (b > EventInput.MAX_TOKENS_PER_BUCKET) {
                throw new IllegalArgumentException("a token count of " + b + " is past any real request");
            }
        }
        return new TranscriptLine(TranscriptLine.Kind.RESPONSE, null, text(messageId, "message.id", false),
                text(requestId, "requestId", false), text(sessionId, "sessionId", false), ts,
                text(cwd, "cwd", false), text(gitBranch, "gitBranch", false), text(version, "version", false),
                flag(sidechain, "isSidechain"), flag(apiError, "isApiErrorMessage"), costUsd, m,
                new Usage(in, out, write5m, write1h, cacheRead), speed(text(speed, "usage.speed", false)));
    }

    /**
     * The speeds the ledger knows; another value (a speed Claude Code adds later) is kept as none,
     * so the line still counts, priced at standard rates, rather than being lost as malformed.
     */
    private static String speed(String s) {
        return s != null && EventInput.SPEEDS.contains(s) ? s : null;
    }

    private static String text(Object v, String name, boolean required) {
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name + " must be a string, got " + v);
        }
        return s.isBlank() ? null : s;
    }

    private static long count(Object v, String field, boolean required) {
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("usage." + field + " is missing");
            }
            return 0;
        }
        if (!(v instanceof Long n) || n < 0) {
            throw new IllegalArgumentException("usage." + field + " must be a whole number >= 0, got " + v);
        }
        return n;
    }

    private static boolean flag(Object v, String field) {
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(field + " must be true or false, got " + v);
        }
        return b;
    }
}
