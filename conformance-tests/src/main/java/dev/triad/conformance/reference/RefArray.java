package dev.triad.conformance.reference;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;

/**
 * A dense, row-major, immutable array of the reference interpreter.
 *
 * <p>Floating types (F32, F64, BF16, F16) keep their values as {@code double}, already rounded
 * to what the dtype can hold. Integer types and BOOL keep a {@code long[]} instead, normalised
 * to the dtype's width (I32 sign-extended, U8 in 0..255, BOOL 0 or 1), so I64 is exact over its
 * whole range — not only up to 2^53 — and integer arithmetic can wrap exactly as two's
 * complement does.
 */
public final class RefArray {
    private final DType dtype;
    private final Shape shape;
    private final double[] floats;
    private final long[] ints;

    private RefArray(DType dtype, Shape shape, double[] floats, long[] ints) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.ints = ints;
        int n = Math.toIntExact(shape.numel());
        if ((floats != null ? floats.length : ints.length) != n) {
            throw new IllegalArgumentException((floats != null ? floats.length : ints.length) + " values do not fill " + dtype + shape);
        }
    }

    /** Values converted to {@code dtype}: floats rounded with {@link Elements#roundTo}, integers as a cast from double does. */
    public static RefArray of(DType dtype, Shape shape, double... values) {
        if (dtype.isFloating()) {
            double[] f = new double[values.length];
            for (int i = 0; i < f.length; i++) f[i] = Elements.roundTo(dtype, values[i]);
            return new RefArray(dtype, shape, f, null);
        }
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) l[i] = (long) Elements.roundTo(dtype, values[i]);
        return new RefArray(dtype, shape, null, l);
    }

    /** Integer values converted to {@code dtype} (wrapping for integers, {@code != 0} for BOOL, rounding for floats). */
    public static RefArray ofLongs(DType dtype, Shape shape, long... values) {
        if (dtype.isFloating()) {
            double[] f = new double[values.length];
            for (int i = 0; i < f.length; i++) f[i] = fromLong(dtype, values[i]);
            return new RefArray(dtype, shape, f, null);
        }
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) l[i] = wrap(dtype, values[i]);
        return new RefArray(dtype, shape, null, l);
    }

    /** A scalar. */
    public static RefArray scalar(DType dtype, double value) { return of(dtype, Shape.SCALAR, value); }

    /** {@code value} repeated over {@code shape}. */
    public static RefArray filled(DType dtype, Shape shape, double value) {
        double[] v = new double[Math.toIntExact(shape.numel())];
        Arrays.fill(v, value);
        return of(dtype, shape, v);
    }

    /** Takes over {@code values} (no copy, no rounding): for kernels that already rounded. */
    static RefArray adoptFloats(DType dtype, Shape shape, double[] values) {
        return new RefArray(dtype, shape, values, null);
    }

    /** Takes over {@code values} (no copy, already normalised). */
    static RefArray adoptLongs(DType dtype, Shape shape, long[] values) {
        return new RefArray(dtype, shape, null, values);
    }

    /** {@code v} normalised to integer type {@code t}: two's-complement wrap, or 0/1 for BOOL. */
    public static long wrap(DType t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case U8 -> v & 0xFF;
            case BOOL -> v != 0 ? 1 : 0;
            default -> v;
        };
    }

    /** An integer converted to a floating type, rounding once (long to float directly, not via double). */
    static double fromLong(DType t, long v) {
        return switch (t) {
            case F64 -> (double) v;
            case F32 -> (float) v;
            default -> Elements.roundTo(t, (float) v);
        };
    }

    /** Element type. */
    public DType dtype() { return dtype; }
    /** Shape. */
    public Shape shape() { return shape; }
    /** Type. */
    public TensorType type() { return new TensorType(dtype, shape); }
    /** Number of elements. */
    public int size() { return floats != null ? floats.length : ints.length; }
    /** Rank. */
    public int rank() { return shape.rank(); }

    /** True when values are kept as longs (integer types and BOOL). */
    public boolean isIntegral() { return ints != null; }

    /** Element {@code i} (row-major) as a double (exact for floats; integers beyond 2^53 round). */
    public double get(int i) { return floats != null ? floats[i] : (double) ints[i]; }

    /** Element {@code i} as a long: exact for integer types; floats truncate toward zero. */
    public long getLong(int i) { return ints != null ? ints[i] : (long) floats[i]; }

    /** Every element as a double (a copy). */
    public double[] toDoubles() {
        if (floats != null) return floats.clone();
        double[] d = new double[ints.length];
        for (int i = 0; i < d.length; i++) d[i] = ints[i];
        return d;
    }

    /** Every element as a long (a copy; floats truncate). */
    public long[] toLongs() {
        if (ints != null) return ints.clone();
        long[] l = new long[floats.length];
        for (int i = 0; i < l.length; i++) l[i] = (long) floats[i];
        return l;
    }

    /** The same values viewed with another shape of equal size. */
    public RefArray reshaped(Shape s) {
        return floats != null ? new RefArray(dtype, s, floats.clone(), null) : new RefArray(dtype, s, null, ints.clone());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(dtype.shortName()).append(shape).append(' ');
        int n = size();
        b.append('[');
        for (int i = 0; i < Math.min(n, 12); i++) {
            if (i > 0) b.append(", ");
            if (ints != null) b.append(ints[i]); else b.append(floats[i]);
        }
        if (n > 12) b.append(", ... (").append(n).append(" values)");
        return b.append(']').toString();
    }
}
