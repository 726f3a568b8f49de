package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_1;
import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM;
import static org.bytedeco.cuda.global.cudnn.CUDNN_CROSS_CORRELATION;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_DOUBLE;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_FLOAT;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_FMA_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_POOLING_MAX_DETERMINISTIC;
import static org.bytedeco.cuda.global.cudnn.CUDNN_PROPAGATE_NAN;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_NCHW;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionBackwardData;
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
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataWorkspaceSize;
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
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.Arrays;

/**
 * cuDNN for convolution ({@link ConvPlan}) and max pooling ({@link PoolPlan}) on F32 and F64, on
 * the backend's stream. Tensors are described with their own strides (permuted or sliced
 * operands need no copy); the filter must be packed, which the caller ensures. Workspaces come
 * from the device allocator and go back to it right after the call: the allocator reuses blocks
 * in stream order, so that is safe without waiting. Algorithms are fixed deterministic ones
 * (implicit precomputed GEMM forward, algorithm 1 backward-data). FP32 convolutions use FMA math
 * (no TF32) unless {@code -Dtriad.cuda.tf32=true}.
 */
final class Dnn implements AutoCloseable {
    private final CudaRuntime rt;
    private final DeviceAllocator allocator;
    private final cudnnContext handle = new cudnnContext();
    private final boolean tf32 = Boolean.getBoolean(Blas.TF32_PROPERTY);

    Dnn(CudaRuntime rt, DeviceAllocator allocator) {
        this.rt = rt;
        this.allocator = allocator;
        rt.bind();
        rt.check(CudaErrors.Library.CUDNN, "cudnnCreate", cudnnCreate(handle));
        rt.check(CudaErrors.Library.CUDNN, "cudnnSetStream", cudnnSetStream(handle, rt.stream()));
    }

    /** The cuDNN version, e.g. 91900. */
    static long version() { return cudnnGetVersion(); }

    /** True when cuDNN runs convolution and pooling of {@code t}. */
    static boolean handles(DType t) { return t == DType.F32 || t == DType.F64; }

    /** A device tensor: base address (element offset applied), dimensions and element strides. */
    record Tensor(long address, long[] dims, long[] strides) {}

    /** Forward convolution {@code y = conv(x, w)}; {@code w} packed. */
    void convForward(String op, DType t, Tensor x, Tensor w, Tensor y, ConvPlan plan, int groups) {
        conv(op, t, x, w, y, plan, groups, false);
    }

    /** Backward data: {@code dx} from {@code dy} and the packed forward filter {@code w} [K, C, k...]. */
    void convBackwardData(String op, DType t, Tensor dy, Tensor w, Tensor dx, ConvPlan plan) {
        conv(op, t, dx, w, dy, plan, 1, true);
    }

    private void conv(String op, DType t, Tensor x, Tensor w, Tensor y, ConvPlan plan, int groups, boolean backward) {
        int type = dataType(t);
        synchronized (rt) {
            rt.bind();
            cudnnTensorStruct xd = new cudnnTensorStruct(), yd = new cudnnTensorStruct();
            cudnnFilterStruct wd = new cudnnFilterStruct();
            cudnnConvolutionStruct cd = new cudnnConvolutionStruct();
            Buffer workspace = null;
            try (Pointer one = scalar(t, 1); Pointer zero = scalar(t, 0); SizeTPointer size = new SizeTPointer(1)) {
                tensor(xd, type, x);
                tensor(yd, type, y);
                int[] wdims = padded(w.dims(), 1);
                check("cudnnCreateFilterDescriptor", cudnnCreateFilterDescriptor(wd));
                try (IntPointer dims = new IntPointer(wdims)) {
                    check("cudnnSetFilterNdDescriptor(" + Arrays.toString(wdims) + ")", cudnnSetFilterNdDescriptor(wd, type, CUDNN_TENSOR_NCHW, wdims.length, dims));
                }
                int n = wdims.length - 2;
                check("cudnnCreateConvolutionDescriptor", cudnnCreateConvolutionDescriptor(cd));
                try (IntPointer pad = new IntPointer(extend(plan.pad(), n, 0)); IntPointer stride = new IntPointer(extend(plan.stride(), n, 1));
                     IntPointer dil = new IntPointer(extend(plan.dilation(), n, 1))) {
                    check("cudnnSetConvolutionNdDescriptor(" + plan + ")", cudnnSetConvolutionNdDescriptor(cd, n, pad, stride, dil, CUDNN_CROSS_CORRELATION, type));
                }
                check("cudnnSetConvolutionGroupCount(" + groups + ")", cudnnSetConvolutionGroupCount(cd, groups));
                check("cudnnSetConvolutionMathType", cudnnSetConvolutionMathType(cd, t == DType.F32 && tf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH));
                if (!backward) {
                    int algo = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM;
                    check("cudnnGetConvolutionForwardWorkspaceSize", cudnnGetConvolutionForwardWorkspaceSize(handle, xd, wd, cd, yd, algo, size));
                    workspace = size.get() > 0 ? Buffer.allocate(allocator, size.get()) : null;
                    check("cudnnConvolutionForward(x " + Arrays.toString(x.dims()) + ", w " + Arrays.toString(w.dims()) + ")",
                            cudnnConvolutionForward(handle, one, xd, new DevicePointer(x.address()), wd, new DevicePointer(w.address()), cd, algo,
                                    workspacePtr(workspace), size.get(), zero, yd, new DevicePointer(y.address())));
                } else {
                    int algo = CUDNN_CONVOLUTION_BWD_DATA_ALGO_1;
                    check("cudnnGetConvolutionBackwardDataWorkspaceSize", cudnnGetConvolutionBackwardDataWorkspaceSize(handle, wd, yd, cd, xd, algo, size));
                    workspace = size.get() > 0 ? Buffer.allocate(allocator, size.get()) : null;
                    check("cudnnConvolutionBackwardData(dy " + Arrays.toString(y.dims()) + ", w " + Arrays.toString(w.dims()) + ")",
                            cudnnConvolutionBackwardData(handle, one, wd, new DevicePointer(w.address()), yd, new DevicePointer(y.address()), cd, algo,
                                    workspacePtr(workspace), size.get(), zero, xd, new DevicePointer(x.address())));
                }
            } catch (CudaException e) {
                throw e.withOp(op);
            } finally {
                if (workspace != null) workspace.release();
                cudnnDestroyConvolutionDescriptor(cd);
                cudnnDestroyFilterDescriptor(wd);
                cudnnDestroyTensorDescriptor(xd);
                cudnnDestroyTensorDescriptor(yd);
            }
        }
    }

