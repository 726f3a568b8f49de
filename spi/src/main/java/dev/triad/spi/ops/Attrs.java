package dev.triad.spi.ops;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable, name-sorted set of attribute values. Arrays are copied in and out, and
 * equality is by value, so attributes can key caches and common-subexpression elimination.
 */
public final class Attrs {
    /** No attributes. */
    public static final Attrs EMPTY = new Attrs(new TreeMap<>());

    private final TreeMap<String, Object> values;

    private Attrs(TreeMap<String, Object> values) {
        this.values = values;
    }

    /** Starts a builder. */
    public static Builder builder() { return new Builder(); }

    /** One attribute. */
    public static <V> Attrs of(Attr<V> k, V v) { return builder().put(k, v).build(); }

    /** Two attributes. */
    public static <A, B> Attrs of(Attr<A> k1, A v1, Attr<B> k2, B v2) {
        return builder().put(k1, v1).put(k2, v2).build();
    }

    /** Three attributes. */
    public static <A, B, C> Attrs of(Attr<A> k1, A v1, Attr<B> k2, B v2, Attr<C> k3, C v3) {
        return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
    }

    /** The value of {@code key}, or null when absent. Arrays are returned as copies. */
    @SuppressWarnings("unchecked")
    public <V> V getOrNull(Attr<V> key) {
        Object v = values.get(key.name());
        return v == null ? null : (V) copy(v);
    }

    /** The value of {@code key}; absence is a programming error caught by the primitive's check. */
    public <V> V get(Attr<V> key) {
        V v = getOrNull(key);
        if (v == null) throw new IllegalStateException("attribute '" + key.name() + "' is not set");
        return v;
    }

    /** The value of {@code key}, or {@code fallback} when absent. */
    public <V> V get(Attr<V> key, V fallback) {
        V v = getOrNull(key);
        return v == null ? fallback : v;
    }

    /** True when {@code name} is set. */
    public boolean has(String name) { return values.containsKey(name); }

    /** The raw values by name (arrays not copied; do not modify). */
    public Map<String, Object> asMap() { return Collections.unmodifiableMap(values); }

    /** A builder holding these attributes, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** Convenience: these attributes with {@code key} set to {@code value}. */
    public <V> Attrs with(Attr<V> key, V value) { return toBuilder().put(key, value).build(); }

    /** True when no attribute is set. */
    public boolean isEmpty() { return values.isEmpty(); }

    private static Object copy(Object v) {
        if (v instanceof int[] a) return a.clone();
        if (v instanceof long[] a) return a.clone();
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attrs other) || other.values.size() != values.size()) return false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), other.values.get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            int vh = v instanceof int[] a ? Arrays.hashCode(a) : v instanceof long[] a ? Arrays.hashCode(a) : v.hashCode();
            h = 31 * h + e.getKey().hashCode() * 17 + vh;
        }
        return h;
    }

    /** The text form {@code {axes=[0,1], keep_dims=true}}; empty string when no attributes. */
    @Override
    public String toString() {
        if (values.isEmpty()) return "";
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!first) b.append(", ");
            first = false;
            b.append(e.getKey()).append('=').append(format(e.getValue()));
        }
        return b.append('}').toString();
    }

    /** Formats one value in the text form; doubles print so that they parse back exactly. */
    public static String format(Object v) {
        if (v instanceof int[] a) return Arrays.toString(a).replace(" ", "");
        if (v instanceof long[] a) return Arrays.toString(a).replace(" ", "");
        if (v instanceof Double d) return formatDouble(d);
        if (v instanceof DType d) return d.shortName();
        if (v instanceof Shape s) return s.toString();
        return String.valueOf(v);
    }

    /** A double as the text form spells it: shortest exact decimal, or {@code inf}, {@code -inf}, {@code nan}. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        return Double.toString(d);
    }

    private static double parseDouble(String t) {
        return switch (t) {
            case "nan", "NaN" -> Double.NaN;
            case "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** Parses one value of {@code key}'s type from its text form. */
    public static Object parseValue(Attr<?> key, String text) {
        String t = text.trim();
        return switch (key.type()) {
            case INT -> Integer.parseInt(t);
            case LONG -> Long.parseLong(t);
            case DOUBLE -> parseDouble(t);
            case BOOL -> {
                if (!t.equals("true") && !t.equals("false")) throw new IllegalArgumentException("expected true or false, got '" + t + "'");
                yield Boolean.parseBoolean(t);
            }
            case INTS -> Arrays.stream(splitList(t)).mapToInt(Integer::parseInt).toArray();
            case LONGS -> Arrays.stream(splitList(t)).mapToLong(Long::parseLong).toArray();
            case DTYPE -> DType.parse(t);
            case SHAPE -> Shape.parse(t);
        };
    }

    private static String[] splitList(String t) {
        if (!t.startsWith("[") || !t.endsWith("]")) throw new IllegalArgumentException("expected a list like [1,2], got '" + t + "'");
        String inner = t.substring(1, t.length() - 1).trim();
        if (inner.isEmpty()) return new String[0];
        String[] parts = inner.split(",");
        for (int i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
        return parts;
    }

    /** Mutable builder; {@link #build()} freezes it. */
    public static final class Builder {
        private final TreeMap<String, Object> values = new TreeMap<>();

        private Builder() {}

        /** Sets {@code key} (arrays are copied). */
        public <V> Builder put(Attr<V> key, V value) {
            Objects.requireNonNull(value, key.name());
            values.put(key.name(), copy(value));
            return this;
        }

        /** Sets an untyped value by name (used by the text parser after type lookup). */
        public Builder putRaw(String name, Object value) {
            values.put(name, copy(value));
            return this;
        }

        /** The frozen attributes. */
        public Attrs build() { return values.isEmpty() ? EMPTY : new Attrs(new TreeMap<>(values)); }
    }
}
