package dev.triad.spi.backend;

import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * A graph compiled for one backend ({@link Backend#compile}). It may hold device resources
 * (uploaded constants, compiled kernels) until it is closed.
 */
public interface Executable extends AutoCloseable {
    /** The types {@link #run} expects, in order (the graph's parameters). */
    List<TensorType> inputTypes();

    /** The types {@link #run} returns, in order (the graph's outputs). */
    List<TensorType> outputTypes();

    /**
     * Runs the graph on {@code inputs}, which stay the caller's and are not closed. Returns one
     * new array per output; the caller owns and closes each (an output that repeats a value or
     * is an input is a separate view).
     *
     * @throws dev.triad.spi.error.TriadException when an input's count, type or backend does
     *     not match, naming the parameter and the expected and actual types
     */
    List<DeviceArray> run(List<DeviceArray> inputs);

    /** Releases what the executable holds; later runs fail. Idempotent. */
    @Override
    void close();
}
