package dev.triad.codegen.c;

import dev.triad.spi.error.UnsupportedOpException;

/** Fixed sizes of the index metadata that every kernel and host packer agree on. */
public final class Limits {
    private Limits() {}

    /**
     * The most dimensions a kernel indexes after merging dimensions that are laid out back to
     * back (a contiguous tensor of any rank becomes one dimension). Metadata is passed by value
     * as a kernel argument; 8 keeps the largest struct under the 1 KiB every OpenCL device accepts.
     */
    public static final int MAX_RANK = 8;

    /**
     * Throws a typed {@link UnsupportedOpException} naming {@code op} when {@code rank} exceeds
     * {@link #MAX_RANK} after merging: a limit of the generated kernels, not a user error.
     */
    public static void checkRank(String op, int rank) {
        if (rank > MAX_RANK) {
            throw new UnsupportedOpException(op, rank + " dimensions remain after merging contiguous ones;"
                    + " the generated kernels index at most " + MAX_RANK + " (make the input contiguous first)");
        }
    }
}
