package dev.triad.codegen.c;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

/**
 * The name of every generated kernel, in one place so that emitters and launchers agree.
 * Data-movement kernels move raw bits and are named by element size ({@code copy_b4}); the
 * others by op and dtype ({@code unary_exp_f32}).
 */
public final class KernelNames {
    private KernelNames() {}

    /** {@code unary_<op>_<t>}. */
    public static String unary(Primitive p, DType t) { return "unary_" + p.name() + "_" + t.shortName(); }
    /** {@code binary_<op>_<t>}. */
    public static String binary(Primitive p, DType t) { return "binary_" + p.name() + "_" + t.shortName(); }
    /** {@code cast_<from>_<to>}. */
    public static String cast(DType from, DType to) { return "cast_" + from.shortName() + "_" + to.shortName(); }
    /** {@code reduce_<op>_<t>} (work-group per output) or {@code ..._serial} (thread per output). */
    public static String reduce(Primitive p, DType t, boolean serial) { return p.name() + "_" + t.shortName() + (serial ? "_serial" : ""); }
    /** {@code scatter_add_<t>_<index type>}. */
    public static String scatterAdd(DType t, DType index) { return "scatter_add_" + t.shortName() + "_" + index.shortName(); }
    /** {@code matmul_<t>}. */
    public static String matmul(DType t) { return "matmul_" + t.shortName(); }
    /** {@code matmul_vec_<t>}: the vector-register matmul for CPU-class devices. */
    public static String matmulVector(DType t) { return "matmul_vec_" + t.shortName(); }
    /** {@code conv_<t>}. */
    public static String conv(DType t) { return "conv_" + t.shortName(); }
    /** {@code <window op>_<t>}: reduce_window_max, reduce_window_sum, window_argpos, select_and_scatter_add, select_and_gather. */
    public static String window(String op, DType t) { return op + "_" + t.shortName(); }
    /** {@code iota_<t>}. */
    public static String iota(DType t) { return "iota_" + t.shortName(); }

    /** {@code copy_b<bytes>}: strided copy of raw elements. */
    public static String copy(int bytes) { return "copy_b" + bytes; }
    /** {@code where_b<bytes>}. */
    public static String where(int bytes) { return "where_b" + bytes; }
    /** {@code fill_b<bytes>}. */
    public static String fill(int bytes) { return "fill_b" + bytes; }
    /** {@code pad_b<bytes>}. */
    public static String pad(int bytes) { return "pad_b" + bytes; }
    /** {@code gather_b<bytes>_<index type>}. */
    public static String gather(int bytes, DType index) { return "gather_b" + bytes + "_" + index.shortName(); }
    /** {@code random_bits}. */
    public static String randomBits() { return "random_bits"; }

    /** The unsigned C type of raw elements of {@code bytes} bytes. */
    public static String rawType(int bytes) {
        return switch (bytes) {
            case 1 -> "tri_u8";
            case 2 -> "tri_u16";
            case 4 -> "tri_u32";
            case 8 -> "tri_u64";
            default -> throw new IllegalArgumentException("no raw type of " + bytes + " bytes");
        };
    }
}
