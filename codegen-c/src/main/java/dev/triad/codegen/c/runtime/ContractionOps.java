package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.ConvMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.MatmulMeta;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Arrays;

/**
 * Matmul and convolution on the tiled GEMM kernels ({@link dev.triad.codegen.c.GemmEmitter}):
 * operands are read in place through their strides (transposed or broadcast operands cost no
 * copy); convolution never materialises its im2col matrix. Backends put a vendor library in
 * front ({@link KernelTable#with}) and fall back to these.
 */
public final class ContractionOps {
    private ContractionOps() {}

    /**
     * A matmul's operands seen as {@code [batch..., m, k] x [batch..., k, n]}, each broadcast to
     * the result's batch dimensions.
     *
     * @param batch the result's batch dimensions
     * @param m rows of the result
     * @param n columns of the result
     * @param k the contracted length
     * @param a the first operand's layout, broadcast
     * @param b the second operand's layout, broadcast
     */
    public record MatmulOperands(long[] batch, long m, long n, long k, Strided a, Strided b) {
        /** The operands of {@code out = matmul(a, b)}. */
        public static MatmulOperands of(DeviceArray a, DeviceArray b, DeviceArray out) {
            long[] od = out.shape().toArray();
            int r = od.length;
            long m = od[r - 2], n = od[r - 1], k = a.shape().dim(a.shape().rank() - 1);
            long[] batch = Arrays.copyOf(od, r - 2);
            Shape aTarget = Shape.of(batch).insert(r - 2, m).insert(r - 1, k);
            Shape bTarget = Shape.of(batch).insert(r - 2, k).insert(r - 1, n);
            return new MatmulOperands(batch, m, n, k, new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), aTarget)),
                    new Strided(b.offset(), Broadcasting.broadcastStrides(b.shape(), b.strides(), bTarget)));
        }

        /** The GEMM kernels' metadata. */
        public long[] meta() { return MatmulMeta.pack(batch, m, n, k, a, b); }
    }

    /** matmul: [..., m, k] x [..., k, n] with broadcast batch dimensions, on the tiled kernel. */
    public static GpuOp<Launcher> matmul(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            MatmulOperands o = MatmulOperands.of(a, b, out);
            long[] meta = o.meta();
            gemm(x, p, a.dtype(), KernelNames.matmul(a.dtype()), o.m(), o.n(), meta[4], meta, x.bufferArg(out), x.bufferArg(a), x.bufferArg(b));
        };
    }

    /** conv {strides, pad_low, pad_high, lhs_dilation, rhs_dilation, groups} on the implicit-GEMM kernel. */
    public static GpuOp<Launcher> conv(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray lhs = in.get(0), rhs = in.get(1);
            long[] od = out.shape().toArray();
            long[] spatial = Arrays.copyOfRange(od, 2, od.length);
            int groups = attrs.get(Keys.GROUPS);
            long[] meta = ConvMeta.pack(lhs.shape().toArray(), Launcher.layout(lhs), rhs.shape().toArray(), Launcher.layout(rhs), spatial,
                    attrs.get(Keys.STRIDES), attrs.get(Keys.PAD_LOW), attrs.get(Keys.LHS_DILATION), attrs.get(Keys.RHS_DILATION), groups);
            long og = meta[3], npos = meta[5], batches = meta[6] * groups;
            gemm(x, p, lhs.dtype(), KernelNames.conv(lhs.dtype()), og, npos, batches, meta, x.bufferArg(out), x.bufferArg(lhs), x.bufferArg(rhs));
        };
    }

    private static void gemm(Launcher x, Primitive p, DType t, String kernel, long m, long n, long batches, long[] meta, Object... buffers) {
        if (m == 0 || n == 0 || batches == 0) return;
        Object[] args = Arrays.copyOf(buffers, buffers.length + 1);
        args[buffers.length] = meta;
        x.gemm(p.name(), t, kernel, m, n, batches, args);
    }
}
