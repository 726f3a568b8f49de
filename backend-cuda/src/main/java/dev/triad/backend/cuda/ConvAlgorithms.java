package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_1;
import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1;
import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DETERMINISTIC;
import static org.bytedeco.cuda.global.cudnn.CUDNN_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_OP_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;

import java.util.List;

/**
 * Choosing a cuDNN convolution algorithm from the heuristic's ranked list
 * ({@code cudnnGet*Algorithm_v7}, best expected first): the first that cuDNN can run
 * ({@code status} success), that is deterministic (Triad promises the same bits on every run,
 * so the atomics-based backward algorithms are out), that needs no more workspace than the
 * limit, and, for strict types ({@link DnnTypes#strictMath}: F32 without TF32, F64), that does
 * not use tensor-core math (TF32 would round F32 inputs to 10 mantissa bits). When none qualifies, a fixed deterministic algorithm that every cuDNN supports for
 * every layout runs instead.
 */
final class ConvAlgorithms {
    private ConvAlgorithms() {}

    /** Largest workspace one convolution takes from the allocator; more is rarely faster and starves the caching allocator. */
    static final long WORKSPACE_LIMIT = 256L << 20;

    /**
     * One entry of the heuristic's list.
     *
     * @param algo the algorithm enum value
     * @param status cuDNN status for this algorithm on these descriptors
     * @param determinism {@code CUDNN_DETERMINISTIC} or not
     * @param memory workspace bytes it needs
     * @param mathType the math type it runs with
     */
    record Candidate(int algo, int status, int determinism, long memory, int mathType) {}

    /** The chosen algorithm: the first qualifying candidate, or null when none does. */
    static Candidate choose(List<Candidate> ranked, long workspaceLimit, boolean strictMath) {
        for (Candidate c : ranked) {
            if (c.status() != CUDNN_STATUS_SUCCESS || c.determinism() != CUDNN_DETERMINISTIC || c.memory() > workspaceLimit) continue;
            if (strictMath && tensorOps(c.mathType())) continue;
            return c;
        }
        return null;
    }

    /** Whether a math type runs on tensor cores (TF32 for F32 inputs). */
    static boolean tensorOps(int mathType) {
        return mathType == CUDNN_TENSOR_OP_MATH || mathType == CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
    }

    /** The fixed deterministic algorithm of each call: implicit precomputed GEMM forward, algorithm 1 for both backward calls. */
    static int fallback(ConvPlan.Kind kind) {
        return switch (kind) {
            case FORWARD -> CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM;
            case BACKWARD_DATA -> CUDNN_CONVOLUTION_BWD_DATA_ALGO_1;
            case BACKWARD_FILTER -> CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1;
            case KERNEL -> throw new IllegalArgumentException("no cuDNN algorithm for the generated kernel");
        };
    }
}
