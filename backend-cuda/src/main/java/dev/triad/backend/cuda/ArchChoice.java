package dev.triad.backend.cuda;

import java.util.Arrays;

/**
 * What NVRTC compiles for a device: a cubin for the device's own architecture when this NVRTC
 * knows it (no JIT at load time, and immune to a driver older than NVRTC, which would reject
 * NVRTC's newer PTX), else PTX for the nearest lower virtual architecture, which the driver
 * compiles for a GPU newer than the toolkit.
 *
 * @param option the NVRTC {@code -arch} option, e.g. {@code -arch=sm_86} or {@code -arch=compute_90}
 * @param cubin true when the result is a cubin, false for PTX
 * @param arch the architecture number compiled for, e.g. 86
 */
public record ArchChoice(String option, boolean cubin, int arch) {
    /**
     * The choice for a device of compute capability {@code major.minor} given the
     * architectures this NVRTC supports ({@code nvrtcGetSupportedArchs}, e.g. 75, 80, ...).
     *
     * @throws IllegalArgumentException when the device is older than every supported architecture
     */
    public static ArchChoice of(int major, int minor, int[] supported) {
        int device = major * 10 + minor;
        int[] s = supported.clone();
        Arrays.sort(s);
        if (Arrays.binarySearch(s, device) >= 0) return new ArchChoice("-arch=sm_" + device, true, device);
        int best = -1;
        for (int a : s) if (a <= device) best = a;
        if (best < 0) {
            throw new IllegalArgumentException("the GPU's architecture sm_" + device + " is older than every architecture this NVRTC compiles for "
                    + Arrays.toString(s) + "; use an older CUDA toolkit");
        }
        return new ArchChoice("-arch=compute_" + best, false, best);
    }

    /** The kind of image for messages and cache keys: {@code cubin sm_86} or {@code ptx compute_90}. */
    public String describe() { return cubin ? "cubin sm_" + arch : "ptx compute_" + arch; }
}
