package dev.triad.backend.cpu.kernels;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moving runs of elements between memory of any dtype and a lane's values, with exactly the
 * conversions of {@link Elements}: floats to integers truncate and saturate (NaN gives 0),
 * integers wrap, anything to BOOL is {@code != 0}, BF16/F16 round to nearest even. Common
 * pairs have their own loops; the rest go through {@link Elements} element by element.
 */
final class Convert {
    private Convert() {}

    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /**
     * Loads {@code n} elements of type {@code t} from element {@code off} of {@code src}, every
     * {@code stride} elements, as values of {@code lane} into {@code dst} from byte 0.
     */
    static void load(MemorySegment src, DType t, long off, long stride, int n, Lane lane, MemorySegment dst) {
        load(src, t, off, stride, n, lane, dst, 0);
    }

    /** As {@link #load(MemorySegment, DType, long, long, int, Lane, MemorySegment)}, into {@code dst} from byte {@code at}. */
    static void load(MemorySegment src, DType t, long off, long stride, int n, Lane lane, MemorySegment dst, long at) {
        if (at != 0) dst = dst.asSlice(at);
        switch (lane) {
            case F32 -> loadF32(src, t, off, stride, n, dst);
            case F64 -> loadF64(src, t, off, stride, n, dst);
            case I64 -> loadI64(src, t, off, stride, n, dst);
        }
    }

    /** Bytes as many lanes as a preferred float vector: BOOL runs convert lane by lane with it. */
    static final VectorSpecies<Byte> BS = VectorSpecies.of(byte.class, VectorShape.forBitSize(VecLoops.FL * 8));

    private static void loadF32(MemorySegment src, DType t, long off, long stride, int n, MemorySegment dst) {
        switch (t) {
            case F32 -> {
                if (stride == 1) MemorySegment.copy(src, off * 4, dst, 0, n * 4L);
                else if (stride == 0) fillF32(src.get(F32, 4 * off), n, dst);
                else for (int i = 0; i < n; i++) dst.set(F32, 4L * i, src.get(F32, 4 * (off + i * stride)));
            }
            case BOOL -> {
                if (stride == 1) boolToF32(src, off, n, dst);
                else if (stride == 0) fillF32(src.get(U8, off) != 0 ? 1f : 0f, n, dst);
                else for (int i = 0; i < n; i++) dst.set(F32, 4L * i, src.get(U8, off + i * stride) != 0 ? 1f : 0f);
            }
            case BF16 -> { for (int i = 0; i < n; i++) dst.set(F32, 4L * i, Elements.bf16ToFloat(src.get(I16, 2 * (off + i * stride)))); }
            case F16 -> { for (int i = 0; i < n; i++) dst.set(F32, 4L * i, Float.float16ToFloat(src.get(I16, 2 * (off + i * stride)))); }
            default -> { for (int i = 0; i < n; i++) dst.set(F32, 4L * i, (float) Elements.getDouble(src, off + i * stride, t)); }
        }
    }

    private static void loadF64(MemorySegment src, DType t, long off, long stride, int n, MemorySegment dst) {
        if (t == DType.F64) {
            if (stride == 1) MemorySegment.copy(src, off * 8, dst, 0, n * 8L);
            else for (int i = 0; i < n; i++) dst.set(F64, 8L * i, src.get(F64, 8 * (off + i * stride)));
        } else if (t == DType.F32) {
            // Widening F32 runs: reductions accumulate floats in F64.
            for (int i = 0; i < n; i++) dst.set(F64, 8L * i, src.get(F32, 4 * (off + i * stride)));
        } else {
            for (int i = 0; i < n; i++) dst.set(F64, 8L * i, Elements.getDouble(src, off + i * stride, t));
        }
    }

