package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.WindowMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

/** Pooling and its gradients on the window kernels ({@link dev.triad.codegen.c.WindowEmitter}). */
public final class WindowOps {
    private WindowOps() {}

    private static long[] meta(String op, Attrs a, long[] windowedDims, DeviceArray operand, DeviceArray second) {
        return WindowMeta.pack(op, windowedDims, operand.shape().toArray(), Launcher.layout(operand), second == null ? null : Launcher.layout(second),
                a.get(Keys.WINDOW), a.get(Keys.STRIDES), a.get(Keys.PAD_LOW));
    }

    /** reduce_window_max / reduce_window_sum on the generated kernel (also the fallback of a vendor pooling). */
    public static GpuOp<Launcher> reduce(Primitive p, boolean max) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            long[] m = meta(p.name(), attrs, out.shape().toArray(), a, null);
            String name = KernelNames.window(max ? "reduce_window_max" : "reduce_window_sum", a.dtype());
            x.linear(p.name(), a.dtype(), name, m[1], x.bufferArg(out), x.bufferArg(a), m);
        };
    }

    /** select_and_scatter_add (source, operand): winners first, then a gather-style sum per operand element. */
    static GpuOp<Launcher> selectAndScatterAdd(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray source = in.get(0), operand = in.get(1);
            DType t = operand.dtype();
            long[] m = meta(p.name(), attrs, source.shape().toArray(), operand, source);
            try (DeviceArray pos = x.temp(TensorType.of(DType.I64, m[1]))) {
                x.linear(p.name(), t, KernelNames.window("window_argpos", t), m[1], x.bufferArg(pos), x.bufferArg(operand), m);
                x.linear(p.name(), t, KernelNames.window("select_and_scatter_add", t), m[2], x.bufferArg(out), x.bufferArg(source), x.bufferArg(pos), m);
            }
        };
    }

    /** select_and_gather (tangent, operand): each window's tangent at its first maximum. */
    static GpuOp<Launcher> selectAndGather(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray tangent = in.get(0), operand = in.get(1);
            DType t = operand.dtype();
            long[] m = meta(p.name(), attrs, out.shape().toArray(), operand, tangent);
            x.linear(p.name(), t, KernelNames.window("select_and_gather", t), m[1], x.bufferArg(out), x.bufferArg(tangent), x.bufferArg(operand), m);
        };
    }
}
