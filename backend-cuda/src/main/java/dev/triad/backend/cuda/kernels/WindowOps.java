package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.DnnTensor;
import dev.triad.backend.cuda.PoolPlan;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.WindowMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

/** Pooling and its gradients: max pooling on cuDNN where {@link PoolPlan} maps it, the rest on the emitter's window kernels. */
final class WindowOps {
    private WindowOps() {}

    private static long[] meta(String op, Attrs a, long[] windowedDims, DeviceArray operand, DeviceArray second) {
        return WindowMeta.pack(op, windowedDims, operand.shape().toArray(), Exec.layout(operand), second == null ? null : Exec.layout(second),
                a.get(Keys.WINDOW), a.get(Keys.STRIDES), a.get(Keys.PAD_LOW));
    }

    static CudaOp reduce(Primitive p, boolean max) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            if (max && a.shape().numel() > 0 && out.shape().numel() > 0 && viaCudnn(x, p.name(), attrs, a, out)) return;
            long[] m = meta(p.name(), attrs, out.shape().toArray(), a, null);
            x.linear(p.name(), a.dtype(), KernelNames.window(max ? "reduce_window_max" : "reduce_window_sum", a.dtype()), m[1], Exec.mem(out), Exec.mem(a), m);
        };
    }

    /** Max pooling on cuDNN when it covers the case; false (reason recorded) when the window kernel must run. */
    private static boolean viaCudnn(Exec x, String op, Attrs attrs, DeviceArray a, DeviceArray out) {
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

    static CudaOp selectAndScatterAdd(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray source = in.get(0), operand = in.get(1);
            DType t = operand.dtype();
            long[] m = meta(p.name(), attrs, source.shape().toArray(), operand, source);
            try (DeviceArray pos = x.temp(TensorType.of(DType.I64, m[1]))) {
                x.linear(p.name(), t, KernelNames.window("window_argpos", t), m[1], Exec.mem(pos), Exec.mem(operand), m);
                x.linear(p.name(), t, KernelNames.window("select_and_scatter_add", t), m[2], Exec.mem(out), Exec.mem(source), Exec.mem(pos), m);
            }
        };
    }

    static CudaOp selectAndGather(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray tangent = in.get(0), operand = in.get(1);
            DType t = operand.dtype();
            long[] m = meta(p.name(), attrs, out.shape().toArray(), operand, tangent);
            x.linear(p.name(), t, KernelNames.window("select_and_gather", t), m[1], Exec.mem(out), Exec.mem(tangent), Exec.mem(operand), m);
        };
    }
}
