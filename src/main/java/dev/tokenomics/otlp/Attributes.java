package dev.tokenomics.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of a record with those of its resource beneath them (a record's own attribute wins),
 * read the way exporters send them: Claude Code sends token counts as strings in log events and as
 * numbers in metrics, so every number is read from an int, a double or a numeric string alike.
 */
final class Attributes {
    private final Map<String, AnyValue> values;

    private Attributes(Map<String, AnyValue> values) {
        this.values = values;
    }

    static Attributes of(List<KeyValue> resource, List<KeyValue> own) {
        Map<String, AnyValue> m = new HashMap<>();
        for (KeyValue kv : resource) {
            m.put(kv.getKey(), kv.getValue());
        }
        for (KeyValue kv : own) {
            m.put(kv.getKey(), kv.getValue());
        }
        return new Attributes(m);
    }

    boolean has(String key) {
        AnyValue v = values.get(key);
        return v != null && v.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET;
    }

    /** The value as text (numbers and booleans too); null when absent or blank. */
    String text(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return null;
        }
        String s = switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> BigDecimal.valueOf(v.getDoubleValue()).toPlainString();
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> null;
        };
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A token count: 0 when absent; a whole number >= 0, or the exception names the key and value. */
    long tokens(String key) {
        BigDecimal d = decimal(key);
        if (d == null) {
            return 0;
        }
        try {
            long n = d.longValueExact();
            if (n < 0) {
                throw new IllegalArgumentException(key + " must be >= 0, got " + n);
            }
            return n;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a whole number of tokens, got " + d.toPlainString());
        }
    }

    /** The value as a number; null when absent; the exception names the key when it is not a number. */
    BigDecimal decimal(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return null;
        }
        switch (v.getValueCase()) {
            case INT_VALUE:
                return BigDecimal.valueOf(v.getIntValue());
            case DOUBLE_VALUE:
                if (!Double.isFinite(v.getDoubleValue())) {
                    throw new IllegalArgumentException(key + " must be a finite number, got " + v.getDoubleValue());
                }
                return BigDecimal.valueOf(v.getDoubleValue());
            case STRING_VALUE:
                String s = v.getStringValue().strip();
                if (s.isEmpty()) {
                    return null;
                }
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + " must be a number, got \"" + s + "\"");
                }
            case VALUE_NOT_SET:
                return null;
            default:
                throw new IllegalArgumentException(key + " must be a number, got a " + v.getValueCase());
        }
    }

    /** Every attribute as sorted key=value text: what names a metric series. */
    static String canonical(List<KeyValue> attributes) {
        Map<String, String> sorted = new TreeMap<>();
        for (KeyValue kv : attributes) {
            sorted.put(kv.getKey(), render(kv.getValue()));
        }
        return sorted.toString();
    }

    /** A value as stable text: its kind and value (a series key is stored, so it must not follow a library's toString). */
    private static String render(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> "s:" + v.getStringValue();
            case INT_VALUE -> "i:" + v.getIntValue();
            case DOUBLE_VALUE -> "d:" + v.getDoubleValue();
            case BOOL_VALUE -> "b:" + v.getBoolValue();
            default -> "p:" + java.util.HexFormat.of().formatHex(v.toByteArray());
        };
    }
}
