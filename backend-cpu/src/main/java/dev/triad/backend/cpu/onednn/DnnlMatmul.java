package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * F32 matmul on oneDNN's matmul primitive, batched and broadcast in one call: every operand is
 * described with its own strides (a transposed weight or a permuted batch is read in place),
 * batch dimensions the operand lacks or broadcasts (stride 0) are given size one, which oneDNN
 * broadcasts itself. An operand oneDNN cannot describe is packed first; when oneDNN offers only
 * its reference implementation even for packed operands, or for other dtypes and empty
 * products, the Java kernel runs instead.
 */
final class DnnlMatmul implements CpuKernel {
    private static final int KIND = 1;
    private static final int ARG_SRC = org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
    private static final int ARG_WEIGHTS = org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
    private static final int ARG_DST = org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
    private static final int ARG_BIAS = org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;

    private final OneDnn dnn;
    private final CpuKernel fallback;

    DnnlMatmul(OneDnn dnn, CpuKernel fallback) {
        this.dnn = dnn;
        this.fallback = fallback;
    }

    /** A created matmul and which operands it expects packed. */
    private record Plan(DnnlPrimitive primitive, boolean packA, boolean packB) implements OneDnn.Cached {
        @Override public void destroy() { primitive.destroy(); }
    }

    @Override
    public Support supports(DType dtype) { return fallback.supports(dtype); }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        if (!runDnnl(inputs.get(0), inputs.get(1), out, threads)) fallback.run(attrs, inputs, out, threads);
    }

    private boolean runDnnl(StridedView a, StridedView b, StridedView out, CpuThreads threads) {
        int r = out.rank();
        if (out.dtype() != DType.F32 || a.dtype() != DType.F32 || r > Build.MAX_NDIMS || out.numel() == 0 || a.dim(a.rank() - 1) == 0) return false;
        if (!a.segment().isNative() || !b.segment().isNative() || !out.segment().isNative()) return false;
        long[] ad = batchDims(a, out), as = batchStrides(a, out, ad);
        long[] bd = batchDims(b, out), bs = batchStrides(b, out, bd);
        long[] od = out.shape(), os = out.strides();
        boolean aIn = Layouts.describable(ad, as), bIn = Layouts.describable(bd, bs);
        long[] asClean = Layouts.cleanStrides(ad, as), bsClean = Layouts.cleanStrides(bd, bs);
        PrimitiveKey key = PrimitiveKey.of(KIND).add(ad).add(aIn ? asClean : new long[0]).add(bd).add(bIn ? bsClean : new long[0]).add(od).build();
        return dnn.run(key, build -> plan(build, ad, aIn ? asClean : null, bd, bIn ? bsClean : null, od, Layouts.cleanStrides(od, os)), plan -> {
            MemorySegment pa = plan.packA() ? Layouts.pack(dnn.staging(), 0, a, ad, as, threads) : Layouts.address(a);
            MemorySegment pb = plan.packB() ? Layouts.pack(dnn.staging(), 1, b, bd, bs, threads) : Layouts.address(b);
            dnn.execute(plan.primitive(), pa, pb, Layouts.address(out));
        });
    }

    /**
     * Tries the operands in place first (null strides: not describable), then packed; null when
     * oneDNN has nothing better than its reference implementation.
     */
    private static Plan plan(Build b, long[] ad, long[] as, long[] bd, long[] bs, long[] od, long[] os) throws Throwable {
        if (as != null && bs != null) {
            DnnlPrimitive p = create(b, ad, as, bd, bs, od, os);
            if (p != null) return new Plan(p, false, false);
        }
        boolean packA = as == null || isStrided(ad, as), packB = bs == null || isStrided(bd, bs);
        DnnlPrimitive p = create(b, ad, packA ? dense(ad) : as, bd, packB ? dense(bd) : bs, od, os);
        if (p == null && !(packA && packB)) {
            packA = packB = true;
            p = create(b, ad, dense(ad), bd, dense(bd), od, os);
        }
        return p == null ? null : new Plan(p, packA, packB);
    }

    private static DnnlPrimitive create(Build b, long[] ad, long[] as, long[] bd, long[] bs, long[] od, long[] os) throws Throwable {
        return create(b, ad, as, bd, bs, null, od, os);
    }

    /**
     * A matmul primitive {@code a b (+ bias)} over operands with the given dims and strides, or
     * null when oneDNN has only its reference implementation. {@code biasDims} (row-major, at the
     * result's rank) may be null for no bias; with one, the primitive's arguments are src,
     * weights, bias, dst in that order, else src, weights, dst.
     */
    static DnnlPrimitive create(Build b, long[] ad, long[] as, long[] bd, long[] bs, long[] biasDims, long[] od, long[] os) throws Throwable {
        MemorySegment src = b.md(ad, as), weights = b.md(bd, bs), dst = b.md(od, os);
        MemorySegment bias = biasDims == null ? DnnlApi.NULL : b.md(biasDims, dense(biasDims));
        MemorySegment engine = b.engine();
        int[] args = biasDims == null ? new int[] {ARG_SRC, ARG_WEIGHTS, ARG_DST} : new int[] {ARG_SRC, ARG_WEIGHTS, ARG_BIAS, ARG_DST};
        MemorySegment[] mds = biasDims == null ? new MemorySegment[] {src, weights, dst} : new MemorySegment[] {src, weights, bias, dst};
        return b.primitive(out -> (int) DnnlApi.MATMUL_PD.invokeExact(out, engine, src, weights, bias, dst, DnnlApi.NULL), args, mds, false);
    }

    /** True unless the matrix part is row- or column-major with unit stride (what fast GEMMs read). */
    private static boolean isStrided(long[] d, long[] s) {
        int r = d.length;
        return !(s[r - 1] == 1 || d[r - 1] == 1 || s[r - 2] == 1 || d[r - 2] == 1);
    }

    /** Row-major strides of {@code dims}. */
    static long[] dense(long[] dims) {
        return StridedView.contiguousStrides(dims);
    }

    /**
     * The operand's dims at the result's rank: missing leading batch dims and broadcast ones
     * (stride 0) become 1, which oneDNN broadcasts.
     */
    private static long[] batchDims(StridedView v, StridedView out) {
        int r = out.rank(), lead = r - v.rank();
        long[] d = new long[r];
        for (int i = 0; i < r; i++) {
            if (i < lead) d[i] = 1;
            else if (i < r - 2 && v.stride(i - lead) == 0) d[i] = 1;
            else d[i] = v.dim(i - lead);
        }
        return d;
    }

    private static long[] batchStrides(StridedView v, StridedView out, long[] dims) {
        int r = out.rank(), lead = r - v.rank();
        long[] s = new long[r];
        for (int i = lead; i < r; i++) s[i] = v.stride(i - lead);
        return s;
    }
}
