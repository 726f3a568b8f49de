package dev.triad.backend.opencl;

import org.junit.jupiter.api.Assumptions;

/** Opens the backend on this machine's OpenCL device, or skips the test saying why there is none. */
final class Devices {
    private Devices() {}

    static OpenClBackend open() {
        OpenClBackendProvider p = new OpenClBackendProvider();
        Assumptions.assumeTrue(p.probe().available(), () -> "no OpenCL device here: " + p.probe().reason());
        return (OpenClBackend) p.open();
    }
}
