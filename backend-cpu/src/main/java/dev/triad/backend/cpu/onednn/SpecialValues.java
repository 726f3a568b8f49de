package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.StridedView;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Scans for the values whose semantics oneDNN does not promise to share with the spi (NaN
 * propagation through max, infinities through {@code x - max}). A kernel that finds one runs
 * the Java path or the decomposition instead; one vector pass is cheap beside being wrong.
 */
final class SpecialValues {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

    private SpecialValues() {}

    /** True when the contiguous F32 view {@code v} holds a NaN or an infinity. */
    static boolean anyNonFinite(StridedView v) { return scan(v, true); }

    /** True when the contiguous F32 view {@code v} holds a NaN. */
    static boolean anyNaN(StridedView v) { return scan(v, false); }

    /**
     * One pass looking for a NaN in x, or with {@code minusItself} in {@code x - x}, which is 0
     * for every finite x and NaN for NaN and both infinities.
     */
    private static boolean scan(StridedView v, boolean minusItself) {
        MemorySegment seg = v.segment();
        long base = v.offset() * 4, n = v.numel();
        long i = 0, bound = n - n % FS.length();
        for (; i < bound; i += FS.length()) {
            FloatVector x = FloatVector.fromMemorySegment(FS, seg, base + 4 * i, ByteOrder.LITTLE_ENDIAN);
            FloatVector y = minusItself ? x.sub(x) : x;
            if (y.compare(VectorOperators.NE, y).anyTrue()) return true;
        }
        for (; i < n; i++) {
            float x = seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED, base + 4 * i);
            float y = minusItself ? x - x : x;
            if (y != y) return true;
        }
        return false;
    }
}