    private static void loadI64(MemorySegment src, DType t, long off, long stride, int n, MemorySegment dst) {
        switch (t) {
            case I64 -> {
                if (stride == 1) MemorySegment.copy(src, off * 8, dst, 0, n * 8L);
                else for (int i = 0; i < n; i++) dst.set(I64, 8L * i, src.get(I64, 8 * (off + i * stride)));
            }
            case I32 -> { for (int i = 0; i < n; i++) dst.set(I64, 8L * i, src.get(I32, 4 * (off + i * stride))); }
            case U8 -> { for (int i = 0; i < n; i++) dst.set(I64, 8L * i, src.get(U8, off + i * stride) & 0xFF); }
            case BOOL -> { for (int i = 0; i < n; i++) dst.set(I64, 8L * i, src.get(U8, off + i * stride) != 0 ? 1 : 0); }
            default -> { for (int i = 0; i < n; i++) dst.set(I64, 8L * i, Elements.getLong(src, off + i * stride, t)); }
        }
    }

    /**
     * Stores {@code n} values of {@code lane} from byte 0 of {@code src} as type {@code t} at
     * element {@code off} of {@code dst}, every {@code stride} elements.
     */
    static void store(MemorySegment src, Lane lane, int n, MemorySegment dst, DType t, long off, long stride) {
        switch (lane) {
            case F32 -> storeF32(src, n, dst, t, off, stride);
            case F64 -> storeF64(src, n, dst, t, off, stride);
            case I64 -> storeI64(src, n, dst, t, off, stride);
        }
    }

    private static void storeF32(MemorySegment src, int n, MemorySegment dst, DType t, long off, long stride) {
        switch (t) {
            case F32 -> {
                if (stride == 1) MemorySegment.copy(src, 0, dst, off * 4, n * 4L);
                else for (int i = 0; i < n; i++) dst.set(F32, 4 * (off + i * stride), src.get(F32, 4L * i));
            }
            case BF16 -> { for (int i = 0; i < n; i++) dst.set(I16, 2 * (off + i * stride), Elements.floatToBf16(src.get(F32, 4L * i))); }
            case F16 -> { for (int i = 0; i < n; i++) dst.set(I16, 2 * (off + i * stride), Float.floatToFloat16(src.get(F32, 4L * i))); }
            case BOOL -> {
                if (stride == 1) f32ToBool(src, n, dst, off);
                else for (int i = 0; i < n; i++) dst.set(U8, off + i * stride, (byte) (src.get(F32, 4L * i) != 0 ? 1 : 0));
            }
            default -> { for (int i = 0; i < n; i++) Elements.setDouble(dst, off + i * stride, t, src.get(F32, 4L * i)); }
        }
    }

    // Vector forms of the conversions elementwise kernels hit most: a broadcast operand (stride 0),
    // BOOL conditions and masks read as floats, and comparison results stored as BOOL. Scalar
    // loops here cost 3 to 5 times the arithmetic they feed.

