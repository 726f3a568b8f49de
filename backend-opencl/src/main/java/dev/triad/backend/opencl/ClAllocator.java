package dev.triad.backend.opencl;

import dev.triad.spi.backend.DeviceAllocator;
import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * Raw device buffers for the shared caching allocator, whose handles are {@code cl_mem}.
 * The allocator above pools them by size class and counts live, reserved and peak bytes; here
 * a failed {@code clCreateBuffer} becomes an {@link OpenClException}, which makes the
 * allocator empty its cache and retry before it reports out-of-memory with its statistics.
 *
 * <p>Releasing a {@code cl_mem} while kernels that use it are still queued is safe: OpenCL
 * frees it only after they finish. Reusing a pooled block for new work is safe because all
 * work and all transfers of one backend go through one in-order queue.
 */
final class ClAllocator extends DeviceAllocator {
    private final cl_context context;
    private final long maxAlloc;

    /**
     * @param deviceId the device, for messages
     * @param context the context buffers are created in
     * @param limitBytes the most bytes to reserve (the device's global memory)
     * @param maxAlloc the largest single buffer the device allows
     */
    ClAllocator(String deviceId, cl_context context, long limitBytes, long maxAlloc) {
        super(deviceId, limitBytes);
        this.context = context;
        this.maxAlloc = maxAlloc;
    }

    @Override
    protected Object allocateRaw(long bytes) {
        if (bytes > maxAlloc) {
            throw new OpenClException(null, "clCreateBuffer(" + bytes + " bytes; the device allows at most " + maxAlloc + " in one buffer)",
                    CL.CL_INVALID_BUFFER_SIZE, null);
        }
        int[] rc = Cl.status();
        cl_mem mem = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, rc);
        Cl.check("clCreateBuffer(" + bytes + " bytes)", rc[0]);
        return mem;
    }

    @Override
    protected void freeRaw(Object handle, long bytes) {
        Cl.check("clReleaseMemObject(" + bytes + " bytes)", CL.clReleaseMemObject((cl_mem) handle));
    }
}
