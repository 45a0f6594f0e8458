package dev.tokenomics.mcp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool's arguments, read strictly: a wrong type is an error naming the argument and what came,
 * never a silent coercion (a string "1200" for input_tokens is refused, not parsed), and an
 * argument the tool does not know is refused, so a typo cannot drop a count on the floor.
 */
final class Args {
    private static final int MAX_SHOWN = 60;

    private final String where;
    private final Map<String, Object> values;

    private Args(String where, Map<String, Object> values) {
        this.where = where;
        this.values = values == null ? Map.of() : values;
    }

    static Args of(Map<String, Object> values) {
        return new Args("", values);
    }

    /** For an element of an array argument: messages say e.g. "events[3].input_tokens". */
    static Args nested(String where, Map<String, Object> values) {
        return new Args(where, values);
    }

    String name(String field) {
        return where + field;
    }

    void rejectUnknown(Set<String> known) {
        // A loop, not a set difference: a 10,000-event batch asks this once per event.
        String first = null;
        for (String key : values.keySet()) {
            if (!known.contains(key) && (first == null || key.compareTo(first) < 0)) {
                first = key;
            }
        }
        if (first != null) {
            throw new IllegalArgumentException("unknown argument " + name(first) + "; known arguments: "
                    + String.join(", ", new TreeSet<>(known)));
        }
    }

    Object raw(String field) {
        return values.get(field);
    }

    boolean has(String field) {
        return values.get(field) != null;
    }

    String string(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name(field) + " must be a string, got " + describe(v));
        }
        return s;
    }

    String requireString(String field) {
        String s = string(field);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name(field) + " is required");
        }
        return s;
    }

    /** A whole number under {@code field} or its alias; giving both with different values is an error. */
    Long wholeNumber(String field, String alias) {
        Long main = wholeNumber(field);
        if (alias == null) {
            return main;
        }
        Long other = wholeNumber(alias);
        if (main != null && other != null && !main.equals(other)) {
            throw new IllegalArgumentException(name(field) + " and its alias " + name(alias)
                    + " disagree: " + main + " vs " + other + "; give one");
        }
        return main != null ? main : other;
    }

    Long wholeNumber(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            if (b.bitLength() < 63) {
                return b.longValue();
            }
            throw new IllegalArgumentException(name(field) + " is out of range, got " + b);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            // JSON's 1e400 arrives as Infinity: BigDecimal would fail on the "I" with a message
            // about decimal digits that names neither the argument nor the value.
            if (!(v instanceof BigDecimal) && !Double.isFinite(((Number) v).doubleValue())) {
                throw new IllegalArgumentException(name(field) + " must be a whole number, got " + v
                        + " (a number too large for a double, such as 1e400)");
            }
            BigDecimal d = new BigDecimal(v.toString());
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name(field) + " must be a whole number, got " + v);
            }
        }
        throw new IllegalArgumentException(name(field) + " must be a whole number, got " + describe(v));
    }

    BigDecimal decimal(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            if ((v instanceof Double || v instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException(name(field) + " must be a finite number, got " + n);
            }
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(field) + " must be a finite number, got " + n);
            }
        }
        throw new IllegalArgumentException(name(field) + " must be a number, got " + describe(v));
    }

    /**
     * A string that must be exactly one of {@code allowed}: no case folding, no trimming, no
     * aliases, so "DAILY" or "per-day" is refused with the list rather than half-understood.
     * Null when absent.
     */
    String choice(String field, List<String> allowed) {
        String s = string(field);
        if (s == null) {
            return null;
        }
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException(name(field) + " must be one of " + String.join(", ", allowed)
                    + "; got " + quoted(s));
        }
        return s;
    }

    /** An array of strings, or null when absent; anything else (a lone string too) is refused. */
    List<String> strings(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(name(field) + " must be an array of strings, got " + describe(v));
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new IllegalArgumentException(name(field) + "[" + i + "] must be a string, got "
                        + describe(list.get(i)));
            }
            out.add(s);
        }
        return out;
    }

    Boolean bool(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(name(field) + " must be true or false, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String field) {
        Object v = values.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name(field) + " is required");
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(name(field) + " must be an array of objects, got " + describe(v));
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(name(field) + "[" + i + "] must be an object, got " + describe(item));
            }
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    /** 'value', cut to a readable length: the form the enum messages use. */
    static String quoted(String s) {
        return "'" + (s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…(" + s.length() + " chars)" : s) + "'";
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            String shown = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…(" + s.length() + " chars)" : s;
            return "the string \"" + shown + "\"";
        }
        if (v instanceof List<?> l) {
            return "an array of " + l.size();
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof Boolean b) {
            return "the boolean " + b;
        }
        return String.valueOf(v);
    }
}
