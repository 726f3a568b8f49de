package dev.triad.backend.cuda;

/**
 * Grid and block sizes of one launch, in CUDA's terms (blocks, threads per block). The
 * generated kernels are grid-stride loops, so any grid covers any size; grids are capped so
 * that a huge tensor does not launch millions of blocks that each do one step.
 *
 * @param grid blocks per dimension (x, y, z)
 * @param block threads per block per dimension (x, y, z)
 */
public record LaunchConfig(long[] grid, long[] block) {
    /** Threads per block of one-dimensional launches: a multiple of the warp, small enough for every GPU. */
    public static final int LINEAR_BLOCK = 256;
    /** Blocks per multiprocessor a grid-stride launch is capped at: enough to hide latency. */
    public static final int BLOCKS_PER_SM = 32;
    /** The largest grid y and z dimension CUDA allows. */
    public static final long MAX_GRID_YZ = 65535;

    /** Validates and copies. */
    public LaunchConfig {
        if (grid.length != 3 || block.length != 3) throw new IllegalArgumentException("grid and block have three dimensions");
        grid = grid.clone();
        block = block.clone();
        for (int i = 0; i < 3; i++) {
            if (grid[i] < 1 || block[i] < 1) throw new IllegalArgumentException("empty launch dimension " + i);
        }
        if (grid[0] > Integer.MAX_VALUE || grid[1] > MAX_GRID_YZ || grid[2] > MAX_GRID_YZ) {
            throw new IllegalArgumentException("grid exceeds CUDA's limits: " + java.util.Arrays.toString(grid));
        }
        if (block[0] * block[1] * block[2] > 1024) throw new IllegalArgumentException("more than 1024 threads per block");
    }

    @Override
    public long[] grid() { return grid.clone(); }

    @Override
    public long[] block() { return block.clone(); }

    /** A grid-stride launch over {@code n} items on a device with {@code sms} multiprocessors. */
    public static LaunchConfig linear(long n, int sms) {
        long blocks = (Math.max(n, 1) + LINEAR_BLOCK - 1) / LINEAR_BLOCK;
        long cap = (long) Math.max(sms, 1) * BLOCKS_PER_SM;
        return new LaunchConfig(new long[] {Math.min(blocks, cap), 1, 1}, new long[] {LINEAR_BLOCK, 1, 1});
    }

    /** One block of {@code threads} per item (cooperative reductions), up to 65535 blocks that loop over the rest. */
    public static LaunchConfig perItem(long items, int threads) {
        return new LaunchConfig(new long[] {Math.min(Math.max(items, 1), MAX_GRID_YZ), 1, 1}, new long[] {threads, 1, 1});
    }

    /**
     * The tiled GEMM kernel: {@code side x side} threads per block, one block per
     * {@code tile x tile} result tile, batches along z (the kernel loops past 65535).
     */
    public static LaunchConfig gemm(long m, long n, long batches, int side, int tile) {
        long gx = (n + tile - 1) / tile, gy = (m + tile - 1) / tile;
        if (gy > MAX_GRID_YZ) throw new IllegalArgumentException("matmul with " + m + " rows exceeds the generated kernel's grid (" + MAX_GRID_YZ * tile + " rows)");
        return new LaunchConfig(new long[] {gx, gy, Math.min(batches, MAX_GRID_YZ)}, new long[] {side, side, 1});
    }

    /** Total threads. */
    public long threads() { return grid[0] * grid[1] * grid[2] * block[0] * block[1] * block[2]; }
}
