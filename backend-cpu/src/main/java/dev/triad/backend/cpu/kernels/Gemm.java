package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;

/**
 * One matrix product {@code C[m x n] = A[m x k] * B[k x n]}, the core of matmul and
 * convolution. A and B are read through strided {@link Mat}s (converted to the lane as they
 * are packed); C is written in its own dtype at {@code cOff} with row stride {@code ldc} and
 * unit column stride. F32 (also for BF16/F16) and F64 run packed, register-blocked Vector API
 * micro-kernels; integer types accumulate in long.
 */
final class Gemm {
    private Gemm() {}

    /**
     * Computes the product.
     *
     * @param threads the pool to split over, or null to run on the calling thread (when the
     *                caller already splits work across products)
     */
    static void multiply(int m, int n, int k, Mat a, Mat b, MemorySegment c, DType cType, long cOff, long ldc, CpuThreads threads) {
        if (m == 0 || n == 0) return;
        switch (Lane.of(a.dtype())) {
            case F32 -> GemmF32.multiply(m, n, k, a, b, c, cType, cOff, ldc, threads);
            case F64 -> GemmF64.multiply(m, n, k, a, b, c, cType, cOff, ldc, threads);
            case I64 -> GemmLong.multiply(m, n, k, a, b, c, cType, cOff, ldc, threads);
        }
    }

    /**
     * The task grid of a product: row blocks of {@code mc} rows times column blocks of whole
     * panels, with enough tasks to keep every thread busy when the product is large.
     */
    record Grid(int rowBlocks, int colBlocks, int panelsPerBlock, int mc) {
        static Grid of(int m, int n, int k, int mr, int mcMax, int nr, int threads) {
            int panels = (n + nr - 1) / nr;
            int mc = Math.min(mcMax, roundUp(m, mr));
            int rowBlocks = (m + mc - 1) / mc;
            int colBlocks = 1;
            // Split columns too when the rows alone cannot feed every thread.
            while (threads > 1 && rowBlocks * colBlocks < 2 * threads && colBlocks < panels) colBlocks++;
            int perBlock = (panels + colBlocks - 1) / colBlocks;
            colBlocks = (panels + perBlock - 1) / perBlock;
            return new Grid(rowBlocks, colBlocks, perBlock, mc);
        }

        int tasks() { return rowBlocks * colBlocks; }
    }

    static int roundUp(int v, int m) { return (v + m - 1) / m * m; }
}
