package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;

/**
 * The integer (and BOOL) product: B is unpacked once into a row-major long array, and each
 * row of C accumulates {@code A[i, p] * B[p, :]} in long, wrapping like the narrow type when
 * stored. Plain loops: integer matmul is for correctness, not speed.
 */
final class GemmLong {
    private GemmLong() {}

    static void multiply(int m, int n, int k, Mat a, Mat b, MemorySegment c, DType cType, long cOff, long ldc, CpuThreads threads) {
        long[] bl = new long[Math.multiplyExact(k, n)];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) bl[p * n + j] = Convert.getLong(b.seg(), b.at(p, j), b.dtype());
        }
        CpuThreads.RangeBody rows = (i0, i1) -> {
            long[] acc = new long[n];
            for (long i = i0; i < i1; i++) {
                java.util.Arrays.fill(acc, 0);
                for (int p = 0; p < k; p++) {
                    long av = Convert.getLong(a.seg(), a.at(i, p), a.dtype());
                    if (av == 0) continue;
                    int base = p * n;
                    for (int j = 0; j < n; j++) acc[j] += av * bl[base + j];
                }
                long dst = cOff + i * ldc;
                for (int j = 0; j < n; j++) Convert.setLong(c, dst + j, cType, acc[j]);
            }
        };
        if (threads != null) threads.forRange(m, (double) n * k + n, rows);
        else rows.run(0, m);
    }
}
