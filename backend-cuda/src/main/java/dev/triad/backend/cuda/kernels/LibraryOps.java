package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.ConvPlan;
import dev.triad.backend.cuda.DnnTensor;
import dev.triad.backend.cuda.GemmPlan;
import dev.triad.backend.cuda.PoolPlan;
import dev.triad.codegen.c.Strided;
import dev.triad.codegen.c.runtime.ContractionOps;
import dev.triad.codegen.c.runtime.GpuOp;
import dev.triad.codegen.c.runtime.KernelTable;
import dev.triad.codegen.c.runtime.Launcher;
import dev.triad.codegen.c.runtime.WindowOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;

/**
 * The ops a CUDA library runs better than the generated kernels, each in front of the shared
 * kernel it falls back to: matmul on cuBLAS where {@link GemmPlan} maps it (floating dtypes,
 * one unit stride per operand, collapsible batch dimensions), convolution on cuDNN where
 * {@link ConvPlan} does (forward, backward-data, backward-filter; F32, F64, F16, BF16) and max
 * pooling on cuDNN where {@link PoolPlan} does. A fallback for a reason other than an empty
 * result is recorded with its reason ({@link dev.triad.backend.cuda.Fallbacks}).
 */
public final class LibraryOps {
    private LibraryOps() {}

    /** The shared kernel table with the library ops in front. */
    public static KernelTable<Exec> table() {
        return KernelTable.<Exec>standard()
                .with(Prims.MATMUL, matmul(Prims.MATMUL))
                .with(Prims.CONV, conv(Prims.CONV))
                .with(Prims.REDUCE_WINDOW_MAX, maxPool(Prims.REDUCE_WINDOW_MAX));
    }

    private static final GpuOp<Launcher> MATMUL_KERNEL = ContractionOps.matmul(Prims.MATMUL);
    private static final GpuOp<Launcher> CONV_KERNEL = ContractionOps.conv(Prims.CONV);
    private static final GpuOp<Launcher> MAX_POOL_KERNEL = WindowOps.reduce(Prims.REDUCE_WINDOW_MAX, true);

    /** matmul: cuBLAS, else the tiled kernel. */
    static GpuOp<Exec> matmul(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            if (x.libs().hasBlas(a.dtype())) {
                ContractionOps.MatmulOperands o = ContractionOps.MatmulOperands.of(a, b, out);
                GemmPlan plan = GemmPlan.of(o.batch(), o.m(), o.n(), o.k(), o.a(), o.b());
                if (plan != null) {
                    x.libs().gemm(p.name(), plan, a.dtype(), Exec.mem(out).address(), Exec.mem(a).address(), Exec.mem(b).address());
                    return;
                }
            }
            MATMUL_KERNEL.run(x, attrs, in, out);
        };
    }

    /** conv: cuDNN, else the implicit-GEMM kernel. */
    static GpuOp<Exec> conv(Primitive p) {
        return (x, attrs, in, out) -> {
            if (!viaCudnn(x, p.name(), attrs, in.get(0), in.get(1), out)) CONV_KERNEL.run(x, attrs, in, out);
        };
    }

    /** reduce_window_max: cuDNN max pooling, else the window kernel. */
    static GpuOp<Exec> maxPool(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            if (a.shape().numel() > 0 && out.shape().numel() > 0 && poolViaCudnn(x, p.name(), attrs, a, out)) return;
            MAX_POOL_KERNEL.run(x, attrs, in, out);
        };
    }

    /** Max pooling on cuDNN when it covers the case; false (reason recorded) when the window kernel must run. */
    private static boolean poolViaCudnn(Exec x, String op, Attrs attrs, DeviceArray a, DeviceArray out) {
        String why = x.libs().dnnUnsupported(a.dtype());
        PoolPlan plan = null;
        if (why == null) {
            plan = PoolPlan.of(a.shape().toArray(), out.shape().toArray(), attrs.get(Keys.WINDOW), attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW));
            if (plan == null) why = PoolPlan.whyNot(a.shape().toArray(), out.shape().toArray(), attrs.get(Keys.WINDOW), attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW));
        }
        if (why != null) {
            x.libs().fellBack(op, why);
            return false;
        }
        try (DeviceArray c = x.contiguous(op, a)) {
            x.libs().maxPool(op, a.dtype(), new DnnTensor(Exec.address(c), c.shape().toArray(), c.strides()),
                    DnnTensor.packed(Exec.address(out), out.shape().toArray()), plan);
        }
        return true;
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
                    x.copy(op, t.byteSize(), od, Exec.mem(grad), new Strided(0, swapped), Exec.mem(out), Launcher.layout(out));
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

}