    /** {@code n} copies of {@code v} into {@code dst} from byte 0. */
    static void fillF32(float v, int n, MemorySegment dst) {
        FloatVector b = FloatVector.broadcast(VecLoops.FS, v);
        int i = 0;
        for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) b.intoMemorySegment(dst, 4L * i, VecLoops.LE);
        if (i < n) b.intoMemorySegment(dst, 4L * i, VecLoops.LE, VecLoops.FS.indexInRange(i, n));
    }

    /** BOOL bytes from element {@code off} of {@code src} as 1f / 0f into {@code dst} from byte 0. */
    static void boolToF32(MemorySegment src, long off, int n, MemorySegment dst) {
        // Lane conversions rather than mask casts between shapes, which C2 does not always
        // intrinsify: any non-zero byte becomes 1, then bytes widen to floats.
        int i = 0;
        for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) {
            ByteVector b = ByteVector.fromMemorySegment(BS, src, off + i, VecLoops.LE);
            FloatVector f = (FloatVector) b.compare(VectorOperators.NE, 0).toVector().neg().convertShape(VectorOperators.B2F, VecLoops.FS, 0);
            f.intoMemorySegment(dst, 4L * i, VecLoops.LE);
        }
        for (; i < n; i++) dst.set(F32, 4L * i, src.get(U8, off + i) != 0 ? 1f : 0f);
    }

    /** Floats from byte 0 of {@code src} as BOOL ({@code != 0}, so NaN is true) at element {@code off} of {@code dst}. */
    static void f32ToBool(MemorySegment src, int n, MemorySegment dst, long off) {
        FloatVector zero = FloatVector.zero(VecLoops.FS), one = FloatVector.broadcast(VecLoops.FS, 1f);
        int i = 0;
        for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) {
            FloatVector v = FloatVector.fromMemorySegment(VecLoops.FS, src, 4L * i, VecLoops.LE);
            ByteVector b = (ByteVector) zero.blend(one, v.compare(VectorOperators.NE, 0f)).convertShape(VectorOperators.F2B, BS, 0);
            b.intoMemorySegment(dst, off + i, VecLoops.LE);
        }
        for (; i < n; i++) dst.set(U8, off + i, (byte) (src.get(F32, 4L * i) != 0 ? 1 : 0));
    }

    private static void storeF64(MemorySegment src, int n, MemorySegment dst, DType t, long off, long stride) {
        switch (t) {
            case F64 -> {
                if (stride == 1) MemorySegment.copy(src, 0, dst, off * 8, n * 8L);
                else for (int i = 0; i < n; i++) dst.set(F64, 8 * (off + i * stride), src.get(F64, 8L * i));
            }
            case F32 -> { for (int i = 0; i < n; i++) dst.set(F32, 4 * (off + i * stride), (float) src.get(F64, 8L * i)); }
            case BOOL -> { for (int i = 0; i < n; i++) dst.set(U8, off + i * stride, (byte) (src.get(F64, 8L * i) != 0 ? 1 : 0)); }
            default -> { for (int i = 0; i < n; i++) Elements.setDouble(dst, off + i * stride, t, src.get(F64, 8L * i)); }
        }
    }

    private static void storeI64(MemorySegment src, int n, MemorySegment dst, DType t, long off, long stride) {
        switch (t) {
            case I64 -> {
                if (stride == 1) MemorySegment.copy(src, 0, dst, off * 8, n * 8L);
                else for (int i = 0; i < n; i++) dst.set(I64, 8 * (off + i * stride), src.get(I64, 8L * i));
            }
            case I32 -> { for (int i = 0; i < n; i++) dst.set(I32, 4 * (off + i * stride), (int) src.get(I64, 8L * i)); }
            case U8 -> { for (int i = 0; i < n; i++) dst.set(U8, off + i * stride, (byte) src.get(I64, 8L * i)); }
            case BOOL -> { for (int i = 0; i < n; i++) dst.set(U8, off + i * stride, (byte) (src.get(I64, 8L * i) != 0 ? 1 : 0)); }
            default -> { for (int i = 0; i < n; i++) Elements.setLong(dst, off + i * stride, t, src.get(I64, 8L * i)); }
        }
    }

    /** Element {@code off} of {@code seg} (type {@code t}) as a double, as {@link Elements#getDouble} reads it. */
    static double getDouble(MemorySegment seg, long off, DType t) {
        return switch (t) {
            case F32 -> seg.get(F32, 4 * off);
            case F64 -> seg.get(F64, 8 * off);
            default -> Elements.getDouble(seg, off, t);
        };
    }

    /** Element {@code off} of {@code seg} (type {@code t}) as a long, as {@link Elements#getLong} reads it. */
    static long getLong(MemorySegment seg, long off, DType t) {
        return switch (t) {
            case I32 -> seg.get(I32, 4 * off);
            case I64 -> seg.get(I64, 8 * off);
            default -> Elements.getLong(seg, off, t);
        };
    }

    /** Writes a lane value of a float lane: {@code v} converted to {@code t} as a cast does. */
    static void setDouble(MemorySegment seg, long off, DType t, double v) {
        switch (t) {
            case F32 -> seg.set(F32, 4 * off, (float) v);
            case F64 -> seg.set(F64, 8 * off, v);
            default -> Elements.setDouble(seg, off, t, v);
        }
    }

    /** Writes a lane value of the integer lane: {@code v} converted to {@code t} as a cast does. */
    static void setLong(MemorySegment seg, long off, DType t, long v) {
        switch (t) {
            case I32 -> seg.set(I32, 4 * off, (int) v);
            case I64 -> seg.set(I64, 8 * off, v);
            default -> Elements.setLong(seg, off, t, v);
        }
    }
}
