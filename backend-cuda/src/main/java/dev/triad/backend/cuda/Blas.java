package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F;
import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F_FAST_TF32;
import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_64F;
import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_GEMM_DEFAULT;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_PEDANTIC_MATH;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasGemmStridedBatchedEx;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cudart.CUDA_R_16BF;
import static org.bytedeco.cuda.global.cudart.CUDA_R_16F;
import static org.bytedeco.cuda.global.cudart.CUDA_R_32F;
import static org.bytedeco.cuda.global.cudart.CUDA_R_64F;

import dev.triad.spi.types.DType;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * cuBLAS for matmul: one {@code cublasGemmStridedBatchedEx} per {@link GemmPlan}, on the
 * backend's stream. F32 computes in FP32 with pedantic math (no TF32, no reduced-precision
 * reductions) unless {@code -Dtriad.cuda.tf32=true}; F64 in FP64; BF16 and F16 store 16 bits
 * and compute in FP32, as the generated kernels do. Integer matmul stays on the generated
 * kernel (cuBLAS has no 64-bit integer GEMM).
 */
final class Blas implements AutoCloseable {
    /** System property that lets F32 matmul use TF32 tensor cores (about 10 bits of mantissa). */
    static final String TF32_PROPERTY = "triad.cuda.tf32";

    private final CudaRuntime rt;
    private final cublasContext handle = new cublasContext();
    private final boolean tf32 = Boolean.getBoolean(TF32_PROPERTY);

    Blas(CudaRuntime rt) {
        this.rt = rt;
        rt.bind();
        rt.check(CudaErrors.Library.CUBLAS, "cublasCreate", cublasCreate_v2(handle));
        rt.check(CudaErrors.Library.CUBLAS, "cublasSetStream", cublasSetStream_v2(handle, rt.stream()));
        // Pedantic unless TF32 is asked for: no tensor-core rounding and no split reductions, so F32
        // results stay within the tolerance the other backends meet.
        rt.check(CudaErrors.Library.CUBLAS, "cublasSetMathMode", cublasSetMathMode(handle, tf32 ? CUBLAS_DEFAULT_MATH : CUBLAS_PEDANTIC_MATH));
    }

    /** True when cuBLAS runs matmul of {@code t}. */
    static boolean handles(DType t) { return t == DType.F32 || t == DType.F64 || t == DType.BF16 || t == DType.F16; }

    /** Whether F32 uses TF32. */
    boolean tf32() { return tf32; }

    /** {@code y = a b} as planned; {@code y}, {@code a}, {@code b} are device base addresses. */
    void gemm(String op, GemmPlan p, DType t, long y, long a, long b) {
        int type = switch (t) {
            case F32 -> CUDA_R_32F;
            case F64 -> CUDA_R_64F;
            case BF16 -> CUDA_R_16BF;
            case F16 -> CUDA_R_16F;
            default -> throw new IllegalArgumentException("cuBLAS has no matmul for " + t);
        };
        int compute = t == DType.F64 ? CUBLAS_COMPUTE_64F : t == DType.F32 && tf32 ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
        long es = t.byteSize();
        synchronized (rt) {
            rt.bind();
            try (Pointer alpha = t == DType.F64 ? new DoublePointer(1).put(1.0) : new FloatPointer(1).put(1f);
                 Pointer beta = t == DType.F64 ? new DoublePointer(1).put(0.0) : new FloatPointer(1).put(0f)) {
                int rc = cublasGemmStridedBatchedEx(handle, p.transFirst() ? CUBLAS_OP_T : CUBLAS_OP_N, p.transSecond() ? CUBLAS_OP_T : CUBLAS_OP_N,
                        p.m(), p.n(), p.k(), alpha,
                        new DevicePointer(b + p.offFirst() * es), type, p.ldFirst(), p.strideFirst(),
                        new DevicePointer(a + p.offSecond() * es), type, p.ldSecond(), p.strideSecond(),
                        beta, new DevicePointer(y), type, p.ldc(), p.strideC(), p.batch(), compute, CUBLAS_GEMM_DEFAULT);
                rt.check(CudaErrors.Library.CUBLAS, "cublasGemmStridedBatchedEx(" + t + ", " + p + ")", rc);
            } catch (CudaException e) {
                throw e.withOp(op);
            }
        }
    }

    @Override
    public void close() {
        synchronized (rt) {
            cublasDestroy_v2(handle);
        }
    }
}
