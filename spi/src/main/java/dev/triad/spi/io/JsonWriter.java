package dev.triad.spi.io;

import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link JsonReader} produces (maps with string keys, lists, strings,
 * numbers, booleans, null) as compact JSON, keeping map order, so a write then a read gives
 * the same value back.
 */
public final class JsonWriter {
    private JsonWriter() {}

    /** The compact JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    /** Appends the JSON text of {@code value} to {@code b}. */
    public static void write(StringBuilder b, Object value) {
        switch (value) {
            case null -> b.append("null");
            case String str -> string(b, str);
            case Boolean bool -> b.append(bool);
            case Long l -> b.append(l);
            case Integer i -> b.append(i);
            case Double d -> number(b, d);
            case Float f -> number(b, f.doubleValue());
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                    if (!first) b.append(',');
                    first = false;
                    string(b, k);
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(',');
                    write(b, l.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void number(StringBuilder b, double d) {
        // JSON has no NaN or infinity; refusing is better than writing a file nobody can read.
        if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON cannot hold " + d);
        b.append(d);
    }

    /** Appends {@code s} as a quoted JSON string with the required escapes. */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
