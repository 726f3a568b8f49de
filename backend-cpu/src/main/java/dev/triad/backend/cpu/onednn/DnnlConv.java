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
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

/**
 * F32 convolution (1-d to 3-d) on oneDNN's forward, backward-data and backward-weights
 * primitives, chosen by {@link ConvMapping}. The primitive picks its own (blocked) layouts;
 * reorders read the caller's operands through strided memory descriptors (the permuted and
 * flipped views the conv VJP produces included) and write the result back in place. Only an
 * operand oneDNN cannot describe at all (negative or zero strides) is packed first. Measured
 * on the MNIST shapes: oneDNN's convolutions on plain NCHW layouts fall back to a slow
 * reference path, while blocked layouts plus reorders are several times faster than the
 * Java kernel. Other dtypes, negative padding and strided convolutions of dilated inputs run
 * the Java kernel.
 */
final class DnnlConv implements CpuKernel {
    private static final int KIND = 2;

    private final OneDnn dnn;
    private final CpuKernel fallback;

    DnnlConv(OneDnn dnn, CpuKernel fallback) {
        this.dnn = dnn;
        this.fallback = fallback;
    }

    /** The convolution's pipeline and which operands are packed first (those oneDNN cannot describe). */
    private record Plan(Pipeline pipeline, boolean pack0, boolean pack1) implements OneDnn.Cached {
        @Override public void destroy() { pipeline.destroy(); }
        @Override public String toString() { return pipeline + (pack0 ? " (input 0 packed)" : "") + (pack1 ? " (input 1 packed)" : ""); }
    }

