/**
 * Compile times, measured single-shot (one cold call per iteration, after the JVM has warmed
 * up on earlier iterations): tracing and compiling the MLP train step with the functional
 * front-end's {@code jit}, building the same step as a graph and compiling it in a session,
 * and building the OpenCL backend's F32 program from source (Triad's program cache empty) or
 * loading it from the cached binary.
 */
package dev.triad.bench.compile;
