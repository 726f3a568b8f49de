package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.ReductionMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * Axis reductions and argmax/argmin. Many outputs, or short reductions, run a thread per
 * output; few long ones run a work-group per output that combines partial results in local
 * memory, so a full reduction of a large tensor still uses the whole device.
 */
final class ReductionOps {
    private ReductionOps() {}

    /** Below this many outputs, a long reduction gets a work-group per output. */
    static final long MANY_OUTPUTS = 256;
    /** Reductions at least this long are worth a work-group. */
    static final long LONG_REDUCTION = 128;

    static boolean serial(long nout, long nred) { return nout >= MANY_OUTPUTS || nred < LONG_REDUCTION; }

    /** reduce_sum/prod/max/min {axes, keep_dims}. */
    static ClOp reduce(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray a = in.get(0);
                boolean[] reduced = new boolean[a.shape().rank()];
                for (int axis : attrs.get(Keys.AXES)) reduced[axis] = true;
                long[] meta = ReductionMeta.pack(p.name(), a.shape().toArray(), Exec.layout(a), reduced);
                launch(x, p, a.dtype(), meta, out, a);
            }
        };
    }

    /** argmax/argmin {axis, keep_dims}: I64 positions of the first extremum. */
    static ClOp arg(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray a = in.get(0);
                long[] meta = ReductionMeta.packAxis(p.name(), a.shape().toArray(), Exec.layout(a), attrs.get(Keys.AXIS));
                launch(x, p, a.dtype(), meta, out, a);
            }
        };
    }

    private static void launch(Exec x, Primitive p, DType t, long[] meta, DeviceArray out, DeviceArray a) {
        long nout = meta[2], nred = meta[3];
        if (nout == 0) return;
        boolean serial = serial(nout, nred);
        String name = KernelNames.reduce(p, t, serial);
        if (serial) {
            x.linear(p.name(), t, name, nout, Exec.mem(out), Exec.mem(a), meta);
        } else {
            long local = x.rt().options().reduceLocal();
            x.rt().launch(p.name(), x.rt().kernel(t, name), name, new long[] {x.rt().groupsGlobal(nout, local)}, new long[] {local},
                    Exec.mem(out), Exec.mem(a), meta);
        }
    }
}
