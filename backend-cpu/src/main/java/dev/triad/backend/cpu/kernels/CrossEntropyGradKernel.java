package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * cross_entropy_grad (logits [N, C], labels [N], g []) in one pass per row instead of the
 * decomposition's seven ops (a zero tensor, a scatter of the one-hot target, softmax,
 * subtractions, the scale and the product): {@code ((softmax(x) - (1 - ls) onehot) - ls / C)
 * * (g / N)}, each element in that order, softmax's exponentials in vector lanes (F32) or
 * double (F64) and each row's sum of them in the lanes' precision, as the decomposition's
 * softmax sums.
 *
 * <p>Declines, as {@link CrossEntropyKernel} does, for BF16/F16, strided rows, N = 0,
 * non-finite logits and labels outside {@code [0, C)}.
 */
public final class CrossEntropyGradKernel implements CompositeKernel {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView logits = inputs.get(0), labels = inputs.get(1), g = inputs.get(2);
        DType t = logits.dtype();
        if (t != DType.F32 && t != DType.F64 || !out.isContiguous()) return false;
        long n = logits.dim(0), c = logits.dim(1);
        if (n == 0 || logits.stride(1) != 1 && c > 1 || c > Integer.MAX_VALUE) return false;
        MemorySegment x = logits.segment(), y = out.segment();
        long bytes = t.byteSize();
        for (long i = 0; i < n; i++) {
            long label = CrossEntropyKernel.label(labels, i);
            if (label < 0 || label >= c) return false;
            long row = (logits.offset() + i * logits.stride(0)) * bytes;
            for (long j = 0; j < c; j++) {
                double v = t == DType.F32 ? x.get(F32, row + 4 * j) : x.get(F64, row + 8 * j);
                if (!Double.isFinite(v)) return false;
            }
        }
        double ls = attrs.get(Keys.LABEL_SMOOTHING);
        long gAt = g.offset() * bytes;
        for (long i = 0; i < n; i++) {
            long label = CrossEntropyKernel.label(labels, i);
            long row = (logits.offset() + i * logits.stride(0)) * bytes, dst = (out.offset() + i * c) * bytes;
            if (t == DType.F32) {
                float scale = g.segment().get(F32, gAt) / (float) n;
                rowF32(x, row, y, dst, (int) c, (int) label, (float) (1 - ls), (float) (ls / c), scale);
            } else {
                double scale = g.segment().get(F64, gAt) / n;
                rowF64(x, row, y, dst, c, label, 1 - ls, ls / c, scale);
            }
        }
        return true;
    }

    private static void rowF32(MemorySegment x, long row, MemorySegment y, long dst, int c, int label, float hot, float spread, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) max = Math.max(max, x.get(F32, row + 4L * j));
        FloatVector acc = FloatVector.zero(FS);
        for (int j = 0; j < c; j += FS.length()) {
            VectorMask<Float> m = FS.indexInRange(j, c);
            FloatVector e = FloatVector.fromMemorySegment(FS, x, row + 4L * j, ByteOrder.LITTLE_ENDIAN, m).sub(max).lanewise(VectorOperators.EXP);
            e.intoMemorySegment(y, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m);
            acc = acc.add(e, m);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        float labelExp = y.get(F32, dst + 4L * label);
        for (int j = 0; j < c; j += FS.length()) {
            VectorMask<Float> m = FS.indexInRange(j, c);
            FloatVector p = FloatVector.fromMemorySegment(FS, y, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m).div(sum);
            p.sub(spread).mul(scale).intoMemorySegment(y, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m);
        }
        // The label's element again, with the one-hot target subtracted in the decomposition's order.
        float p = labelExp / sum;
        y.set(F32, dst + 4L * label, ((p - hot) - spread) * scale);
    }

    private static void rowF64(MemorySegment x, long row, MemorySegment y, long dst, long c, long label, double hot, double spread, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (long j = 0; j < c; j++) max = Math.max(max, x.get(F64, row + 8 * j));
        double sum = 0;
        for (long j = 0; j < c; j++) {
            double e = Math.exp(x.get(F64, row + 8 * j) - max);
            y.set(F64, dst + 8 * j, e);
            sum += e;
        }
        for (long j = 0; j < c; j++) {
            double p = y.get(F64, dst + 8 * j) / sum;
            y.set(F64, dst + 8 * j, ((p - (j == label ? hot : 0)) - spread) * scale);
        }
    }
}
