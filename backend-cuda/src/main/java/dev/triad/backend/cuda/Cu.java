package dev.triad.backend.cuda;

/** Status checks shared by every native call: a non-zero status becomes a typed exception. */
final class Cu {
    private Cu() {}

    /** Throws for a failed driver call; sticky errors become {@link DeviceLostException}. */
    static void check(String call, int rc) {
        if (rc == 0) return;
        if (CudaErrors.isSticky(CudaErrors.Library.DRIVER, rc)) throw new DeviceLostException(null, call, rc);
        throw new CudaException(null, call, CudaErrors.Library.DRIVER, rc, null);
    }

    /** Throws for a failed call of {@code lib}. */
    static void check(CudaErrors.Library lib, String call, int rc) {
        if (lib == CudaErrors.Library.DRIVER) {
            check(call, rc);
            return;
        }
        if (rc != 0) throw new CudaException(null, call, lib, rc, null);
    }
}
