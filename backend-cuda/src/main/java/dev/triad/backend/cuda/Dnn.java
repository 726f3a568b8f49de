package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_CROSS_CORRELATION;
import static org.bytedeco.cuda.global.cudnn.CUDNN_POOLING_MAX_DETERMINISTIC;
import static org.bytedeco.cuda.global.cudnn.CUDNN_PROPAGATE_NAN;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_NCHW;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionBackwardData;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionBackwardFilter;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionForward;
import static org.bytedeco.cuda.global.cudnn.cudnnCreate;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateConvolutionDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateFilterDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreatePoolingDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateTensorDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroy;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyConvolutionDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyFilterDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyPoolingDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyTensorDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataAlgorithmMaxCount;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardFilterAlgorithmMaxCount;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardFilterWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardAlgorithmMaxCount;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnGetVersion;
import static org.bytedeco.cuda.global.cudnn.cudnnPoolingForward;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionGroupCount;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionMathType;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionNdDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetFilterNdDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetPoolingNdDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetStream;
import static org.bytedeco.cuda.global.cudnn.cudnnSetTensorNdDescriptor;

import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.types.DType;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * cuDNN for convolution ({@link ConvPlan}: forward, backward-data, backward-filter) and max
 * pooling ({@link PoolPlan}) on F32, F64, F16 and BF16 ({@link DnnTypes}), on the backend's
 * stream. Tensors are described with their own strides (permuted or sliced operands need no
 * copy); filters must be packed, which the caller ensures.
 *
 * <p>Descriptors, the chosen algorithm ({@link ConvAlgorithms}: cuDNN's heuristic, first
 * deterministic choice within the workspace limit) and its workspace size are created once
 * per shape ({@link ConvDescriptors#key()}) and kept in a bounded cache. Workspaces come from
 * the backend's caching allocator and go back to it right after the call: the allocator reuses
 * blocks in stream order, so that is safe without waiting.
 */
final class Dnn implements AutoCloseable {
    /** Descriptor sets kept per kind of call; a network has a few dozen distinct layer shapes. */
    static final int CACHE_ENTRIES = 128;

    private final CudaRuntime rt;
    private final DeviceAllocator allocator;
    private final cudnnContext handle = new cudnnContext();
    private final boolean tf32 = Boolean.getBoolean(Blas.TF32_PROPERTY);
    private final DescriptorCache<ConvEntry> convs = new DescriptorCache<>(CACHE_ENTRIES);
    private final DescriptorCache<PoolEntry> pools = new DescriptorCache<>(CACHE_ENTRIES);

    Dnn(CudaRuntime rt, DeviceAllocator allocator) {
        this.rt = rt;
        this.allocator = allocator;
        rt.bind();
        rt.check(CudaErrors.Library.CUDNN, "cudnnCreate", cudnnCreate(handle));
        rt.check(CudaErrors.Library.CUDNN, "cudnnSetStream", cudnnSetStream(handle, rt.stream()));
    }

    /** The cuDNN version, e.g. 91900. */
    static long version() { return cudnnGetVersion(); }

    /**
     * One convolution call as {@code plan} says, in cuDNN's roles: {@link ConvPlan.Kind#FORWARD}
     * reads {@code x}, {@code w} and writes {@code y}; {@code BACKWARD_DATA} reads {@code y}
     * (the output gradient), {@code w} and writes {@code x}; {@code BACKWARD_FILTER} reads
     * {@code x}, {@code y} and writes {@code w}. {@code w} is packed.
     */
    void conv(String op, DType t, ConvPlan plan, int groups, DnnTensor x, DnnTensor w, DnnTensor y) {
        ConvDescriptors spec = ConvDescriptors.of(t, tf32, plan, groups, x, w, y);
        synchronized (rt) {
            rt.bind();
            Buffer workspace = null;
            try (Pointer one = scalar(t, 1); Pointer zero = scalar(t, 0)) {
                ConvEntry e = convs.get(spec.key(), k -> create(spec, t));
                workspace = e.workspace > 0 ? Buffer.allocate(allocator, e.workspace) : null;
                Pointer ws = workspacePtr(workspace);
                String shapes = "(x " + Arrays.toString(x.dims()) + ", w " + Arrays.toString(w.dims()) + ", y " + Arrays.toString(y.dims()) + ", algo " + e.algo + ")";
                switch (plan.kind()) {
                    case FORWARD -> check("cudnnConvolutionForward" + shapes, cudnnConvolutionForward(handle, one, e.x, ptr(x), e.w, ptr(w), e.conv, e.algo,
                            ws, e.workspace, zero, e.y, ptr(y)));
                    case BACKWARD_DATA -> check("cudnnConvolutionBackwardData" + shapes, cudnnConvolutionBackwardData(handle, one, e.w, ptr(w), e.y, ptr(y), e.conv,
                            e.algo, ws, e.workspace, zero, e.x, ptr(x)));
                    case BACKWARD_FILTER -> check("cudnnConvolutionBackwardFilter" + shapes, cudnnConvolutionBackwardFilter(handle, one, e.x, ptr(x), e.y, ptr(y),
                            e.conv, e.algo, ws, e.workspace, zero, e.w, ptr(w)));
                    case KERNEL -> throw new IllegalArgumentException("not a cuDNN plan: " + plan);
                }
            } catch (CudaException e) {
                throw e.withOp(op);
            } finally {
                if (workspace != null) workspace.release();
            }
        }
    }

    /** Creates the descriptors of {@code spec}, chooses the algorithm and sizes its workspace. */
    private ConvEntry create(ConvDescriptors spec, DType t) {
        ConvEntry e = new ConvEntry();
        try {
            check("cudnnCreateTensorDescriptor", cudnnCreateTensorDescriptor(e.x));
            e.xMade = true;
            check("cudnnSetTensorNdDescriptor(x " + Arrays.toString(spec.xDims()) + ", strides " + Arrays.toString(spec.xStrides()) + ")",
                    cudnnSetTensorNdDescriptor(e.x, spec.dataType(), spec.xDims().length, spec.xDims(), spec.xStrides()));
            check("cudnnCreateTensorDescriptor", cudnnCreateTensorDescriptor(e.y));
            e.yMade = true;
            check("cudnnSetTensorNdDescriptor(y " + Arrays.toString(spec.yDims()) + ", strides " + Arrays.toString(spec.yStrides()) + ")",
                    cudnnSetTensorNdDescriptor(e.y, spec.dataType(), spec.yDims().length, spec.yDims(), spec.yStrides()));
            check("cudnnCreateFilterDescriptor", cudnnCreateFilterDescriptor(e.w));
            e.wMade = true;
            check("cudnnSetFilterNdDescriptor(" + Arrays.toString(spec.wDims()) + ")",
                    cudnnSetFilterNdDescriptor(e.w, spec.dataType(), CUDNN_TENSOR_NCHW, spec.wDims().length, spec.wDims()));
            check("cudnnCreateConvolutionDescriptor", cudnnCreateConvolutionDescriptor(e.conv));
            e.convMade = true;
            check("cudnnSetConvolutionNdDescriptor(" + spec + ")", cudnnSetConvolutionNdDescriptor(e.conv, spec.spatial(), spec.pad(), spec.stride(),
                    spec.dilation(), CUDNN_CROSS_CORRELATION, spec.computeType()));
            check("cudnnSetConvolutionGroupCount(" + spec.groups() + ")", cudnnSetConvolutionGroupCount(e.conv, spec.groups()));
            check("cudnnSetConvolutionMathType", cudnnSetConvolutionMathType(e.conv, spec.mathType()));
            long limit = Math.min(ConvAlgorithms.WORKSPACE_LIMIT, rt.info().totalMemory() / 4);
            boolean strict = DnnTypes.strictMath(t, tf32);
            ConvAlgorithms.Candidate c = ConvAlgorithms.choose(candidates(spec.kind(), e), limit, strict);
            e.algo = c != null ? c.algo() : ConvAlgorithms.fallback(spec.kind());
            // A strict type keeps FMA math whatever the heuristic reported; otherwise run the algorithm with the math it was ranked with.
            if (c != null && !strict && c.mathType() != spec.mathType()) {
                check("cudnnSetConvolutionMathType(" + c.mathType() + ")", cudnnSetConvolutionMathType(e.conv, c.mathType()));
            }
            e.workspace = workspaceSize(spec.kind(), e);
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** cuDNN's ranked algorithms for the call, as candidates. */
    private List<ConvAlgorithms.Candidate> candidates(ConvPlan.Kind kind, ConvEntry e) {
        int[] max = new int[1], returned = new int[1];
        List<ConvAlgorithms.Candidate> out = new ArrayList<>();
        switch (kind) {
            case FORWARD -> {
                check("cudnnGetConvolutionForwardAlgorithmMaxCount", cudnnGetConvolutionForwardAlgorithmMaxCount(handle, max));
                try (cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(Math.max(max[0], 1))) {
                    check("cudnnGetConvolutionForwardAlgorithm_v7", cudnnGetConvolutionForwardAlgorithm_v7(handle, e.x, e.w, e.conv, e.y, max[0], returned, perf));
                    for (int i = 0; i < returned[0]; i++) {
                        cudnnConvolutionFwdAlgoPerf_t p = perf.getPointer(i);
                        out.add(new ConvAlgorithms.Candidate(p.algo(), p.status(), p.determinism(), p.memory(), p.mathType()));
                    }
                }
            }
            case BACKWARD_DATA -> {
                check("cudnnGetConvolutionBackwardDataAlgorithmMaxCount", cudnnGetConvolutionBackwardDataAlgorithmMaxCount(handle, max));
                try (cudnnConvolutionBwdDataAlgoPerf_t perf = new cudnnConvolutionBwdDataAlgoPerf_t(Math.max(max[0], 1))) {
                    check("cudnnGetConvolutionBackwardDataAlgorithm_v7", cudnnGetConvolutionBackwardDataAlgorithm_v7(handle, e.w, e.y, e.conv, e.x, max[0], returned, perf));
                    for (int i = 0; i < returned[0]; i++) {
                        cudnnConvolutionBwdDataAlgoPerf_t p = perf.getPointer(i);
                        out.add(new ConvAlgorithms.Candidate(p.algo(), p.status(), p.determinism(), p.memory(), p.mathType()));
                    }
                }
            }
            case BACKWARD_FILTER -> {
                check("cudnnGetConvolutionBackwardFilterAlgorithmMaxCount", cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(handle, max));
                try (cudnnConvolutionBwdFilterAlgoPerf_t perf = new cudnnConvolutionBwdFilterAlgoPerf_t(Math.max(max[0], 1))) {
                    check("cudnnGetConvolutionBackwardFilterAlgorithm_v7", cudnnGetConvolutionBackwardFilterAlgorithm_v7(handle, e.x, e.y, e.conv, e.w, max[0], returned, perf));
                    for (int i = 0; i < returned[0]; i++) {
                        cudnnConvolutionBwdFilterAlgoPerf_t p = perf.getPointer(i);
                        out.add(new ConvAlgorithms.Candidate(p.algo(), p.status(), p.determinism(), p.memory(), p.mathType()));
                    }
                }
            }
            case KERNEL -> throw new IllegalArgumentException("no cuDNN algorithm for the generated kernel");
        }
        return out;
    }

    /** The workspace the chosen algorithm needs, asked of cuDNN for exactly these descriptors. */
    private long workspaceSize(ConvPlan.Kind kind, ConvEntry e) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            switch (kind) {
                case FORWARD -> check("cudnnGetConvolutionForwardWorkspaceSize(algo " + e.algo + ")",
                        cudnnGetConvolutionForwardWorkspaceSize(handle, e.x, e.w, e.conv, e.y, e.algo, size));
                case BACKWARD_DATA -> check("cudnnGetConvolutionBackwardDataWorkspaceSize(algo " + e.algo + ")",
                        cudnnGetConvolutionBackwardDataWorkspaceSize(handle, e.w, e.y, e.conv, e.x, e.algo, size));
                case BACKWARD_FILTER -> check("cudnnGetConvolutionBackwardFilterWorkspaceSize(algo " + e.algo + ")",
                        cudnnGetConvolutionBackwardFilterWorkspaceSize(handle, e.x, e.y, e.conv, e.w, e.algo, size));
                case KERNEL -> throw new IllegalArgumentException("no cuDNN workspace for the generated kernel");
            }
            return size.get();
        }
    }

    /** Max pooling {@code y = maxpool(x)} as planned; NaN propagates. */
    void maxPool(String op, DType t, DnnTensor x, DnnTensor y, PoolPlan plan) {
        PoolDescriptors spec = PoolDescriptors.of(t, plan, x, y);
        synchronized (rt) {
            rt.bind();
            try (Pointer one = scalar(t, 1); Pointer zero = scalar(t, 0)) {
                PoolEntry e = pools.get(spec.key(), k -> create(spec));
                check("cudnnPoolingForward(x " + Arrays.toString(x.dims()) + ", " + plan + ")",
                        cudnnPoolingForward(handle, e.pool, one, e.x, ptr(x), zero, e.y, ptr(y)));
            } catch (CudaException e) {
                throw e.withOp(op);
            }
        }
    }

    private PoolEntry create(PoolDescriptors spec) {
        PoolEntry e = new PoolEntry();
        try {
            check("cudnnCreateTensorDescriptor", cudnnCreateTensorDescriptor(e.x));
            e.xMade = true;
            check("cudnnSetTensorNdDescriptor(x " + Arrays.toString(spec.xDims()) + ")",
                    cudnnSetTensorNdDescriptor(e.x, spec.dataType(), spec.xDims().length, spec.xDims(), spec.xStrides()));
            check("cudnnCreateTensorDescriptor", cudnnCreateTensorDescriptor(e.y));
            e.yMade = true;
            check("cudnnSetTensorNdDescriptor(y " + Arrays.toString(spec.yDims()) + ")",
                    cudnnSetTensorNdDescriptor(e.y, spec.dataType(), spec.yDims().length, spec.yDims(), spec.yStrides()));
            check("cudnnCreatePoolingDescriptor", cudnnCreatePoolingDescriptor(e.pool));
            e.poolMade = true;
            check("cudnnSetPoolingNdDescriptor(" + spec + ")", cudnnSetPoolingNdDescriptor(e.pool, CUDNN_POOLING_MAX_DETERMINISTIC, CUDNN_PROPAGATE_NAN,
                    spec.window().length, spec.window(), spec.pad(), spec.stride()));
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** Cache statistics, for the device description and tests on a GPU. */
    String cacheStats() {
        synchronized (rt) {
            return "conv descriptors " + convs.size() + " (" + convs.hits() + " hits, " + convs.misses() + " created), pooling " + pools.size();
        }
    }

    /** One convolution's native descriptors, algorithm and workspace size. */
    private static final class ConvEntry implements AutoCloseable {
        final cudnnTensorStruct x = new cudnnTensorStruct(), y = new cudnnTensorStruct();
        final cudnnFilterStruct w = new cudnnFilterStruct();
        final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
        boolean xMade, yMade, wMade, convMade;
        int algo;
        long workspace;

        @Override
        public void close() {
            if (convMade) cudnnDestroyConvolutionDescriptor(conv);
            if (wMade) cudnnDestroyFilterDescriptor(w);
            if (yMade) cudnnDestroyTensorDescriptor(y);
            if (xMade) cudnnDestroyTensorDescriptor(x);
        }
    }

    /** One pooling's native descriptors. */
    private static final class PoolEntry implements AutoCloseable {
        final cudnnTensorStruct x = new cudnnTensorStruct(), y = new cudnnTensorStruct();
        final cudnnPoolingStruct pool = new cudnnPoolingStruct();
        boolean xMade, yMade, poolMade;

        @Override
        public void close() {
            if (poolMade) cudnnDestroyPoolingDescriptor(pool);
            if (yMade) cudnnDestroyTensorDescriptor(y);
            if (xMade) cudnnDestroyTensorDescriptor(x);
        }
    }

    private static Pointer ptr(DnnTensor t) { return new DevicePointer(t.address()); }

    /** alpha and beta: doubles for F64, floats for every other type (cuDNN's rule, 16-bit types included). */
    private static Pointer scalar(DType t, double v) {
        return DnnTypes.doubleScalars(t) ? new DoublePointer(1).put(v) : new FloatPointer(1).put((float) v);
    }

    private static Pointer workspacePtr(Buffer b) {
        return b == null ? null : new DevicePointer(((KernelArgs.DevicePtr) b.handle()).address());
    }

    private void check(String call, int rc) { rt.check(CudaErrors.Library.CUDNN, call, rc); }

    @Override
    public void close() {
        synchronized (rt) {
            convs.close();
            pools.close();
            cudnnDestroy(handle);
        }
    }
}
