package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * The OpenCL implementation of one primitive. Inputs arrive validated by the op's shape rule;
 * the result is already allocated (contiguous) and must be fully written.
 */
public interface ClOp {
    /**
     * Whether this op runs for {@code dtype} (the first input's, or the result's for ops
     * without inputs) on {@code device}; a YES promises that every input the shape rule accepts
     * with that dtype runs.
     */
    Support supports(DType dtype, DeviceInfo device);

    /** Enqueues the kernels computing {@code out} from {@code inputs}. */
    void run(Exec x, Attrs attrs, List<DeviceArray> inputs, DeviceArray out);

    /** The support rule shared by most ops: every dtype, F64 only with fp64. */
    static Support standard(DType dtype, DeviceInfo device) {
        if (dtype == DType.F64 && !device.fp64()) return Support.no("the device " + device.name() + " has no fp64 (cl_khr_fp64)");
        return Support.YES;
    }
}
