package dev.triad.backend.opencl.aparapi;

import java.util.List;

/**
 * How one run of an Aparapi custom op really executed.
 *
 * @param op the op's name
 * @param mode where the kernel ran, from Aparapi's profile report
 * @param device Aparapi's description of that device (for OpenCL, the device name)
 * @param globalSize the global range's sizes
 * @param fallbackReason why it did not run on OpenCL (empty when it did)
 */
public record AparapiRun(String op, ExecutionMode mode, String device, List<Integer> globalSize, String fallbackReason) {
    /** Copies the sizes. */
    public AparapiRun {
        globalSize = List.copyOf(globalSize);
    }

    /** One line for logs and reports, e.g. {@code silu_k: OPENCL on pthread-... (range 1024)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(op).append(": ").append(mode).append(" on ").append(device).append(" (range ");
        for (int i = 0; i < globalSize.size(); i++) s.append(i == 0 ? "" : "x").append(globalSize.get(i));
        s.append(')');
        if (!fallbackReason.isEmpty()) s.append("; fell back because: ").append(fallbackReason);
        return s.toString();
    }
}
