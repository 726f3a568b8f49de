package dev.triad.spi.ops;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/**
 * A typed attribute key of a primitive, e.g. {@code axes: int[]}. Keys are declared once by
 * the primitive that uses them; the type decides how the graph text form prints and parses
 * the value.
 *
 * @param name the attribute's name in the text form
 * @param type the value's type
 * @param <V> the Java type of the value
 */
public record Attr<V>(String name, Type type) {
    /** Value types an attribute may have. */
    public enum Type {
        /** {@link Integer}. */ INT,
        /** {@link Long}. */ LONG,
        /** {@link Double}. */ DOUBLE,
        /** {@link Boolean}. */ BOOL,
        /** {@code int[]}. */ INTS,
        /** {@code long[]}. */ LONGS,
        /** {@link DType}. */ DTYPE,
        /** {@link Shape}. */ SHAPE
    }

    /** An {@code int} attribute. */
    public static Attr<Integer> ofInt(String name) { return new Attr<>(name, Type.INT); }
    /** A {@code long} attribute. */
    public static Attr<Long> ofLong(String name) { return new Attr<>(name, Type.LONG); }
    /** A {@code double} attribute. */
    public static Attr<Double> ofDouble(String name) { return new Attr<>(name, Type.DOUBLE); }
    /** A {@code boolean} attribute. */
    public static Attr<Boolean> ofBool(String name) { return new Attr<>(name, Type.BOOL); }
    /** An {@code int[]} attribute. */
    public static Attr<int[]> ofInts(String name) { return new Attr<>(name, Type.INTS); }
    /** A {@code long[]} attribute. */
    public static Attr<long[]> ofLongs(String name) { return new Attr<>(name, Type.LONGS); }
    /** A {@link DType} attribute. */
    public static Attr<DType> ofDType(String name) { return new Attr<>(name, Type.DTYPE); }
    /** A {@link Shape} attribute. */
    public static Attr<Shape> ofShape(String name) { return new Attr<>(name, Type.SHAPE); }

    /** True when {@code value} has this attribute's Java type. */
    public boolean accepts(Object value) {
        return switch (type) {
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case INTS -> value instanceof int[];
            case LONGS -> value instanceof long[];
            case DTYPE -> value instanceof DType;
            case SHAPE -> value instanceof Shape;
        };
    }

    /** Name of the Java type, for error messages. */
    public String typeName() {
        return switch (type) {
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case BOOL -> "boolean";
            case INTS -> "int[]";
            case LONGS -> "long[]";
            case DTYPE -> "dtype";
            case SHAPE -> "shape";
        };
    }
}
