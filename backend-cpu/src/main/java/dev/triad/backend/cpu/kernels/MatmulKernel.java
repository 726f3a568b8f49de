package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.Arrays;
import java.util.List;

/**
 * matmul {@code a[..., m, k] x b[..., k, n]} with NumPy broadcasting of the batch dimensions
 * (a broadcast operand is read through stride 0, never copied). Many small products run one
 * per thread; a few large ones each split across the threads.
 */
public final class MatmulKernel implements CpuKernel {
    @Override
    public Support supports(DType dtype) { return Support.YES; }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView a = inputs.get(0), b = inputs.get(1);
        int ra = a.rank(), rb = b.rank(), r = out.rank();
        int m = (int) out.dim(r - 2), n = (int) out.dim(r - 1), k = (int) a.dim(ra - 1);
        long[] batchShape = Arrays.copyOf(out.shape(), r - 2);
        long[] aBatch = Dims.broadcastStrides(Arrays.copyOf(a.shape(), ra - 2), Arrays.copyOf(a.strides(), ra - 2), batchShape);
        long[] bBatch = Dims.broadcastStrides(Arrays.copyOf(b.shape(), rb - 2), Arrays.copyOf(b.strides(), rb - 2), batchShape);
        long batches = Dims.numel(batchShape);
        long mn = (long) m * n;
        if (batches == 0 || mn == 0) return;
        double costPerProduct = 2.0 * m * n * Math.max(k, 1) / 20.0;
        // Whole products per thread when there are enough of them; else split each product.
        boolean perProduct = batches > 1 && batches >= threads.threads() && threads.partsFor(batches, costPerProduct) > 1;
        CpuThreads inner = perProduct ? null : threads;
        CpuThreads.RangeBody body = (b0, b1) -> {
            for (long bi = b0; bi < b1; bi++) {
                Mat am = new Mat(a.segment(), a.dtype(), a.offset() + Dims.offsetOf(bi, batchShape, aBatch), a.stride(ra - 2), a.stride(ra - 1));
                Mat bm = new Mat(b.segment(), b.dtype(), b.offset() + Dims.offsetOf(bi, batchShape, bBatch), b.stride(rb - 2), b.stride(rb - 1));
                Gemm.multiply(m, n, k, am, bm, out.segment(), out.dtype(), out.offset() + bi * mn, n, inner);
            }
        };
        if (perProduct) threads.forRange(batches, costPerProduct, body);
        else body.run(0, batches);
    }
}
