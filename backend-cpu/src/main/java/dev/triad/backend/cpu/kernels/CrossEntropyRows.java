package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * What the cross-entropy kernels ({@link CrossEntropyKernel}, {@link CrossEntropyGradKernel})
 * share: which cases they take, and how they read rows, labels and exponentials.
 */
final class CrossEntropyRows {
    private CrossEntropyRows() {}

    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /**
     * Whether the kernels take logits [N, C] with labels [N]: F32 or F64 (BF16/F16 decompositions
     * round each step to the narrow type), N > 0, each row contiguous, every label in
     * {@code [0, C)} (else gather reports it) and every logit finite (the decomposition's
     * NaN and infinity semantics are its own).
     */
    static boolean covers(StridedView logits, StridedView labels) {
        DType t = logits.dtype();
        if (t != DType.F32 && t != DType.F64) return false;
        long n = logits.dim(0), c = logits.dim(1);
        if (n == 0 || logits.stride(1) != 1 && c > 1 || c > Integer.MAX_VALUE) return false;
        for (long i = 0; i < n; i++) {
            long label = label(labels, i);
            if (label < 0 || label >= c) return false;
            if (t == DType.F32 ? !finiteF32(logits.segment(), rowOffset(logits, i), (int) c) : !finiteF64(logits.segment(), rowOffset(logits, i), c)) return false;
        }
        return true;
    }

    /** The label of row {@code i} (i32 or i64). */
    static long label(StridedView labels, long i) {
        long at = labels.offset() + i * labels.stride(0);
        return labels.dtype() == DType.I32 ? labels.segment().get(ValueLayout.JAVA_INT_UNALIGNED, at * 4)
                : labels.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, at * 8);
    }

    /** The byte offset of row {@code i} of the logits. */
    static long rowOffset(StridedView logits, long i) {
        return (logits.offset() + i * logits.stride(0)) * logits.dtype().byteSize();
    }

    /** Element {@code j} of the row at byte offset {@code row}, F32 or F64. */
    static double value(MemorySegment x, DType t, long row, long j) {
        return t == DType.F32 ? x.get(F32, row + 4 * j) : x.get(F64, row + 8 * j);
    }

    /** The largest element of the row. */
    static double max(MemorySegment x, DType t, long row, long c) {
        double max = Double.NEGATIVE_INFINITY;
        for (long j = 0; j < c; j++) max = Math.max(max, value(x, t, row, j));
        return max;
    }

    /**
     * {@code exp(x - max)} of a contiguous F32 row in vector lanes, stored to {@code into} at
     * byte offset {@code dst} unless {@code into} is null; returns the lanes' sum.
     */
    static float expF32(MemorySegment x, long row, int c, float max, MemorySegment into, long dst) {
        FloatVector acc = FloatVector.zero(FS);
        for (int j = 0; j < c; j += FS.length()) {
            VectorMask<Float> m = FS.indexInRange(j, c);
            FloatVector e = FloatVector.fromMemorySegment(FS, x, row + 4L * j, ByteOrder.LITTLE_ENDIAN, m).sub(max).lanewise(VectorOperators.EXP);
            if (into != null) e.intoMemorySegment(into, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m);
            acc = acc.add(e, m);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** A contiguous F32 row holds no NaN or infinity ({@code x - x} is 0 exactly for finite x). */
    private static boolean finiteF32(MemorySegment x, long row, int c) {
        for (int j = 0; j < c; j += FS.length()) {
            VectorMask<Float> m = FS.indexInRange(j, c);
            FloatVector v = FloatVector.fromMemorySegment(FS, x, row + 4L * j, ByteOrder.LITTLE_ENDIAN, m);
            FloatVector d = v.sub(v);
            if (d.compare(VectorOperators.NE, d, m).anyTrue()) return false;
        }
        return true;
    }

    private static boolean finiteF64(MemorySegment x, long row, long c) {
        for (long j = 0; j < c; j++) if (!Double.isFinite(x.get(F64, row + 8 * j))) return false;
        return true;
    }
}
