package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.ConvMeta;
import dev.triad.backend.opencl.ClRuntime;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.GemmEmitter;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.MatmulMeta;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * Matmul and convolution on the tiled GEMM kernels ({@link dev.triad.codegen.c.GemmEmitter}):
 * operands are read in place through their strides (transposed or broadcast operands cost no
 * copy); convolution never materialises its im2col matrix.
 */
final class ContractionOps {
    private ContractionOps() {}

    /** Most batch work-groups launched side by side; the kernel loops over the rest. */
    private static final long MAX_Z = 65535;

    /** matmul: [..., m, k] x [..., k, n] with broadcast batch dimensions. */
    static ClOp matmul(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray a = in.get(0), b = in.get(1);
                long[] od = out.shape().toArray();
                int r = od.length;
                long m = od[r - 2], n = od[r - 1], k = a.shape().dim(a.shape().rank() - 1);
                long[] batch = Arrays.copyOf(od, r - 2);
                Shape aTarget = Shape.of(batch).insert(r - 2, m).insert(r - 1, k);
                Shape bTarget = Shape.of(batch).insert(r - 2, k).insert(r - 1, n);
                Strided as = new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), aTarget));
                Strided bs = new Strided(b.offset(), Broadcasting.broadcastStrides(b.shape(), b.strides(), bTarget));
                long[] meta = MatmulMeta.pack(batch, m, n, k, as, bs);
                if (vectorKernel(x, a.dtype(), n, bs.strides()[r - 1])) {
                    if (m == 0 || n == 0 || meta[4] == 0) return;
                    long w = GemmEmitter.VEC_WIDTH, rows = GemmEmitter.VEC_ROWS, local = 8;
                    long[] global = {ClRuntime.roundUp((n + w - 1) / w, local), ClRuntime.roundUp((m + rows - 1) / rows, local), Math.min(meta[4], MAX_Z)};
                    String kernel = KernelNames.matmulVector(a.dtype());
                    x.rt().launch(p.name(), x.rt().kernel(a.dtype(), kernel), kernel, global, new long[] {local, local, 1},
                            Exec.mem(out), Exec.mem(a), Exec.mem(b), meta);
                    return;
                }
                gemm(x, p, a.dtype(), KernelNames.matmul(a.dtype()), m, n, meta[4], meta, Exec.mem(out), Exec.mem(a), Exec.mem(b));
            }
        };
    }

    /** conv {strides, pad_low, pad_high, lhs_dilation, rhs_dilation, groups}. */
    static ClOp conv(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray lhs = in.get(0), rhs = in.get(1);
                long[] od = out.shape().toArray();
                long[] spatial = Arrays.copyOfRange(od, 2, od.length);
                int groups = attrs.get(Keys.GROUPS);
                long[] meta = ConvMeta.pack(lhs.shape().toArray(), Exec.layout(lhs), rhs.shape().toArray(), Exec.layout(rhs), spatial,
                        attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW), attrs.get(Keys.LHS_DILATION), attrs.get(Keys.RHS_DILATION), groups);
                long og = meta[3], npos = meta[5], batches = meta[6] * groups;
                gemm(x, p, lhs.dtype(), KernelNames.conv(lhs.dtype()), og, npos, batches, meta, Exec.mem(out), Exec.mem(lhs), Exec.mem(rhs));
            }
        };
    }

    /**
     * Whether to use the vector-register matmul: on CPU devices (where the tiled kernel's local
     * memory and barriers only cost), for F32/F64, when b's rows are contiguous.
     */
    static boolean vectorKernel(Exec x, DType t, long n, long bColumnStride) {
        return !x.device().gpu() && GemmEmitter.hasVectorMatmul(t, OpenClDialect.INSTANCE) && (bColumnStride == 1 || n == 1);
    }

    private static void gemm(Exec x, Primitive p, DType t, String kernel, long m, long n, long batches, long[] meta, Object... buffers) {
        if (m == 0 || n == 0 || batches == 0) return;
        EmitOptions o = x.rt().options();
        long bs = o.gemmBlock(), tile = o.gemmTile();
        long[] global = {(n + tile - 1) / tile * bs, (m + tile - 1) / tile * bs, Math.min(batches, MAX_Z)};
        Object[] args = Arrays.copyOf(buffers, buffers.length + 1);
        args[buffers.length] = meta;
        x.rt().launch(p.name(), x.rt().kernel(t, kernel), kernel, global, new long[] {bs, bs, 1}, args);
    }
}
