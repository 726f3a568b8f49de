package dev.triad.codegen.c.runtime;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;

import java.util.List;

/**
 * How one primitive runs on a C-family backend. Inputs arrive validated by the op's shape rule;
 * the result is already allocated (contiguous) and must be fully written.
 *
 * @param <L> the launcher it needs: {@link Launcher} for the shared ops, a backend's own for
 *     ops that call a vendor library
 */
@FunctionalInterface
public interface GpuOp<L extends Launcher> {
    /** Queues the work computing {@code out} from {@code inputs}. */
    void run(L x, Attrs attrs, List<DeviceArray> inputs, DeviceArray out);
}
