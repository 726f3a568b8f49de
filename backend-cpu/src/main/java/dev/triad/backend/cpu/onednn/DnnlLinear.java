package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * {@code linear(x, w, b) = x w^T + b} as one oneDNN matmul with a bias: the bias is added while
 * each output block is still in registers, instead of a second pass over the output (the
 * decomposition's broadcast add). x is read as the matrix {@code [rows, in]} (it must be
 * contiguous), the weight {@code [out, in]} in place through its transposed strides, the bias
 * as a {@code [1, out]} row. Anything else (other dtypes, strided x or bias, an empty product, a
 * weight oneDNN cannot describe, only a reference implementation) runs the decomposition.
 */
final class DnnlLinear implements CompositeKernel {
    private static final int KIND = 7;

    private final OneDnn dnn;

    DnnlLinear(OneDnn dnn) { this.dnn = dnn; }

    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0), w = inputs.get(1), b = inputs.get(2);
        if (x.dtype() != DType.F32 || out.numel() == 0 || !x.isContiguous() || !out.isContiguous()) return false;
        if (!x.segment().isNative() || !w.segment().isNative() || !b.segment().isNative() || !out.segment().isNative()) return false;
        long features = w.dim(1), outFeatures = w.dim(0);
        if (features == 0 || (outFeatures > 1 && b.stride(0) != 1)) return false;
        long rows = x.numel() / features;
        long[] xd = {rows, features}, xs = {features, 1};
        long[] wd = {features, outFeatures}, ws = {w.stride(1), w.stride(0)};
        if (!Layouts.describable(wd, ws)) return false;
        long[] wsClean = Layouts.cleanStrides(wd, ws);
        long[] od = {rows, outFeatures}, os = {outFeatures, 1};
        PrimitiveKey key = PrimitiveKey.of(KIND).add(xd).add(wd).add(wsClean).build();
        return dnn.run(key, build -> DnnlMatmul.create(build, xd, xs, wd, wsClean, new long[] {1, outFeatures}, od, os),
                plan -> dnn.execute(plan, Layouts.address(x), Layouts.address(w), Layouts.address(b), Layouts.address(out)));
    }
}
