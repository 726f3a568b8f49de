package dev.triad.codegen.c;

/**
 * Short-vector types with elementwise arithmetic ({@code float8 * float8}), which OpenCL C has
 * and CUDA C++ does not. Kernels that use them are optional variants chosen when the dialect
 * offers them ({@link Dialect#vectors()}); every op also has a scalar kernel.
 */
public interface VectorSyntax {
    /** The vector type of {@code width} elements of {@code scalar}, e.g. {@code float8}. */
    String type(String scalar, int width);

    /** An expression loading {@code width} elements from pointer {@code ptr} (element-aligned). */
    String load(int width, String ptr);

    /** A statement storing vector {@code v} of {@code width} elements at pointer {@code ptr}. */
    String store(int width, String v, String ptr);

    /** A vector of {@code width} copies of scalar {@code x}. */
    String splat(String scalar, int width, String x);
}
