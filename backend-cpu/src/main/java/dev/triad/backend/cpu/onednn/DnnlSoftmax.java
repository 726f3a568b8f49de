package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_softmax_accurate;

/**
 * {@code softmax} along any axis as one oneDNN softmax primitive (the max-subtracting
 * "accurate" algorithm, as the decomposition): one read and one write instead of the
 * decomposition's five passes. Contiguous F32 inputs that hold only finite values; anything
 * else runs the decomposition, whose NaN and infinity semantics are the spi's.
 *
 * <p>{@code log_softmax} deliberately stays the decomposition: oneDNN's {@code softmax_log}
 * measured 3.6e-6 relative error against float64 on a [128, 10] batch, twelve times the
 * decomposition's 2.9e-7, and log-softmax feeds every cross-entropy loss.
 */
final class DnnlSoftmax implements CompositeKernel {
    private static final int KIND = 5;

    private final OneDnn dnn;

    DnnlSoftmax(OneDnn dnn) { this.dnn = dnn; }

    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0);
        int rank = x.rank();
        if (!out.isContiguous() || x.dtype() != DType.F32 || rank == 0 || x.numel() == 0 || !x.segment().isNative() || !x.isContiguous()) return false;
        if (SpecialValues.anyNonFinite(x)) return false;
        int axis = Math.floorMod(attrs.get(Keys.AXIS), rank);
        long[] dims = x.shape(), strides = StridedView.contiguousStrides(dims);
        PrimitiveKey key = PrimitiveKey.of(KIND).add(axis).add(dims).build();
        return dnn.run(key, b -> {
            MemorySegment src = b.md(dims, strides), dst = b.md(dims, strides);
            MemorySegment pd = b.pd(o -> (int) DnnlApi.SOFTMAX_FORWARD_PD.invokeExact(o, b.engine(), dnnl_forward_inference, dnnl_softmax_accurate,
                    src, dst, axis,
                    DnnlApi.NULL));
            if (pd == null || b.impl(pd).startsWith("ref")) return null;
            return Pipeline.single(b.primitive(pd, new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, new MemorySegment[] {src, dst}), 2);
        }, plan -> plan.run(dnn, Layouts.address(x), Layouts.address(out)));
    }
}
