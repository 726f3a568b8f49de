package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.WindowMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Pooling and its gradients ({@link dev.triad.codegen.c.WindowEmitter}). */
final class WindowOps {
    private WindowOps() {}

    private static long[] meta(String op, Attrs a, DeviceArray windowed, long[] windowedDims, DeviceArray operand, DeviceArray second) {
        return WindowMeta.pack(op, windowedDims, operand.shape().toArray(), Exec.layout(operand), second == null ? null : Exec.layout(second),
                a.get(Keys.WINDOW), a.get(Keys.STRIDES), a.get(Keys.PAD_LOW));
    }

    /** reduce_window_max / reduce_window_sum. */
    static ClOp reduce(Primitive p, boolean max) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray a = in.get(0);
                long[] m = meta(p.name(), attrs, out, out.shape().toArray(), a, null);
                String name = KernelNames.window(max ? "reduce_window_max" : "reduce_window_sum", a.dtype());
                x.linear(p.name(), a.dtype(), name, m[1], Exec.mem(out), Exec.mem(a), m);
            }
        };
    }

    /** select_and_scatter_add (source, operand): winners first, then a gather-style sum per operand element. */
    static ClOp selectAndScatterAdd(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray source = in.get(0), operand = in.get(1);
                DType t = operand.dtype();
                long[] m = meta(p.name(), attrs, source, source.shape().toArray(), operand, source);
                try (DeviceArray pos = x.temp(TensorType.of(DType.I64, m[1]))) {
                    x.linear(p.name(), t, KernelNames.window("window_argpos", t), m[1], Exec.mem(pos), Exec.mem(operand), m);
                    x.linear(p.name(), t, KernelNames.window("select_and_scatter_add", t), m[2], Exec.mem(out), Exec.mem(source), Exec.mem(pos), m);
                }
            }
        };
    }

    /** select_and_gather (tangent, operand): each window's tangent at its first maximum. */
    static ClOp selectAndGather(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray tangent = in.get(0), operand = in.get(1);
                DType t = operand.dtype();
                long[] m = meta(p.name(), attrs, out, out.shape().toArray(), operand, tangent);
                x.linear(p.name(), t, KernelNames.window("select_and_gather", t), m[1], Exec.mem(out), Exec.mem(tangent), Exec.mem(operand), m);
            }
        };
    }
}
