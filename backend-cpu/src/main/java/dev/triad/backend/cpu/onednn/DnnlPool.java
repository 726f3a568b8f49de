package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_max;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_workspace_md;

/**
 * Max pooling on oneDNN: {@code reduce_window_max} as pooling forward, and its gradient
 * {@code select_and_scatter_add(source, operand)} as pooling forward-training (which records
 * where each window's maximum is, the workspace) followed by pooling backward. It applies to
 * F32 operands of rank 3 to 5 whose batch and channel dimensions are not windowed, the layout
 * of every pooling layer. Padding is never selected, as the spi asks.
 *
 * <p>Two semantic points are checked rather than assumed. Ties: oneDNN keeps the first
 * maximum of a window, as the spi requires (tested on windows of equal values, which every
 * pooling after a ReLU has). NaN: the spi makes a NaN the maximum, while oneDNN's vector max
 * drops it, so an operand holding a NaN runs the Java kernel (one vector scan to find out).
 */
final class DnnlPool implements CpuKernel {
    private static final int KIND = 3;

    private final OneDnn dnn;
    private final CpuKernel fallback;
    private final boolean backward;

    /**
     * @param backward false for reduce_window_max, true for select_and_scatter_add
     */
    DnnlPool(OneDnn dnn, CpuKernel fallback, boolean backward) {
        this.dnn = dnn;
        this.fallback = fallback;
        this.backward = backward;
    }

    @Override
    public Support supports(DType dtype) { return fallback.supports(dtype); }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        if (!runDnnl(attrs, inputs, out)) fallback.run(attrs, inputs, out, threads);
    }

    private boolean runDnnl(Attrs attrs, List<StridedView> inputs, StridedView out) {
        StridedView operand = backward ? inputs.get(1) : inputs.get(0);
        StridedView windowed = backward ? inputs.get(0) : out;
        int r = operand.rank();
        if (operand.dtype() != DType.F32 || r < 3 || r > 5 || out.numel() == 0 || operand.numel() == 0) return false;
        int[] w = attrs.get(Keys.WINDOW), st = attrs.get(Keys.STRIDES), lo = attrs.get(Keys.PAD_LOW), hi = attrs.get(Keys.PAD_HIGH);
        for (int i = 0; i < 2; i++) if (w[i] != 1 || st[i] != 1 || lo[i] != 0 || hi[i] != 0) return false;
        for (StridedView v : inputs) if (!v.segment().isNative() || !Layouts.describable(v.shape(), v.strides())) return false;
        if (!out.segment().isNative() || !operand.isContiguous() || SpecialValues.anyNaN(operand)) return false;
        int d = r - 2;
        long[] kernel = new long[d], strides = new long[d], pl = new long[d], pr = new long[d];
        for (int i = 0; i < d; i++) {
            kernel[i] = w[2 + i];
            strides[i] = st[2 + i];
            pl[i] = lo[2 + i];
            pr[i] = hi[2 + i];
            // oneDNN wants each window to see at least one real element.
            if (pl[i] >= kernel[i] || pr[i] >= kernel[i]) return false;
        }
        long[] opStrides = Layouts.cleanStrides(operand.shape(), operand.strides());
        long[] winStrides = Layouts.cleanStrides(windowed.shape(), windowed.strides());
        PrimitiveKey key = PrimitiveKey.of(KIND).add(backward ? 1 : 0).add(operand.shape()).add(opStrides).add(windowed.shape()).add(winStrides)
                .add(kernel).add(strides).add(pl).add(pr).build();
        return dnn.run(key, b -> plan(b, operand.shape(), opStrides, windowed.shape(), winStrides, kernel, strides, pl, pr), plan -> {
            if (backward) plan.run(dnn, Layouts.address(inputs.get(0)), Layouts.address(inputs.get(1)), Layouts.address(out));
            else plan.run(dnn, Layouts.address(inputs.get(0)), Layouts.address(out));
        });
    }

    /**
     * Forward: one pooling primitive over {src, dst}. Backward: over {diff_dst, src, diff_src},
     * forward training into scratch (the pooled values and the workspace), then backward.
     */
    private Pipeline plan(Build b, long[] opDims, long[] opStrides, long[] winDims, long[] winStrides,
                          long[] kernel, long[] strides, long[] pl, long[] pr) throws Throwable {
        MemorySegment engine = b.engine();
        MemorySegment src = b.md(opDims, opStrides), win = b.md(winDims, winStrides);
        MemorySegment s = b.dims(strides), k = b.dims(kernel), dil = b.dims(new long[kernel.length]), l = b.dims(pl), h = b.dims(pr);
        int prop = backward ? dnnl_forward_training : dnnl_forward_inference;
        MemorySegment dst = backward ? b.md(winDims, StridedView.contiguousStrides(winDims)) : win;
        MemorySegment fwd = b.pd(out -> (int) DnnlApi.POOLING_FORWARD_PD.invokeExact(out, engine, prop, dnnl_pooling_max, src, dst, s, k, dil, l, h, DnnlApi.NULL));
        if (fwd == null || b.impl(fwd).startsWith("ref")) return null;
        if (!backward) {
            return Pipeline.single(b.primitive(fwd, new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, new MemorySegment[] {src, win}), 2);
        }
        MemorySegment workspace = Build.queryMd(fwd, dnnl_query_workspace_md);
        MemorySegment diffSrc = b.md(opDims, StridedView.contiguousStrides(opDims));
        MemorySegment bwd = b.pd(out -> (int) DnnlApi.POOLING_BACKWARD_PD.invokeExact(out, engine, dnnl_pooling_max, diffSrc, win, s, k, dil, l, h, fwd,
                DnnlApi.NULL));
        if (bwd == null || b.impl(bwd).startsWith("ref")) return null;
        List<Pipeline.Step> steps = new ArrayList<>();
        // Operands: 0 = diff_dst (the source of the scatter), 1 = src (the operand), 2 = diff_src; scratch 3 = pooled, 4 = workspace.
        steps.add(new Pipeline.Step(b.primitive(fwd, new int[] {DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_WORKSPACE}, new MemorySegment[] {src, dst, workspace}),
                new int[] {1, 3, 4}));
        steps.add(new Pipeline.Step(b.primitive(bwd, new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WORKSPACE, DNNL_ARG_DIFF_SRC},
                new MemorySegment[] {win, workspace, diffSrc}), new int[] {0, 4, 2}));
        return new Pipeline(steps, new long[] {Build.size(dst), Build.size(workspace)}, 3);
    }
}
