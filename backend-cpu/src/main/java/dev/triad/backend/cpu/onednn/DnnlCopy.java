package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * An F32-to-F32 {@code cast} of a large strided view (a transposed gradient made contiguous,
 * say) as a oneDNN reorder, which moves transposes through registers in blocks; the Java
 * strided copy gathers element by element (measured about four times slower on a
 * {@code [6272, 128]} transpose). Contiguous, small or converting casts, and views oneDNN
 * cannot describe, run the Java kernel.
 */
final class DnnlCopy implements CpuKernel {
    private static final int KIND = 4;
    /** Below this many elements the Java copy is as fast as a oneDNN call. */
    static final long MIN_ELEMENTS = 1 << 14;

    private final OneDnn dnn;
    private final CpuKernel fallback;

    DnnlCopy(OneDnn dnn, CpuKernel fallback) {
        this.dnn = dnn;
        this.fallback = fallback;
    }

    @Override
    public Support supports(DType dtype) { return fallback.supports(dtype); }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        if (!runDnnl(inputs.get(0), out)) fallback.run(attrs, inputs, out, threads);
    }

    private boolean runDnnl(StridedView in, StridedView out) {
        if (in.dtype() != DType.F32 || out.dtype() != DType.F32 || in.numel() < MIN_ELEMENTS || in.isContiguous() || in.rank() > Build.MAX_NDIMS) return false;
        if (!in.segment().isNative() || !out.segment().isNative() || !Layouts.describable(in.shape(), in.strides())) return false;
        long[] dims = in.shape(), from = Layouts.cleanStrides(dims, in.strides()), to = Layouts.cleanStrides(dims, out.strides());
        PrimitiveKey key = PrimitiveKey.of(KIND).add(dims).add(from).add(to).build();
        return dnn.run(key, b -> {
            DnnlPrimitive r = b.reorder(b.md(dims, from), b.md(dims, to));
            if (r != null && r.impl().startsWith("ref")) {
                r.destroy();
                return null;
            }
            return r;
        }, r -> dnn.execute(r, Layouts.address(in), Layouts.address(out)));
    }
}
