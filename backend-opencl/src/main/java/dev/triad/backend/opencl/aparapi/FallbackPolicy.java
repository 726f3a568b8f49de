package dev.triad.backend.opencl.aparapi;

/** What an Aparapi custom op does when its kernel cannot run on the OpenCL device. */
public enum FallbackPolicy {
    /**
     * Run on OpenCL or fail: when there is no OpenCL device, Aparapi cannot translate the kernel,
     * or a run ends up elsewhere, the op throws {@link AparapiFallbackException} naming the op and
     * Aparapi's reason.
     */
    REQUIRE_OPENCL,
    /**
     * Let Aparapi fall back to its Java thread pool; the op still reports the mode each run
     * really used ({@link AparapiOp#lastRun()}, {@link AparapiOp#report()}) and why it fell back.
     */
    ALLOW_JAVA_FALLBACK,
    /** Run on Aparapi's Java thread pool on purpose (no OpenCL), e.g. to compare with an OpenCL run. */
    JAVA_THREAD_POOL
}
