package dev.triad.backend.opencl.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;

/** Where an Aparapi kernel really ran, as Aparapi's profile reports say (not {@code isRunningCL()}). */
public enum ExecutionMode {
    /** On an OpenCL device, as translated OpenCL C. */
    OPENCL,
    /** Aparapi's fallback: the Java bytecode on a Java thread pool. */
    JAVA_THREAD_POOL,
    /** The Java bytecode on the calling thread, one work item after another. */
    JAVA_SEQUENTIAL,
    /** The kernel's own {@code executeFallbackAlgorithm}. */
    JAVA_ALTERNATIVE_ALGORITHM,
    /** Aparapi recorded no device for the run. */
    UNKNOWN;

    /** The mode of a run on {@code device} (null: {@link #UNKNOWN}). */
    static ExecutionMode of(Device device) {
        if (device instanceof OpenCLDevice) return OPENCL;
        if (device == JavaDevice.THREAD_POOL) return JAVA_THREAD_POOL;
        if (device == JavaDevice.SEQUENTIAL) return JAVA_SEQUENTIAL;
        if (device == JavaDevice.ALTERNATIVE_ALGORITHM) return JAVA_ALTERNATIVE_ALGORITHM;
        return UNKNOWN;
    }

    /** True for the Java modes, i.e. when the kernel did not run on OpenCL. */
    public boolean isFallback() { return this != OPENCL; }
}
