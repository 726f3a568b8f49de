package dev.triad.spi.backend;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * An opened backend: its devices, what it supports, memory, transfers and kernels. Front-ends
 * never call {@link #execute} directly; they go through {@link Dispatch}, which checks the
 * op's shape rule first, so a backend only ever sees valid inputs and never infers a shape.
 */
public interface Backend extends AutoCloseable {
    /** The provider's name, e.g. {@code cpu}. */
    String name();

    /** The devices, first one the default. */
    List<Device> devices();

    /** The device new arrays go to. */
    default Device defaultDevice() { return devices().get(0); }

    /** The allocator of the default device. */
    DeviceAllocator allocator();

    /**
     * Whether {@code p} runs for {@code dtype} (the dtype of its first input, or of its result
     * for ops without inputs), with the reason when not.
     */
    Support supports(Primitive p, DType dtype);

    /**
     * True when composite {@code p} runs as one fused kernel instead of its decomposition, or
     * when custom op {@code p} ({@link dev.triad.spi.custom.CustomOp}) has a native kernel here
     * instead of running its host kernel.
     */
    default boolean hasFusedKernel(Primitive composite) { return false; }

    /** Copies a host array to the default device. */
    DeviceArray upload(HostArray host);

    /** Copies an array (any strides) to the host, waiting for pending work. */
    HostArray download(DeviceArray array);

    /**
     * Runs one primitive (or a fused composite) on validated, possibly strided inputs and
     * returns a new contiguous array of {@code resultType}.
     */
    DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType);

    /**
     * Runs a pointwise primitive (or a fused pointwise composite) with its result written into {@code out}, an existing view
     * of the result's type that may be one of the inputs (buffer donation for in-place updates
     * and optimizer steps: no result buffer, no copy back). {@link Dispatch#executeInto} has
     * validated everything, and {@code out} is either disjoint from the inputs' storage or the
     * very same view as an input. The default runs {@link #execute} and copies the result in;
     * backends whose kernels take an output view override it.
     */
    default void executeInto(Primitive p, Attrs attrs, List<DeviceArray> inputs, DeviceArray out) {
        try (DeviceArray r = execute(p, attrs, inputs, out.type())) {
            copyInto(r, out);
        }
    }

    /**
     * Copies the elements of {@code src} (any strides) into the view {@code dst} (any strides
     * that do not overlap themselves), converting the dtype when they differ. Shapes must be
     * equal. In-place updates (PyTorch's {@code copy_}, optimizer steps) are built on this.
     */
    void copyInto(DeviceArray src, DeviceArray dst);

    /**
     * Compiles {@code graph} for this backend. The default interprets it node by node through
     * {@link Dispatch}; backends override it to fuse and call vendor libraries.
     */
    default Executable compile(dev.triad.spi.graph.Graph graph) { return new dev.triad.spi.graph.Interpreter(this, graph); }

    /** Waits until all queued work has finished. */
    void synchronize();

    /** Releases the backend's resources. Arrays must be closed first. */
    @Override
    void close();
}
