package dev.triad.codegen.c;

/**
 * Device facts the generated source depends on; part of every program's identity.
 *
 * @param fp64 whether the device computes in double (F64 kernels and F64 casts are emitted only then)
 * @param gemmBlock threads per side of a matmul/convolution work-group ({@code gemmBlock²} threads)
 * @param gemmRegs outputs per thread per side (a thread computes {@code gemmRegs²} results)
 * @param gemmTileK depth of the tiles staged in local memory
 * @param reduceLocal work-group size of the cooperative reductions (a power of two)
 */
public record EmitOptions(boolean fp64, int gemmBlock, int gemmRegs, int gemmTileK, int reduceLocal) {
    /** Validates the sizes. */
    public EmitOptions {
        if (gemmBlock < 1 || gemmRegs < 1 || gemmTileK < 1) throw new IllegalArgumentException("tile sizes must be positive");
        if (reduceLocal < 1 || Integer.bitCount(reduceLocal) != 1) throw new IllegalArgumentException("reduceLocal must be a power of two, got " + reduceLocal);
    }

    /** Defaults for a device whose work-groups hold {@code maxWorkGroup} threads. */
    public static EmitOptions forDevice(boolean fp64, long maxWorkGroup) {
        int block = maxWorkGroup >= 256 ? 16 : maxWorkGroup >= 64 ? 8 : maxWorkGroup >= 16 ? 4 : 1;
        int local = (int) Math.min(64, Long.highestOneBit(Math.max(1, maxWorkGroup)));
        return new EmitOptions(fp64, block, 4, 16, local);
    }

    /** Rows (and columns) of the result tile one work-group computes. */
    public int gemmTile() { return gemmBlock * gemmRegs; }

    /** A stable text form, for cache keys. */
    public String key() { return "fp64=" + fp64 + ",gb=" + gemmBlock + ",gr=" + gemmRegs + ",gk=" + gemmTileK + ",rl=" + reduceLocal; }
}
