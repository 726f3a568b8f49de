package dev.triad.conformance.report;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for report trees: maps (keys in their iteration order), lists, strings,
 * numbers, booleans, enums (by name) and null. Non-finite doubles have no JSON number, so they
 * are written as the strings {@code "inf"}, {@code "-inf"} and {@code "nan"}.
 */
public final class Json {
    private Json() {}

    /** {@code value} as indented JSON, ending with a newline. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        switch (v) {
            case null -> b.append("null");
            case String s -> quote(b, s);
            case Boolean x -> b.append(x);
            case Double d -> number(b, d);
            case Float f -> number(b, f.doubleValue());
            case Number n -> b.append(n);
            case Enum<?> e -> quote(b, e.name());
            case Map<?, ?> m -> object(b, m, indent);
            case List<?> l -> array(b, l, indent);
            default -> throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    private static void number(StringBuilder b, double d) {
        if (Double.isNaN(d)) b.append("\"nan\"");
        else if (Double.isInfinite(d)) b.append(d > 0 ? "\"inf\"" : "\"-inf\"");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) b.append((long) d);
        else b.append(d);
    }

    private static void object(StringBuilder b, Map<?, ?> m, int indent) {
        if (m.isEmpty()) {
            b.append("{}");
            return;
        }
        b.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(b, indent + 1);
            quote(b, String.valueOf(e.getKey()));
            b.append(": ");
            write(b, e.getValue(), indent + 1);
            if (it.hasNext()) b.append(',');
        }
        newline(b, indent);
        b.append('}');
    }

    private static void array(StringBuilder b, List<?> l, int indent) {
        if (l.isEmpty()) {
            b.append("[]");
            return;
        }
        // Lists of plain values stay on one line; lists of objects get a line each.
        boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (flat) {
                if (i > 0) b.append(", ");
            } else {
                newline(b, indent + 1);
            }
            write(b, l.get(i), indent + 1);
            if (!flat && i < l.size() - 1) b.append(',');
        }
        if (!flat) newline(b, indent);
        b.append(']');
    }

    private static void newline(StringBuilder b, int indent) { b.append('\n').append("  ".repeat(indent)); }

    /** Appends {@code s} as a JSON string literal. */
    static void quote(StringBuilder b, String s) {
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
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
