package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * cross_entropy (logits [N, C], labels [N]) as one kernel instead of the
 * decomposition's ten ops (log_softmax's max, subtract, exp, sum, log and subtract, then
 * gather, negate and mean; a training step's loss on a [128, 10] batch went from about 34 us
 * to a few). Per row: the maximum, the sum of {@code exp(x - max)} (F32 rows in vector lanes,
 * as the decomposition's F32 kernels sum them; F64 rows in double), then in double
 * {@code lse = max + log(sum)}, {@code nll = lse - x[label]} and, with label smoothing,
 * {@code (1 - ls) nll + ls (lse - mean(x))}; the mean over rows is accumulated in double and
 * rounded once.
 *
 * <p>Declines ({@link CrossEntropyRows#covers}; the decomposition runs, with its own semantics and errors) for BF16/F16 logits
 * (whose decomposition rounds each step to the narrow type), rows that are not contiguous,
 * N = 0, a non-finite logit, and a label outside {@code [0, C)} (so gather reports it).
 */
public final class CrossEntropyKernel implements CompositeKernel {
    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView logits = inputs.get(0), labels = inputs.get(1);
        if (!CrossEntropyRows.covers(logits, labels)) return false;
        DType t = logits.dtype();
        long n = logits.dim(0), c = logits.dim(1);
        double ls = attrs.get(Keys.LABEL_SMOOTHING);
        MemorySegment x = logits.segment();
        double total = 0;
        for (long i = 0; i < n; i++) {
            long row = CrossEntropyRows.rowOffset(logits, i);
            double max = CrossEntropyRows.max(x, t, row, c), sum = 0;
            for (long j = 0; j < c; j++) sum += CrossEntropyRows.value(x, t, row, j);
            double mean = sum / c;
            double expSum = t == DType.F32 ? CrossEntropyRows.expF32(x, row, (int) c, (float) max, null, 0) : expSumF64(x, row, c, max);
            double lse = max + Math.log(expSum);
            double nll = lse - CrossEntropyRows.value(x, t, row, CrossEntropyRows.label(labels, i));
            total += ls == 0 ? nll : (1 - ls) * nll + ls * (lse - mean);
        }
        double loss = total / n;
        long at = out.offset() * t.byteSize();
        if (t == DType.F32) out.segment().set(CrossEntropyRows.F32, at, (float) loss);
        else out.segment().set(CrossEntropyRows.F64, at, loss);
        return true;
    }

    /** The sum of {@code exp(x - max)} over a contiguous F64 row. */
    private static double expSumF64(MemorySegment x, long row, long c, double max) {
        double s = 0;
        for (long j = 0; j < c; j++) s += Math.exp(x.get(CrossEntropyRows.F64, row + 8 * j) - max);
        return s;
    }
}