    @Override
    public Support supports(DType dtype) { return fallback.supports(dtype); }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        if (!runDnnl(attrs, inputs.get(0), inputs.get(1), out, threads)) fallback.run(attrs, inputs, out, threads);
    }

    private boolean runDnnl(Attrs attrs, StridedView lhs, StridedView rhs, StridedView out, CpuThreads threads) {
        if (lhs.dtype() != DType.F32 || out.dtype() != DType.F32 || out.numel() == 0 || lhs.numel() == 0 || rhs.numel() == 0) return false;
        if (!lhs.segment().isNative() || !rhs.segment().isNative() || !out.segment().isNative()) return false;
        ConvMapping m = ConvMapping.of(lhs, rhs, out, attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW), attrs.get(Keys.PAD_HIGH),
                attrs.get(Keys.LHS_DILATION), attrs.get(Keys.RHS_DILATION), attrs.get(Keys.GROUPS));
        if (m == null) return false;
        // The three operands in oneDNN's terms: {in0, in1, out}.
        StridedView[] v = switch (m.kind) {
            case FORWARD -> new StridedView[] {lhs, rhs, out};
            case BACKWARD_DATA -> new StridedView[] {lhs, unflipTranspose(rhs), out};
            case BACKWARD_WEIGHTS -> new StridedView[] {swap01(lhs), swap01(rhs), swap01(out)};
        };
        // The result is always describable: contiguous, or the weight gradient's transposed view of it.
        if (!Layouts.describable(v[2].shape(), v[2].strides())) return false;
        boolean[] pack = new boolean[3];
        long[][] strides = new long[3][];
        PrimitiveKey.Builder key = PrimitiveKey.of(KIND).add(m.kind.ordinal()).add(m.groups)
                .add(m.strides).add(m.dilates).add(m.padL).add(m.padR);
        for (int i = 0; i < 3; i++) {
            pack[i] = !Layouts.describable(v[i].shape(), v[i].strides());
            strides[i] = pack[i] ? StridedView.contiguousStrides(v[i].shape()) : Layouts.cleanStrides(v[i].shape(), v[i].strides());
            // A packed operand is read densely: its key must differ from a dense operand's of the same shape.
            key.add(pack[i] ? 1 : 0).add(v[i].shape()).add(strides[i]);
        }
        return dnn.run(key.build(), b -> plan(b, m, v, strides, pack), plan -> {
            MemorySegment a0 = plan.pack0() ? Layouts.pack(dnn.staging(), 0, v[0], v[0].shape(), v[0].strides(), threads) : Layouts.address(v[0]);
            MemorySegment a1 = plan.pack1() ? Layouts.pack(dnn.staging(), 1, v[1], v[1].shape(), v[1].strides(), threads) : Layouts.address(v[1]);
            plan.pipeline().run(dnn, a0, a1, Layouts.address(v[2]));
        });
    }

    /**
     * The convolution in the layouts it prefers ({@code format_tag_any}), with reorders from and
     * to the caller's layouts where those differ; null when oneDNN has only a reference
     * implementation (slower than the Java kernel).
     */
    private static Plan plan(Build b, ConvMapping m, StridedView[] v, long[][] strides, boolean[] pack) throws Throwable {
        MemorySegment[] user = new MemorySegment[3], any = new MemorySegment[3];
        int weights = m.kind == ConvMapping.Kind.BACKWARD_WEIGHTS ? 2 : 1;
        for (int i = 0; i < 3; i++) {
            if (i == weights && m.groups > 1) {
                user[i] = b.md(grouped(v[i].shape(), m.groups), groupedStrides(v[i].shape(), strides[i], m.groups));
                any[i] = b.mdAny(grouped(v[i].shape(), m.groups));
            } else {
                user[i] = b.md(v[i].shape(), strides[i]);
                any[i] = b.mdAny(v[i].shape());
            }
        }
        MemorySegment pd = descriptor(b, m, any);
        if (pd == null || b.impl(pd).startsWith("ref")) return null;
        int[] queries = switch (m.kind) {
            case FORWARD -> new int[] {dnnl_query_src_md, dnnl_query_weights_md, dnnl_query_dst_md};
            case BACKWARD_DATA -> new int[] {dnnl_query_diff_dst_md, dnnl_query_weights_md, dnnl_query_diff_src_md};
            case BACKWARD_WEIGHTS -> new int[] {dnnl_query_src_md, dnnl_query_diff_dst_md, dnnl_query_diff_weights_md};
        };
        int[] argIds = switch (m.kind) {
            case FORWARD -> new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST};
            case BACKWARD_DATA -> new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC};
            case BACKWARD_WEIGHTS -> new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS};
        };
        List<Pipeline.Step> steps = new ArrayList<>();
        List<Long> scratch = new ArrayList<>();
        MemorySegment[] chosen = new MemorySegment[3];
        int[] refs = {0, 1, 2};
        Pipeline.Step after = null;
        for (int i = 0; i < 3; i++) {
            chosen[i] = Build.queryMd(pd, queries[i]);
            if (Build.same(user[i], chosen[i])) continue;
            int slot = 3 + scratch.size();
            scratch.add(Build.size(chosen[i]));
            DnnlPrimitive r = i < 2 ? b.reorder(user[i], chosen[i]) : b.reorder(chosen[i], user[i]);
            if (r == null) {
                for (Pipeline.Step s : steps) s.primitive().destroy();
                return null;
            }
            if (i < 2) steps.add(new Pipeline.Step(r, new int[] {i, slot}));
            else after = new Pipeline.Step(r, new int[] {slot, 2});
            refs[i] = slot;
        }
        steps.add(new Pipeline.Step(b.primitive(pd, argIds, chosen), refs));
        if (after != null) steps.add(after);
        long[] bytes = new long[scratch.size()];
        for (int k = 0; k < bytes.length; k++) bytes[k] = scratch.get(k);
        return new Plan(new Pipeline(steps, bytes, 3), pack[0], pack[1]);
    }

    /** The primitive descriptor of the mapping's kind over {@code md} = {in0, in1, out}; null when oneDNN has none. */
    private static MemorySegment descriptor(Build b, ConvMapping m, MemorySegment[] md) throws Throwable {
        MemorySegment engine = b.engine();
        MemorySegment s = b.dims(m.strides), dl = b.dims(m.dilates), pl = b.dims(m.padL), pr = b.dims(m.padR);
        int alg = dnnl_convolution_direct;
        return switch (m.kind) {
            case FORWARD -> b.pd(out -> (int) DnnlApi.CONV_FORWARD_PD.invokeExact(out, engine, dnnl_forward_training, alg, md[0], md[1], DnnlApi.NULL, md[2],
                    s, dl, pl, pr, DnnlApi.NULL));
            case BACKWARD_DATA -> {
                MemorySegment hint = b.pd(out -> (int) DnnlApi.CONV_FORWARD_PD.invokeExact(out, engine, dnnl_forward_training, alg, md[2], md[1],
                        DnnlApi.NULL, md[0], s, dl, pl, pr, DnnlApi.NULL));
                yield hint == null ? null : b.pd(out -> (int) DnnlApi.CONV_BACKWARD_DATA_PD.invokeExact(out, engine, alg, md[2], md[1], md[0],
                        s, dl, pl, pr, hint, DnnlApi.NULL));
            }
            case BACKWARD_WEIGHTS -> {
                MemorySegment hint = b.pd(out -> (int) DnnlApi.CONV_FORWARD_PD.invokeExact(out, engine, dnnl_forward_training, alg, md[0], md[2],
                        DnnlApi.NULL, md[1], s, dl, pl, pr, DnnlApi.NULL));
                yield hint == null ? null : b.pd(out -> (int) DnnlApi.CONV_BACKWARD_WEIGHTS_PD.invokeExact(out, engine, alg, md[0], md[2], DnnlApi.NULL,
                        md[1], s, dl, pl, pr, hint, DnnlApi.NULL));
            }
        };
    }

    /** {@code [O, C/G, k...]} as oneDNN's grouped weights {@code [G, O/G, C/G, k...]}. */
    private static long[] grouped(long[] dims, int groups) {
        long[] d = new long[dims.length + 1];
        d[0] = groups;
        d[1] = dims[0] / groups;
        System.arraycopy(dims, 1, d, 2, dims.length - 1);
        return d;
    }

    private static long[] groupedStrides(long[] dims, long[] strides, int groups) {
        long[] s = new long[strides.length + 1];
        s[0] = dims[0] / groups * strides[0];
        s[1] = strides[0];
        System.arraycopy(strides, 1, s, 2, strides.length - 1);
        return Layouts.cleanStrides(grouped(dims, groups), s);
    }

    /** The forward kernel {@code W[o, c, t] = R[c, o, K-1-t]} as a view of the op's rhs {@code R}. */
    static StridedView unflipTranspose(StridedView r) {
        int rank = r.rank();
        long[] dims = r.shape().clone(), st = r.strides().clone();
        dims[0] = r.dim(1);
        dims[1] = r.dim(0);
        st[0] = r.stride(1);
        st[1] = r.stride(0);
        long off = r.offset();
        for (int i = 2; i < rank; i++) {
            off += (r.dim(i) - 1) * r.stride(i);
            st[i] = -r.stride(i);
        }
        return r.with(off, dims, st);
    }

    /** The view with dimensions 0 and 1 exchanged. */
    static StridedView swap01(StridedView v) {
        return v.with(v.offset(), ConvMapping.swap01(v.shape()), ConvMapping.swap01(v.strides()));
    }
}
