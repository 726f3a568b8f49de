package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.ReductionMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

/**
 * Axis reductions and argmax/argmin. Many outputs, or short reductions, run a thread per
 * output; few long ones run a group per output that combines partial results in local/shared
 * memory, so a full reduction of a large tensor still uses the whole device. Where the line
 * lies is the backend's ({@link Launcher#serialReduction}).
 */
final class ReductionOps {
    private ReductionOps() {}

    /** reduce_sum/prod/max/min {axes, keep_dims}. */
    static GpuOp<Launcher> reduce(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            boolean[] reduced = new boolean[a.shape().rank()];
            for (int axis : attrs.get(Keys.AXES)) reduced[axis] = true;
            launch(x, p, a.dtype(), ReductionMeta.pack(p.name(), a.shape().toArray(), Launcher.layout(a), reduced), out, a);
        };
    }

    /** argmax/argmin {axis, keep_dims}: I64 positions of the first extremum. */
    static GpuOp<Launcher> arg(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            launch(x, p, a.dtype(), ReductionMeta.packAxis(p.name(), a.shape().toArray(), Launcher.layout(a), attrs.get(Keys.AXIS)), out, a);
        };
    }

    private static void launch(Launcher x, Primitive p, DType t, long[] meta, DeviceArray out, DeviceArray a) {
        long nout = meta[2], nred = meta[3];
        if (nout == 0) return;
        boolean serial = x.serialReduction(nout, nred);
        String name = KernelNames.reduce(p, t, serial);
        if (serial) {
            x.linear(p.name(), t, name, nout, x.bufferArg(out), x.bufferArg(a), meta);
        } else {
            x.perOutput(p.name(), t, name, nout, x.bufferArg(out), x.bufferArg(a), meta);
        }
    }
}
