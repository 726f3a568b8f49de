package dev.triad.spi.backend;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;

/**
 * A contiguous, row-major array in Java heap memory, little-endian, in any {@link DType}: what
 * moves between the host and a device.
 */
public final class HostArray {
    private final TensorType type;
    private final byte[] data;

    private HostArray(TensorType type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    /** A zero-filled array. */
    public static HostArray zeros(DType dtype, Shape shape) {
        TensorType t = new TensorType(dtype, shape);
        return new HostArray(t, new byte[Math.toIntExact(t.byteSize())]);
    }

    /** Wraps little-endian bytes (not copied). */
    public static HostArray wrap(TensorType type, byte[] data) {
        if (data.length != type.byteSize()) {
            throw new ShapeException("host_array", data.length + " bytes do not hold " + type + " (" + type.byteSize() + " bytes expected)");
        }
        return new HostArray(type, data);
    }

    private static void checkCount(String what, int length, Shape shape) {
        if (length != shape.numel()) {
            throw new ShapeException("host_array", length + " " + what + " values do not fill shape " + shape + " (" + shape.numel() + " expected)");
        }
    }

    /** Values converted to {@code dtype} (rounded as a cast rounds). */
    public static HostArray fromDoubles(DType dtype, Shape shape, double... values) {
        checkCount("double", values.length, shape);
        HostArray a = zeros(dtype, shape);
        MemorySegment s = a.segment();
        for (int i = 0; i < values.length; i++) Elements.setDouble(s, i, dtype, values[i]);
        return a;
    }

    /** Values converted to {@code dtype}. */
    public static HostArray fromFloats(DType dtype, Shape shape, float... values) {
        checkCount("float", values.length, shape);
        HostArray a = zeros(dtype, shape);
        MemorySegment s = a.segment();
        for (int i = 0; i < values.length; i++) Elements.setDouble(s, i, dtype, values[i]);
        return a;
    }

    /** Integer values converted to {@code dtype} (exact for integer types). */
    public static HostArray fromLongs(DType dtype, Shape shape, long... values) {
        checkCount("long", values.length, shape);
        HostArray a = zeros(dtype, shape);
        MemorySegment s = a.segment();
        for (int i = 0; i < values.length; i++) Elements.setLong(s, i, dtype, values[i]);
        return a;
    }

    /** Integer values converted to {@code dtype}. */
    public static HostArray fromInts(DType dtype, Shape shape, int... values) {
        checkCount("int", values.length, shape);
        HostArray a = zeros(dtype, shape);
        MemorySegment s = a.segment();
        for (int i = 0; i < values.length; i++) Elements.setLong(s, i, dtype, values[i]);
        return a;
    }

    /** Booleans as BOOL. */
    public static HostArray fromBooleans(Shape shape, boolean... values) {
        checkCount("boolean", values.length, shape);
        HostArray a = zeros(DType.BOOL, shape);
        for (int i = 0; i < values.length; i++) a.data[i] = (byte) (values[i] ? 1 : 0);
        return a;
    }

    /** Type. */
    public TensorType type() { return type; }
    /** Element type. */
    public DType dtype() { return type.dtype(); }
    /** Shape. */
    public Shape shape() { return type.shape(); }
    /** Number of elements. */
    public long numel() { return type.numel(); }
    /** The raw little-endian bytes (not copied). */
    public byte[] bytes() { return data; }
    /** A memory segment over the bytes. */
    public MemorySegment segment() { return MemorySegment.ofArray(data); }

    /** Element {@code i} (row-major) as a double. */
    public double getDouble(long i) { return Elements.getDouble(segment(), i, type.dtype()); }
    /** Element {@code i} (row-major) as a long. */
    public long getLong(long i) { return Elements.getLong(segment(), i, type.dtype()); }

    /** Every element as a double. */
    public double[] toDoubles() {
        MemorySegment s = segment();
        double[] out = new double[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) out[i] = Elements.getDouble(s, i, type.dtype());
        return out;
    }

    /** Every element as a float. */
    public float[] toFloats() {
        double[] d = toDoubles();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }

    /** Every element as a long. */
    public long[] toLongs() {
        MemorySegment s = segment();
        long[] out = new long[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) out[i] = Elements.getLong(s, i, type.dtype());
        return out;
    }

    @Override
    public String toString() { return "HostArray" + type; }
}
