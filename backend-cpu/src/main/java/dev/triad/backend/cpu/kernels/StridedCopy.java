package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;

import java.lang.foreign.MemorySegment;

/**
 * Copies between two views of one dtype with any strides. It moves bits, never values, so it
 * serves every dtype by element size alone; contiguous runs go through
 * {@link MemorySegment#copy}. All data movement (reshape, permute, broadcast, slice, flip,
 * pad, concat) and downloads are built on it.
 */
public final class StridedCopy {
    private StridedCopy() {}

    /** Copies {@code src} into {@code dst}: equal shapes and dtypes; {@code dst} must not overlap itself. */
    public static void copy(StridedView src, StridedView dst, CpuThreads threads) {
        int es = dst.dtype().byteSize();
        long n = dst.numel();
        if (n == 0) return;
        if (src.isContiguous() && dst.isContiguous()) {
            MemorySegment s = src.segment(), d = dst.segment();
            long so = src.offset() * es, dOff = dst.offset() * es;
            threads.forRange(n, 0.1, (from, to) -> MemorySegment.copy(s, so + from * es, d, dOff + from * es, (to - from) * es));
            return;
        }
        long[][] strides = {src.strides(), dst.strides()};
        long[] offsets = {src.offset(), dst.offset()};
        MemorySegment s = src.segment(), d = dst.segment();
        Dims.Coalesced c = Dims.coalesce(dst.shape(), strides);
        if (isTranspose(c)) {
            transposeTiles(c, src, dst, es, threads);
            return;
        }
        ElementwiseLoop.run(dst.shape(), strides, offsets, threads, 0.5, lease -> (off, step, len) -> copyRun(s, off[0], step[0], d, off[1], step[1], len, es));
    }

    /** Edge of the square tiles of a transposing copy: 32 x 32 elements stay in the L1 cache at any element size. */
    private static final int TILE = 32;

    /**
     * True when the destination's rows are contiguous but the source walks them with a
     * stride while its unit stride is along the next-outer dimension: a transpose, which an
     * element-by-element walk would do with one cache miss per element.
     */
    private static boolean isTranspose(Dims.Coalesced c) {
        int r = c.rank();
        if (r < 2) return false;
        long[] s = c.strides()[0], t = c.strides()[1];
        return t[r - 1] == 1 && s[r - 1] != 1 && s[r - 2] == 1 && c.shape()[r - 1] >= TILE && c.shape()[r - 2] >= TILE;
    }

    /** Copies the last two dimensions in square tiles, so both sides reuse every cache line they touch. */
    private static void transposeTiles(Dims.Coalesced c, StridedView src, StridedView dst, int es, CpuThreads threads) {
        int r = c.rank();
        long[] shape = c.shape(), ss = c.strides()[0], ds = c.strides()[1];
        long rows = shape[r - 2], cols = shape[r - 1];
        long[] outerShape = java.util.Arrays.copyOf(shape, r - 2);
        long[] outerSrc = java.util.Arrays.copyOf(ss, r - 2), outerDst = java.util.Arrays.copyOf(ds, r - 2);
        long rowTiles = (rows + TILE - 1) / TILE, colTiles = (cols + TILE - 1) / TILE;
        long tiles = Dims.numel(outerShape) * rowTiles * colTiles;
        MemorySegment s = src.segment(), d = dst.segment();
        threads.forRange(tiles, TILE * TILE * 1.0, (t0, t1) -> {
            for (long t = t0; t < t1; t++) {
                long outer = t / (rowTiles * colTiles), rest = t % (rowTiles * colTiles);
                long i0 = rest / colTiles * TILE, j0 = rest % colTiles * TILE;
                long so = src.offset() + Dims.offsetOf(outer, outerShape, outerSrc);
                long dOff = dst.offset() + Dims.offsetOf(outer, outerShape, outerDst);
                int len = (int) Math.min(TILE, cols - j0);
                for (long i = i0; i < Math.min(rows, i0 + TILE); i++) {
                    copyRun(s, so + i * ss[r - 2] + j0 * ss[r - 1], ss[r - 1], d, dOff + i * ds[r - 2] + j0, 1, len, es);
                }
            }
        });
    }

    /** Copies {@code n} elements of {@code es} bytes, element offsets and steps given. */
    static void copyRun(MemorySegment s, long so, long ss, MemorySegment d, long dOff, long ds, int n, int es) {
        if (ss == 1 && ds == 1) {
            MemorySegment.copy(s, so * es, d, dOff * es, (long) n * es);
            return;
        }
        switch (es) {
            case 1 -> { for (int i = 0; i < n; i++) d.set(Convert.U8, dOff + i * ds, s.get(Convert.U8, so + i * ss)); }
            case 2 -> { for (int i = 0; i < n; i++) d.set(Convert.I16, 2 * (dOff + i * ds), s.get(Convert.I16, 2 * (so + i * ss))); }
            case 4 -> { for (int i = 0; i < n; i++) d.set(Convert.I32, 4 * (dOff + i * ds), s.get(Convert.I32, 4 * (so + i * ss))); }
            case 8 -> { for (int i = 0; i < n; i++) d.set(Convert.I64, 8 * (dOff + i * ds), s.get(Convert.I64, 8 * (so + i * ss))); }
            default -> throw new IllegalStateException("no copy for " + es + "-byte elements");
        }
    }

    /** Writes the element value {@code v} (converted as a cast does) into every element of contiguous {@code dst}. */
    public static void fill(StridedView dst, double v, CpuThreads threads) {
        int es = dst.dtype().byteSize();
        long n = dst.numel();
        if (n == 0) return;
        MemorySegment pattern = MemorySegment.ofArray(new byte[8]);
        dev.triad.spi.types.Elements.setDouble(pattern, 0, dst.dtype(), v);
        MemorySegment d = dst.segment();
        long base = dst.offset() * es;
        threads.forRange(n, 0.1, (from, to) -> fillRun(d, base + from * es, to - from, pattern, es));
    }

    /** Fills {@code count} elements from byte {@code at} with the first {@code es} bytes of {@code pattern}. */
    private static void fillRun(MemorySegment d, long at, long count, MemorySegment pattern, int es) {
        long bytes = count * es;
        boolean allSame = true;
        byte b0 = pattern.get(Convert.U8, 0);
        for (int i = 1; i < es; i++) allSame &= pattern.get(Convert.U8, i) == b0;
        if (allSame) {
            d.asSlice(at, bytes).fill(b0);
            return;
        }
        // Write one element, then double the filled prefix with bulk copies.
        MemorySegment.copy(pattern, 0, d, at, es);
        long done = es;
        while (done < bytes) {
            long chunk = Math.min(done, bytes - done);
            MemorySegment.copy(d, at, d, at + done, chunk);
            done += chunk;
        }
    }
}
