package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

import java.lang.foreign.MemorySegment;
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
    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView logits = inputs.get(0), labels = inputs.get(1), g = inputs.get(2);
        if (!out.isContiguous() || !CrossEntropyRows.covers(logits, labels)) return false;
        DType t = logits.dtype();
        long n = logits.dim(0), c = logits.dim(1);
        MemorySegment x = logits.segment(), y = out.segment();
        double ls = attrs.get(Keys.LABEL_SMOOTHING);
        long bytes = t.byteSize(), gAt = g.offset() * bytes;
        for (long i = 0; i < n; i++) {
            long label = CrossEntropyRows.label(labels, i);
            long row = CrossEntropyRows.rowOffset(logits, i), dst = (out.offset() + i * c) * bytes;
            if (t == DType.F32) {
                float scale = g.segment().get(CrossEntropyRows.F32, gAt) / (float) n;
                rowF32(x, row, y, dst, (int) c, (int) label, (float) (1 - ls), (float) (ls / c), scale);
            } else {
                double scale = g.segment().get(CrossEntropyRows.F64, gAt) / n;
                rowF64(x, row, y, dst, c, label, 1 - ls, ls / c, scale);
            }
        }
        return true;
    }

    private static void rowF32(MemorySegment x, long row, MemorySegment y, long dst, int c, int label, float hot, float spread, float scale) {
        float max = (float) CrossEntropyRows.max(x, DType.F32, row, c);
        float sum = CrossEntropyRows.expF32(x, row, c, max, y, dst);
        float labelExp = y.get(CrossEntropyRows.F32, dst + 4L * label);
        for (int j = 0; j < c; j += CrossEntropyRows.FS.length()) {
            VectorMask<Float> m = CrossEntropyRows.FS.indexInRange(j, c);
            FloatVector p = FloatVector.fromMemorySegment(CrossEntropyRows.FS, y, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m).div(sum);
            p.sub(spread).mul(scale).intoMemorySegment(y, dst + 4L * j, ByteOrder.LITTLE_ENDIAN, m);
        }
        // The label's element again, with the one-hot target subtracted in the decomposition's order.
        float p = labelExp / sum;
        y.set(CrossEntropyRows.F32, dst + 4L * label, ((p - hot) - spread) * scale);
    }

    private static void rowF64(MemorySegment x, long row, MemorySegment y, long dst, long c, long label, double hot, double spread, double scale) {
        double max = CrossEntropyRows.max(x, DType.F64, row, c);
        double sum = 0;
        for (long j = 0; j < c; j++) {
            double e = Math.exp(x.get(CrossEntropyRows.F64, row + 8 * j) - max);
            y.set(CrossEntropyRows.F64, dst + 8 * j, e);
            sum += e;
        }
        for (long j = 0; j < c; j++) {
            double p = y.get(CrossEntropyRows.F64, dst + 8 * j) / sum;
            y.set(CrossEntropyRows.F64, dst + 8 * j, ((p - (j == label ? hot : 0)) - spread) * scale);
        }
    }
}
