package dev.triad.backend.cuda.kernels;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * The CUDA implementation of one primitive. Inputs arrive validated by the op's shape rule;
 * the result is already allocated (contiguous) and must be fully written.
 */
public interface CudaOp {
    /** Whether this op runs for {@code dtype}; every NVIDIA GPU computes every Triad dtype (16-bit floats in software). */
    default Support supports(DType dtype) { return Support.YES; }

    /** Queues the work computing {@code out} from {@code inputs}. */
    void run(Exec x, Attrs attrs, List<DeviceArray> inputs, DeviceArray out);
}
