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
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_scale;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_shift;

/**
 * {@code layer_norm} and {@code batch_norm} (x, gamma, beta) as one oneDNN normalization
 * primitive each, statistics computed from the batch as the spi defines them (biased variance,
 * {@code eps} inside the square root): two passes over x instead of the decomposition's six.
 * Layer norm flattens x to {@code [rows, D]} with D the product of the normalized trailing
 * dimensions, which oneDNN normalizes over its last one; batch norm takes x as
 * {@code [N, C, spatial...]} (rank 2 to 5). F32, contiguous operands holding only finite values;
 * anything else runs the decomposition.
 */
final class DnnlNormalization implements CompositeKernel {
    private static final int KIND = 6;

    private final OneDnn dnn;
    private final boolean layer;

    /** @param layer true for layer_norm, false for batch_norm */
    DnnlNormalization(OneDnn dnn, boolean layer) {
        this.dnn = dnn;
        this.layer = layer;
    }

    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0), gamma = inputs.get(1), beta = inputs.get(2);
        if (!out.isContiguous()) return false;
        for (StridedView v : inputs) {
            if (v.dtype() != DType.F32 || v.numel() == 0 || !v.segment().isNative() || !v.isContiguous()) return false;
        }
        long[] dims;
        if (layer) {
            long d = gamma.numel();
            dims = new long[] {x.numel() / d, d};
        } else {
            if (x.rank() < 2 || x.rank() > 5) return false;
            dims = x.shape();
        }
        if (SpecialValues.anyNonFinite(x)) return false;
        float eps = (float) (double) attrs.get(Keys.EPS);
        long[] params = {gamma.numel()};
        PrimitiveKey key = PrimitiveKey.of(KIND).add(layer ? 1 : 0).add(dims).add(Float.floatToIntBits(eps)).build();
        return dnn.run(key, b -> {
            long[] strides = StridedView.contiguousStrides(dims);
            MemorySegment src = b.md(dims, strides), dst = b.md(dims, strides), p = b.md(params, new long[] {1});
            int flags = dnnl_use_scale | dnnl_use_shift;
            MemorySegment pd = layer
                    ? b.pd(o -> (int) DnnlApi.LAYER_NORM_FORWARD_PD.invokeExact(o, b.engine(), dnnl_forward_inference, src, dst, DnnlApi.NULL, eps,
                            flags, DnnlApi.NULL))
                    : b.pd(o -> (int) DnnlApi.BATCH_NORM_FORWARD_PD.invokeExact(o, b.engine(), dnnl_forward_inference, src, dst, eps, flags,
                            DnnlApi.NULL));
            if (pd == null || b.impl(pd).startsWith("ref")) return null;
            return Pipeline.single(b.primitive(pd, new int[] {DNNL_ARG_SRC, DNNL_ARG_SCALE, DNNL_ARG_SHIFT, DNNL_ARG_DST},
                    new MemorySegment[] {src, p, p, dst}), 4);
        }, plan -> plan.run(dnn, Layouts.address(x), Layouts.address(gamma), Layouts.address(beta), Layouts.address(out)));
    }
}
