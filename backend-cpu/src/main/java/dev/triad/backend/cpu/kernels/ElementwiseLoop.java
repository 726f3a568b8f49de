package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;

import java.util.List;


/**
 * Walks the elements of a shape over several strided operands in row-major order, handing
 * out runs of at most {@link #CHUNK} elements along the innermost (coalesced) dimension. Each
 * run comes with every operand's element offset and innermost stride; large walks are split
 * over the worker threads by flat element range, so any split point works, also inside a row.
 */
final class ElementwiseLoop {
    private ElementwiseLoop() {}

    /** Longest run handed to a body; sized so a few lanes of scratch stay in the L1 cache. */
    static final int CHUNK = 1024;

    /** Receives runs; one instance per thread, so it may keep scratch buffers. */
    interface Body {
        /**
         * Processes {@code n} elements. {@code offsets[k]} is operand k's element offset of the
         * run's first element and {@code strides[k]} its step; both arrays are read-only.
         */
        void run(long[] offsets, long[] strides, int n);
    }

    /** Makes the body of one part of a walk; scratch comes from the part's lease. */
    interface BodyFactory {
        /** A body for one thread's part of the walk. */
        Body create(Scratch.Lease lease);
    }

    /**
     * The operands of an elementwise op as a walk sees them: the result's shape, and the
     * element strides and offsets of every input (broadcast to that shape by stride 0) and
     * then of the result.
     */
    record Operands(long[] shape, long[][] strides, long[] offsets) {
        /** {@code in} broadcast to {@code out}'s shape, then {@code out}. */
        static Operands of(List<StridedView> in, StridedView out) {
            long[] shape = out.shape();
            int k = in.size();
            long[][] strides = new long[k + 1][];
            long[] offsets = new long[k + 1];
            for (int i = 0; i < k; i++) {
                StridedView v = in.get(i);
                strides[i] = Dims.broadcastStrides(v.shape(), v.strides(), shape);
                offsets[i] = v.offset();
            }
            strides[k] = out.strides();
            offsets[k] = out.offset();
            return new Operands(shape, strides, offsets);
        }
    }

    /** {@link #run(long[], long[][], long[], CpuThreads, double, BodyFactory)} over {@code operands}. */
    static void run(Operands operands, CpuThreads threads, double costPerElementNs, BodyFactory bodies) {
        run(operands.shape(), operands.strides(), operands.offsets(), threads, costPerElementNs, bodies);
    }

    /**
     * Walks {@code shape} over operands with the given element {@code strides} (already
     * broadcast to {@code shape}) and {@code offsets}.
     *
     * @param costPerElementNs estimated work per element, which decides the split
     */
    static void run(long[] shape, long[][] strides, long[] offsets, CpuThreads threads, double costPerElementNs, BodyFactory bodies) {
        long n = Dims.numel(shape);
        if (n == 0) return;
        Dims.Coalesced c = Dims.coalesce(shape, strides);
        if (transposed(c)) {
            int q = c.rank();
            long tiles = n / (c.shape()[q - 2] * c.shape()[q - 1]) * ceilDiv(c.shape()[q - 2], TILE) * ceilDiv(c.shape()[q - 1], TILE);
            threads.forRange(tiles, costPerElementNs * TILE * TILE, (from, to) -> {
                try (Scratch.Lease lease = Scratch.lease()) {
                    walkTiles(c, offsets, from, to, bodies.create(lease));
                }
            });
            return;
        }
        threads.forRange(n, costPerElementNs, (from, to) -> {
            try (Scratch.Lease lease = Scratch.lease()) {
                walk(c, offsets, from, to, bodies.create(lease));
            }
        });
    }

    /** Edge of the square tiles of a transposing walk. */
    static final int TILE = 32;

    /**
     * True when some operand walks the rows with a stride but has unit stride along the
     * next-outer dimension (a transposed view): row-major runs would touch a new cache line
     * per element of it, so the walk goes tile by tile instead.
     */
    private static boolean transposed(Dims.Coalesced c) {
        int q = c.rank();
        if (q < 2 || c.shape()[q - 1] < TILE || c.shape()[q - 2] < TILE) return false;
        for (long[] st : c.strides()) {
            if (st[q - 1] != 1 && st[q - 1] != 0 && Math.abs(st[q - 2]) == 1) return true;
        }
        return false;
    }

    /** Walks tiles {@code [from, to)}: square blocks of the last two dimensions, each as up to TILE runs of up to TILE elements. */
    private static void walkTiles(Dims.Coalesced c, long[] base, long from, long to, Body body) {
        long[] shape = c.shape();
        long[][] strides = c.strides();
        int q = shape.length, k = strides.length;
        long rows = shape[q - 2], cols = shape[q - 1];
        long rowTiles = ceilDiv(rows, TILE), colTiles = ceilDiv(cols, TILE);
        long[] outerShape = java.util.Arrays.copyOf(shape, q - 2);
        long[][] outerStrides = new long[k][];
        long[] off = new long[k], inner = new long[k], corner = new long[k];
        for (int j = 0; j < k; j++) {
            inner[j] = strides[j][q - 1];
            outerStrides[j] = java.util.Arrays.copyOf(strides[j], q - 2);
        }
        for (long t = from; t < to; t++) {
            long outer = t / (rowTiles * colTiles), rest = t % (rowTiles * colTiles);
            long i0 = rest / colTiles * TILE, j0 = rest % colTiles * TILE;
            int len = (int) Math.min(TILE, cols - j0);
            for (int j = 0; j < k; j++) {
                corner[j] = base[j] + Dims.offsetOf(outer, outerShape, outerStrides[j]) + i0 * strides[j][q - 2] + j0 * strides[j][q - 1];
            }
            for (long i = 0; i < Math.min(TILE, rows - i0); i++) {
                for (int j = 0; j < k; j++) off[j] = corner[j] + i * strides[j][q - 2];
                body.run(off, inner, len);
            }
        }
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    private static void walk(Dims.Coalesced c, long[] base, long from, long to, Body body) {
        long[] shape = c.shape();
        long[][] strides = c.strides();
        int r = shape.length, k = strides.length;
        long len = shape[r - 1];
        long[] inner = new long[k];
        for (int j = 0; j < k; j++) inner[j] = strides[j][r - 1];
        // The multi-index of `from` over the outer dimensions, and each operand's offset there.
        long[] idx = new long[r];
        long rest = from;
        for (int d = r - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        long[] off = new long[k];
        for (int j = 0; j < k; j++) {
            long o = base[j];
            for (int d = 0; d < r; d++) o += idx[d] * strides[j][d];
            off[j] = o;
        }
        long col = idx[r - 1];
        long pos = from;
        while (pos < to) {
            int n = (int) Math.min(Math.min(len - col, to - pos), CHUNK);
            body.run(off, inner, n);
            pos += n;
            col += n;
            for (int j = 0; j < k; j++) off[j] += n * inner[j];
            if (col == len && pos < to) {
                col = 0;
                for (int j = 0; j < k; j++) off[j] -= len * inner[j];
                // Odometer over the outer dimensions.
                for (int d = r - 2; d >= 0; d--) {
                    idx[d]++;
                    for (int j = 0; j < k; j++) off[j] += strides[j][d];
                    if (idx[d] < shape[d]) break;
                    for (int j = 0; j < k; j++) off[j] -= shape[d] * strides[j][d];
                    idx[d] = 0;
                }
            }
        }
    }
}
