package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * The F32 product (BF16 and F16 inputs are widened while packing): B is packed once into
 * panels of {@link #NR} columns ({@code k x NR}, contiguous), each task packs its block of A
 * rows in tiles of {@link #MR} rows (k-major), and a 4 x 2-vector micro-kernel keeps eight
 * accumulators in registers while it walks k, broadcasting one A value against two B vectors.
 * K is cut into blocks of {@link #KC} so a B panel block and an A block stay in cache while a
 * block of rows sweeps the panels. The F64 twin, {@link GemmF64}, is this file with doubles:
 * the Vector API has no way to share one body between element types without boxing, so
 * {@code gen-gemm-f64.sh} in this module regenerates it from this file after every edit.
 */
final class GemmF32 {
    private GemmF32() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 64;

    static void multiply(int m, int n, int k, Mat a, Mat b, MemorySegment c, DType cType, long cOff, long ldc, CpuThreads threads) {
        if (m <= MR && b.dtype() == DType.F32 && (b.colStride() == 1 || b.rowStride() == 1) && k > 0) {
            skinny(m, n, k, a, b, c, cType, cOff, ldc, threads);
            return;
        }
        int panels = (n + NR - 1) / NR;
        float[] bp = new float[panels * NR * k];
        Gemm.Grid grid = Gemm.Grid.of(m, n, k, MR, MC, NR, threads == null ? 1 : threads.threads());
        double flopsNs = 2.0 * m * n * k / 20.0;
        if (threads != null) {
            threads.forRange(panels, Math.max(1, flopsNs / panels / 10), (p0, p1) -> packB(b, k, n, (int) p0, (int) p1, bp));
        } else {
            packB(b, k, n, 0, panels, bp);
        }
        CpuThreads.RangeBody body = (t0, t1) -> {
            for (long t = t0; t < t1; t++) block(grid, (int) (t / grid.colBlocks()), (int) (t % grid.colBlocks()), m, n, k, a, bp, c, cType, cOff, ldc);
        };
        if (threads != null) threads.forParts(grid.tasks(), threads.partsFor(grid.tasks(), flopsNs / grid.tasks()), body);
        else body.run(0, grid.tasks());
    }

    /** Packs panels {@code [p0, p1)} of B: {@code bp[(j * k + p) * NR + c] = B[p, j * NR + c]}, zero past column n. */
    private static void packB(Mat b, int k, int n, int p0, int p1, float[] bp) {
        for (int j = p0; j < p1; j++) {
            int cols = Math.min(NR, n - j * NR);
            for (int p = 0; p < k; p++) {
                int base = (j * k + p) * NR;
                long row = b.at(p, (long) j * NR);
                if (b.dtype() == DType.F32) {
                    for (int q = 0; q < cols; q++) bp[base + q] = b.seg().get(Convert.F32, 4 * (row + q * b.colStride()));
                } else {
                    for (int q = 0; q < cols; q++) bp[base + q] = (float) Convert.getDouble(b.seg(), row + q * b.colStride(), b.dtype());
                }
            }
        }
    }

    /** Packs rows {@code [i0, i0 + rows)} and k range {@code [pc, pc + kc)} of A into MR-row tiles: {@code ap[t*MR*kc + p*MR + r]}. */
    private static void packA(Mat a, int m, int i0, int rows, int pc, int kc, float[] ap) {
        for (int t = 0; t * MR < rows; t++) {
            for (int r = 0; r < MR; r++) {
                int i = i0 + t * MR + r;
                int base = t * MR * kc + r;
                if (i >= m) {
                    for (int p = 0; p < kc; p++) ap[base + p * MR] = 0;
                } else if (a.dtype() == DType.F32) {
                    long row = a.at(i, pc);
                    for (int p = 0; p < kc; p++) ap[base + p * MR] = a.seg().get(Convert.F32, 4 * (row + p * a.colStride()));
                } else {
                    long row = a.at(i, pc);
                    for (int p = 0; p < kc; p++) ap[base + p * MR] = (float) Convert.getDouble(a.seg(), row + p * a.colStride(), a.dtype());
                }
            }
        }
    }

    /** One task: a block of rows times a block of panels, accumulated in a local C block, then stored. */
    private static void block(Gemm.Grid g, int rb, int cb, int m, int n, int k, Mat a, float[] bp, MemorySegment c, DType cType, long cOff, long ldc) {
        int i0 = rb * g.mc();
        int rows = Math.min(g.mc(), m - i0);
        int paddedRows = Gemm.roundUp(rows, MR);
        int j0 = cb * g.panelsPerBlock();
        int j1 = Math.min((n + NR - 1) / NR, j0 + g.panelsPerBlock());
        int width = (j1 - j0) * NR;
        float[] cBlock = new float[paddedRows * width];
        float[] ap = new float[paddedRows * Math.min(KC, Math.max(k, 1))];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packA(a, m, i0, rows, pc, kc, ap);
            for (int j = j0; j < j1; j++) {
                int bOff = (j * k + pc) * NR;
                for (int t = 0; t * MR < rows; t++) {
                    micro(ap, t * MR * kc, bp, bOff, kc, cBlock, t * MR * width + (j - j0) * NR, width, pc > 0);
                }
            }
        }
        // Store the valid rows and columns in the result's dtype.
        int cols = Math.min(width, n - j0 * NR);
        for (int r = 0; r < rows; r++) {
            long dst = cOff + (long) (i0 + r) * ldc + (long) j0 * NR;
            if (cType == DType.F32) {
                MemorySegment.copy(cBlock, r * width, c, Convert.F32, 4 * dst, cols);
            } else {
                for (int q = 0; q < cols; q++) Convert.setDouble(c, dst + q, cType, cBlock[r * width + q]);
            }
        }
    }

    /** C[4 x NR] (+)= A tile[4 x kc] * B panel[kc x NR], eight accumulators in registers. */
    private static void micro(float[] ap, int aOff, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + L);
            c10 = FloatVector.fromArray(S, c, cOff + ldc);
            c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
    }

    /**
     * A few rows of A (a matrix-vector product, or a small batch through a layer): packing B
     * would cost as much as the product, so B is streamed once, straight from memory, split
     * by columns across threads. With unit column stride, rows of B are scaled and summed;
     * with unit row stride (a transposed weight), each result is a dot product of contiguous runs.
     */
    private static void skinny(int m, int n, int k, Mat a, Mat b, MemorySegment c, DType cType, long cOff, long ldc, CpuThreads threads) {
        float[] rows = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) rows[i * k + p] = (float) Convert.getDouble(a.seg(), a.at(i, p), a.dtype());
        }
        boolean rowMajor = b.colStride() == 1;
        int blocks = rowMajor ? (n + NR - 1) / NR : n;
        CpuThreads.RangeBody body = (j0, j1) -> {
            float[] acc = new float[m * (rowMajor ? NR : 1)];
            for (long j = j0; j < j1; j++) {
                if (rowMajor) axpyBlock(m, n, k, rows, b, (int) j * NR, acc, c, cType, cOff, ldc);
                else dotColumn(m, k, rows, b, (int) j, acc, c, cType, cOff, ldc);
            }
        };
        double cost = (double) m * k * (rowMajor ? NR : 1) / 8.0 + 20;
        if (threads != null) threads.forRange(blocks, cost, body);
        else body.run(0, blocks);
    }

    /** Columns {@code [j, j + NR)} of C for every row: the sum over p of A[i, p] times row p of B. */
    private static void axpyBlock(int m, int n, int k, float[] rows, Mat b, int j, float[] acc, MemorySegment c, DType cType, long cOff, long ldc) {
        int cols = Math.min(NR, n - j);
        java.util.Arrays.fill(acc, 0f);
        MemorySegment seg = b.seg();
        if (cols == NR) {
            for (int i = 0; i < m; i++) {
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    long at = 4 * b.at(p, j);
                    FloatVector av = FloatVector.broadcast(S, rows[i * k + p]);
                    s0 = av.fma(FloatVector.fromMemorySegment(S, seg, at, VecLoops.LE), s0);
                    s1 = av.fma(FloatVector.fromMemorySegment(S, seg, at + 4L * L, VecLoops.LE), s1);
                }
                s0.intoArray(acc, i * NR);
                s1.intoArray(acc, i * NR + L);
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    float av = rows[i * k + p];
                    long at = b.at(p, j);
                    for (int q = 0; q < cols; q++) acc[i * NR + q] += av * seg.get(Convert.F32, 4 * (at + q));
                }
            }
        }
        for (int i = 0; i < m; i++) {
            long dst = cOff + i * ldc + j;
            for (int q = 0; q < cols; q++) Convert.setDouble(c, dst + q, cType, acc[i * NR + q]);
        }
    }

    /** Column j of C: dot products of each A row with column j of B, which is contiguous. */
    private static void dotColumn(int m, int k, float[] rows, Mat b, int j, float[] acc, MemorySegment c, DType cType, long cOff, long ldc) {
        MemorySegment seg = b.seg();
        long col = 4 * b.at(0, j);
        int bound = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            FloatVector s = FloatVector.zero(S);
            int p = 0;
            for (; p < bound; p += L) s = FloatVector.fromArray(S, rows, i * k + p).fma(FloatVector.fromMemorySegment(S, seg, col + 4L * p, VecLoops.LE), s);
            float sum = VecLoops.sumLanes(s);
            for (; p < k; p++) sum += rows[i * k + p] * seg.get(Convert.F32, col + 4L * p);
            Convert.setDouble(c, cOff + i * ldc + j, cType, sum);
        }
    }
}
