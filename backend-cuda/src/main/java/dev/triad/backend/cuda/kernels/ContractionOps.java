package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.ConvPlan;
import dev.triad.backend.cuda.DnnTensor;
import dev.triad.backend.cuda.GemmPlan;
import dev.triad.backend.cuda.LaunchConfig;
import dev.triad.codegen.c.ConvMeta;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.MatmulMeta;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;

/**
 * Matmul on cuBLAS where {@link GemmPlan} maps it (floating dtypes, one unit stride per
 * operand, collapsible batch dimensions) and convolution on cuDNN where {@link ConvPlan} does
 * (forward, backward-data, backward-filter; F32, F64, F16, BF16);
 * everything else on the tiled GEMM kernels of the shared emitter, which read strided and
 * broadcast operands in place and never materialise an im2col matrix.
 */
final class ContractionOps {
    private ContractionOps() {}

    static CudaOp matmul(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            long[] od = out.shape().toArray();
            int r = od.length;
            long m = od[r - 2], n = od[r - 1], k = a.shape().dim(a.shape().rank() - 1);
            long[] batch = Arrays.copyOf(od, r - 2);
            Shape aTarget = Shape.of(batch).insert(r - 2, m).insert(r - 1, k);
            Shape bTarget = Shape.of(batch).insert(r - 2, k).insert(r - 1, n);
            Strided as = new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), aTarget));
            Strided bs = new Strided(b.offset(), Broadcasting.broadcastStrides(b.shape(), b.strides(), bTarget));
            if (x.libs().hasBlas(a.dtype())) {
                GemmPlan plan = GemmPlan.of(batch, m, n, k, as, bs);
                if (plan != null) {
                    x.libs().gemm(p.name(), plan, a.dtype(), Exec.mem(out).address(), Exec.mem(a).address(), Exec.mem(b).address());
                    return;
                }
            }
            long[] meta = MatmulMeta.pack(batch, m, n, k, as, bs);
            gemm(x, p, a.dtype(), KernelNames.matmul(a.dtype()), m, n, meta[4], meta, Exec.mem(out), Exec.mem(a), Exec.mem(b));
        };
    }

    static CudaOp conv(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray lhs = in.get(0), rhs = in.get(1);
            if (viaCudnn(x, p.name(), attrs, lhs, rhs, out)) return;
            long[] od = out.shape().toArray();
            long[] spatial = Arrays.copyOfRange(od, 2, od.length);
            int groups = attrs.get(Keys.GROUPS);
            long[] meta = ConvMeta.pack(lhs.shape().toArray(), Exec.layout(lhs), rhs.shape().toArray(), Exec.layout(rhs), spatial,
                    attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW), attrs.get(Keys.LHS_DILATION), attrs.get(Keys.RHS_DILATION), groups);
            long og = meta[3], npos = meta[5], batches = meta[6] * groups;
            gemm(x, p, lhs.dtype(), KernelNames.conv(lhs.dtype()), og, npos, batches, meta, Exec.mem(out), Exec.mem(lhs), Exec.mem(rhs));
        };
    }

    /**
     * Runs the convolution on cuDNN when it covers the case; false (with the reason recorded
     * in the backend's fallbacks) when the generated kernel must run.
     */
    private static boolean viaCudnn(Exec x, String op, Attrs attrs, DeviceArray lhs, DeviceArray rhs, DeviceArray out) {
        DType t = lhs.dtype();
        String why = x.libs().dnnUnsupported(t);
        if (why == null && (lhs.shape().numel() == 0 || rhs.shape().numel() == 0 || out.shape().numel() == 0)) return false; // nothing to compute
        if (why == null && (!fitsInt(lhs) || !fitsInt(rhs) || !fitsInt(out))) why = "a dimension or stride beyond cuDNN's int range";
        long[] ld = lhs.shape().toArray(), rd = rhs.shape().toArray(), od = out.shape().toArray();
        int d = ld.length - 2;
        ConvPlan plan = null;
        if (why == null) {
            plan = ConvPlan.of(Arrays.copyOfRange(ld, 2, ld.length), Arrays.copyOfRange(rd, 2, rd.length), Arrays.copyOfRange(od, 2, od.length),
                    attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW), attrs.get(Keys.LHS_DILATION), attrs.get(Keys.RHS_DILATION), attrs.get(Keys.GROUPS));
            if (plan.kind() == ConvPlan.Kind.KERNEL) why = plan.reason();
        }
        if (why != null) {
            x.libs().fellBack(op, why);
            return false;
        }
        int groups = attrs.get(Keys.GROUPS);
        switch (plan.kind()) {
            case FORWARD -> {
                try (DeviceArray input = positive(x, op, lhs); DeviceArray filter = x.contiguous(op, rhs)) {
                    x.libs().conv(op, t, plan, groups, tensor(input), packed(filter), tensor(out));
                }
            }
            case BACKWARD_DATA -> {
                // cuDNN's x is our result, its y our input (the output gradient).
                try (DeviceArray dy = positive(x, op, lhs); DeviceArray filter = forwardFilter(x, op, rhs, d)) {
                    x.libs().conv(op, t, plan, groups, tensor(out), packed(filter), tensor(dy));
                }
            }
            case BACKWARD_FILTER -> {
                // Our input [C, N, s...] and kernel [O, N, q...] are cuDNN's x and dy with their first two dimensions
                // exchanged (strides only); cuDNN writes the packed filter gradient [O, C, k...], which is our
                // result [C, O, k...] exchanged back by one strided copy.
                long[] dw = od.clone();
                dw[0] = od[1];
                dw[1] = od[0];
                try (DeviceArray in = positive(x, op, lhs); DeviceArray g = positive(x, op, rhs);
                     DeviceArray grad = x.temp(TensorType.of(t, dw))) {
                    x.libs().conv(op, t, plan, 1, tensor(in).swap01(), packed(grad), tensor(g).swap01());
                    long[] swapped = grad.strides();
                    long s0 = swapped[0];
                    swapped[0] = swapped[1];
                    swapped[1] = s0;
                    x.copy(op, t.byteSize(), od, Exec.mem(grad), new Strided(0, swapped), Exec.mem(out), Exec.layout(out));
                }
            }
            case KERNEL -> throw new IllegalStateException("unreachable: " + plan);
        }
        return true;
    }

    private static DnnTensor tensor(DeviceArray a) { return new DnnTensor(Exec.address(a), a.shape().toArray(), a.strides()); }

    private static DnnTensor packed(DeviceArray a) { return DnnTensor.packed(Exec.address(a), a.shape().toArray()); }

    /**
     * The packed cuDNN filter for backward-data: the forward kernel Triad's kernel came from,
     * i.e. Triad's with channels swapped and space flipped (a view, then packed by one copy).
     */
    private static DeviceArray forwardFilter(Exec x, String op, DeviceArray rhs, int d) {
        long[] dims = rhs.shape().toArray(), st = rhs.strides();
        long[] nd = dims.clone(), ns = st.clone();
        nd[0] = dims[1];
        nd[1] = dims[0];
        ns[0] = st[1];
        ns[1] = st[0];
        long offset = rhs.offset();
        for (int i = 0; i < d; i++) {
            offset += (dims[2 + i] - 1) * st[2 + i];
            ns[2 + i] = -st[2 + i];
        }
        try (DeviceArray view = rhs.view(offset, Shape.of(nd), ns)) {
            return x.contiguous(op, view);
        }
    }

    /** {@code a}, or a contiguous copy when a dimension has a stride cuDNN cannot take (zero or negative). */
    private static DeviceArray positive(Exec x, String op, DeviceArray a) {
        for (int i = 0; i < a.shape().rank(); i++) {
            if (a.shape().dim(i) > 1 && a.stride(i) <= 0) {
                DeviceArray c = x.temp(a.type());
                try {
                    x.copyToContiguous(op, a, c);
                    return c;
                } catch (RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
        }
        return a.view(a.offset(), a.shape(), a.strides());
    }

    private static boolean fitsInt(DeviceArray a) {
        for (int i = 0; i < a.shape().rank(); i++) {
            if (a.shape().dim(i) > Integer.MAX_VALUE || Math.abs(a.stride(i)) > Integer.MAX_VALUE) return false;
        }
        return true;
    }

    private static void gemm(Exec x, Primitive p, DType t, String kernel, long m, long n, long batches, long[] meta, Object... buffers) {
        if (m == 0 || n == 0 || batches == 0) return;
        EmitOptions o = x.rt().options();
        Object[] args = Arrays.copyOf(buffers, buffers.length + 1);
        args[buffers.length] = meta;
        x.rt().launch(p.name(), x.rt().kernel(t, kernel), kernel, LaunchConfig.gemm(m, n, batches, o.gemmBlock(), o.gemmTile()), args);
    }

}
