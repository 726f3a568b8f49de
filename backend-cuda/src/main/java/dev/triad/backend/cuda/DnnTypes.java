package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_BFLOAT16;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_DOUBLE;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_FLOAT;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_HALF;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_FMA_MATH;

import dev.triad.spi.types.DType;

/**
 * Which Triad dtypes cuDNN runs, and as which cuDNN types. (The constants are compile-time
 * constants, so this class loads no native library and is tested without a device.)
 *
 * <ul>
 *   <li>F32 and F64: data and compute in that type; FMA math (no TF32) unless TF32 is
 *       allowed for F32, so results match the generated kernels' rounding.</li>
 *   <li>F16 and BF16: data in that type, compute in F32 (cuDNN's pseudo-half and
 *       pseudo-bfloat16 configurations), which is Triad's rule for 16-bit floats: storage only,
 *       arithmetic in F32, one rounding at the end. Tensor cores are allowed (default math):
 *       they multiply 16-bit values exactly and accumulate in F32. BF16 needs compute
 *       capability 8.0 or newer.</li>
 *   <li>Integer and boolean convolution: not in cuDNN's legacy API; the generated kernel runs.</li>
 * </ul>
 */
final class DnnTypes {
    private DnnTypes() {}

    /** Why cuDNN does not run {@code t} on a device of compute capability {@code major}.x, or null when it does. */
    static String unsupported(DType t, int major) {
        return switch (t) {
            case F32, F64, F16 -> null;
            case BF16 -> major >= 8 ? null : "cuDNN runs bf16 only on compute capability 8.0 or newer (this device: " + major + ".x)";
            default -> "cuDNN has no " + t + " convolution or pooling";
        };
    }

    /** cuDNN's data type for tensors and filters of {@code t}. */
    static int dataType(DType t) {
        return switch (t) {
            case F32 -> CUDNN_DATA_FLOAT;
            case F64 -> CUDNN_DATA_DOUBLE;
            case F16 -> CUDNN_DATA_HALF;
            case BF16 -> CUDNN_DATA_BFLOAT16;
            default -> throw new IllegalArgumentException("cuDNN path not used for " + t);
        };
    }

    /** The convolution descriptor's compute type: F64 for F64, F32 otherwise. */
    static int computeType(DType t) { return t == DType.F64 ? CUDNN_DATA_DOUBLE : CUDNN_DATA_FLOAT; }

    /** The convolution's math type. */
    static int mathType(DType t, boolean tf32) {
        return switch (t) {
            case F16, BF16 -> CUDNN_DEFAULT_MATH;
            case F32 -> tf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH;
            default -> CUDNN_FMA_MATH;
        };
    }

    /** Whether an algorithm must use exactly the requested math type (no tensor-core conversions): F32 without TF32, and F64. */
    static boolean strictMath(DType t, boolean tf32) { return t == DType.F64 || (t == DType.F32 && !tf32); }

    /** Whether alpha and beta are doubles (F64) or floats (every other type, 16-bit ones included). */
    static boolean doubleScalars(DType t) { return t == DType.F64; }
}