    /** Max pooling {@code y = maxpool(x)} as planned; NaN propagates. */
    void maxPool(String op, DType t, Tensor x, Tensor y, PoolPlan plan) {
        int type = dataType(t);
        synchronized (rt) {
            rt.bind();
            cudnnTensorStruct xd = new cudnnTensorStruct(), yd = new cudnnTensorStruct();
            cudnnPoolingStruct pd = new cudnnPoolingStruct();
            try (Pointer one = scalar(t, 1); Pointer zero = scalar(t, 0)) {
                tensor(xd, type, x);
                tensor(yd, type, y);
                int n = Math.max(plan.window().length, 2);
                check("cudnnCreatePoolingDescriptor", cudnnCreatePoolingDescriptor(pd));
                try (IntPointer win = new IntPointer(extend(plan.window(), n, 1)); IntPointer pad = new IntPointer(extend(plan.pad(), n, 0));
                     IntPointer stride = new IntPointer(extend(plan.stride(), n, 1))) {
                    check("cudnnSetPoolingNdDescriptor(" + plan + ")", cudnnSetPoolingNdDescriptor(pd, CUDNN_POOLING_MAX_DETERMINISTIC, CUDNN_PROPAGATE_NAN, n, win, pad, stride));
                }
                check("cudnnPoolingForward(x " + Arrays.toString(x.dims()) + ")",
                        cudnnPoolingForward(handle, pd, one, xd, new DevicePointer(x.address()), zero, yd, new DevicePointer(y.address())));
            } catch (CudaException e) {
                throw e.withOp(op);
            } finally {
                cudnnDestroyPoolingDescriptor(pd);
                cudnnDestroyTensorDescriptor(xd);
                cudnnDestroyTensorDescriptor(yd);
            }
        }
    }

    private void tensor(cudnnTensorStruct d, int type, Tensor t) {
        check("cudnnCreateTensorDescriptor", cudnnCreateTensorDescriptor(d));
        int[] dims = padded(t.dims(), 1), strides = padded(t.strides(), 1);
        try (IntPointer dp = new IntPointer(dims); IntPointer sp = new IntPointer(strides)) {
            check("cudnnSetTensorNdDescriptor(" + Arrays.toString(dims) + ", strides " + Arrays.toString(strides) + ")",
                    cudnnSetTensorNdDescriptor(d, type, dims.length, dp, sp));
        }
    }

    /** {@code v} as ints, with a trailing {@code fill} when it has only three entries (cuDNN needs four or more). */
    static int[] padded(long[] v, int fill) {
        int[] out = new int[Math.max(v.length, 4)];
        Arrays.fill(out, fill);
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }

    private static int[] extend(int[] v, int n, int fill) {
        int[] out = new int[n];
        Arrays.fill(out, fill);
        System.arraycopy(v, 0, out, 0, Math.min(v.length, n));
        return out;
    }

    private static int dataType(DType t) {
        return switch (t) {
            case F32 -> CUDNN_DATA_FLOAT;
            case F64 -> CUDNN_DATA_DOUBLE;
            default -> throw new IllegalArgumentException("cuDNN path not used for " + t);
        };
    }

    private static Pointer scalar(DType t, double v) {
        return t == DType.F64 ? new DoublePointer(1).put(v) : new FloatPointer(1).put((float) v);
    }

    private static Pointer workspacePtr(Buffer b) {
        return b == null ? null : new DevicePointer(((KernelArgs.DevicePtr) b.handle()).address());
    }

    private void check(String call, int rc) { rt.check(CudaErrors.Library.CUDNN, call, rc); }

    @Override
    public void close() {
        synchronized (rt) {
            cudnnDestroy(handle);
        }
    }
}
