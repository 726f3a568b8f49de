package dev.triad.backend.cuda;

import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.types.DType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * cuBLAS and cuDNN for one backend, each loaded when the backend opens and each allowed to be
 * missing: they are separate libraries that a machine may lack (or that
 * {@code -Dtriad.cuda.cublas=off} / {@code -Dtriad.cuda.cudnn=off} switch off). A missing
 * library is never a silent fallback: the device's properties say which path runs and why
 * ({@link #describe()}), and {@code ./triad devices} shows them.
 */
public final class Libraries implements AutoCloseable {
    private final Blas blas;
    private final Dnn dnn;
    private final String blasStatus;
    private final String dnnStatus;

    Libraries(CudaRuntime rt, DeviceAllocator allocator) {
        Blas b = null;
        String bs;
        if (off("triad.cuda.cublas")) {
            bs = "off (-Dtriad.cuda.cublas=off): matmul runs on generated kernels";
        } else {
            try {
                b = new Blas(rt);
                bs = "on" + (b.tf32() ? " (TF32 allowed for f32)" : "");
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | CudaException e) {
                bs = "unavailable (" + firstLine(e) + "): matmul runs on generated kernels";
            }
        }
        Dnn d = null;
        String ds;
        if (off("triad.cuda.cudnn")) {
            ds = "off (-Dtriad.cuda.cudnn=off): convolution and pooling run on generated kernels";
        } else {
            try {
                d = new Dnn(rt, allocator);
                ds = "on (" + Dnn.version() + ")";
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | CudaException e) {
                ds = "unavailable (" + firstLine(e) + "): convolution and pooling run on generated kernels";
            }
        }
        this.blas = b;
        this.dnn = d;
        this.blasStatus = bs;
        this.dnnStatus = ds;
    }

    private static boolean off(String property) {
        String v = System.getProperty(property, "on").trim();
        return v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false");
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** What each library does here, for the device's properties. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cublas", blasStatus);
        m.put("cudnn", dnnStatus);
        return m;
    }

    /** True when cuBLAS runs matmul of {@code t}. */
    public boolean hasBlas(DType t) { return blas != null && Blas.handles(t); }

    /** True when cuDNN runs convolution and pooling of {@code t}. */
    public boolean hasDnn(DType t) { return dnn != null && Dnn.handles(t); }

    /** Matmul on cuBLAS; {@code y}, {@code a}, {@code b} are buffer base addresses (the plan carries the offsets). */
    public void gemm(String op, GemmPlan plan, DType t, long y, long a, long b) { blas.gemm(op, plan, t, y, a, b); }

    /** Forward convolution on cuDNN; addresses include the element offsets; {@code w} is packed. */
    public void convForward(String op, DType t, long x, long[] xDims, long[] xStrides, long w, long[] wDims, long y, long[] yDims, ConvPlan plan, int groups) {
        dnn.convForward(op, t, new Dnn.Tensor(x, xDims, xStrides), new Dnn.Tensor(w, wDims, contiguous(wDims)), new Dnn.Tensor(y, yDims, contiguous(yDims)), plan, groups);
    }

    /** Backward-data convolution on cuDNN ({@link ConvPlan.Kind#BACKWARD_DATA}); {@code w} is the packed forward filter. */
    public void convBackwardData(String op, DType t, long dy, long[] dyDims, long[] dyStrides, long w, long[] wDims, long dx, long[] dxDims, ConvPlan plan) {
        dnn.convBackwardData(op, t, new Dnn.Tensor(dy, dyDims, dyStrides), new Dnn.Tensor(w, wDims, contiguous(wDims)), new Dnn.Tensor(dx, dxDims, contiguous(dxDims)), plan);
    }

    /** Max pooling on cuDNN. */
    public void maxPool(String op, DType t, long x, long[] xDims, long[] xStrides, long y, long[] yDims, PoolPlan plan) {
        dnn.maxPool(op, t, new Dnn.Tensor(x, xDims, xStrides), new Dnn.Tensor(y, yDims, contiguous(yDims)), plan);
    }

    static long[] contiguous(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    @Override
    public void close() {
        if (blas != null) blas.close();
        if (dnn != null) dnn.close();
    }
}
