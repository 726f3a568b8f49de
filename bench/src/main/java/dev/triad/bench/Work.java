package dev.triad.bench;

/**
 * What one operation of a benchmark does, for throughput and fraction-of-peak figures: the
 * floating-point operations and the bytes a perfect implementation must move to and from
 * memory, and which of the two limits the operation.
 *
 * @param flops floating-point operations per operation (a multiply-add counts two)
 * @param bytes bytes read plus written per operation, each input read once and each output written once
 * @param bound which machine limit applies
 */
public record Work(double flops, double bytes, Bound bound) {
    /** The limit a kernel is held against. */
    public enum Bound {
        /** Arithmetic: compared with the measured FP32 matmul peak. */ COMPUTE,
        /** Memory traffic: compared with the measured copy bandwidth. */ MEMORY,
        /** Neither (overhead, training steps, compile times). */ NONE
    }

    /** No work model. */
    public static final Work NONE = new Work(0, 0, Bound.NONE);

    /** A compute-bound operation. */
    public static Work compute(double flops, double bytes) { return new Work(flops, bytes, Bound.COMPUTE); }

    /** A memory-bound operation. */
    public static Work memory(double flops, double bytes) { return new Work(flops, bytes, Bound.MEMORY); }
}
