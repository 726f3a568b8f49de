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
    private final int major;
    private final Fallbacks fallbacks = new Fallbacks();

    Libraries(CudaRuntime rt, DeviceAllocator allocator) {
        this.major = rt.info().major();
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
                ds = "on (" + Dnn.version() + "; f32, f64, f16" + (DnnTypes.unsupported(DType.BF16, major) == null ? ", bf16" : "") + ")";
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

    /** Why cuDNN does not run convolution and pooling of {@code t} here, or null when it does. */
    public String dnnUnsupported(DType t) {
        if (dnn == null) return "cuDNN " + dnnStatus;
        return DnnTypes.unsupported(t, major);
    }

    /** Matmul on cuBLAS; {@code y}, {@code a}, {@code b} are buffer base addresses (the plan carries the offsets). */
    public void gemm(String op, GemmPlan plan, DType t, long y, long a, long b) { blas.gemm(op, plan, t, y, a, b); }

    /**
     * A convolution on cuDNN as {@code plan} says, in cuDNN's roles (see {@link Dnn#conv});
     * {@code w} packed. Only after {@link #dnnUnsupported} said null for {@code t}.
     */
    public void conv(String op, DType t, ConvPlan plan, int groups, DnnTensor x, DnnTensor w, DnnTensor y) {
        dnn.conv(op, t, plan, groups, x, w, y);
    }

    /** Max pooling on cuDNN. */
    public void maxPool(String op, DType t, DnnTensor x, DnnTensor y, PoolPlan plan) { dnn.maxPool(op, t, x, y, plan); }

    /** Records that {@code op} ran on the generated kernel because of {@code reason}. */
    public void fellBack(String op, String reason) { fallbacks.record(op, reason); }

    /** The fallbacks so far. */
    public Fallbacks fallbacks() { return fallbacks; }

    @Override
    public void close() {
        if (blas != null) blas.close();
        if (dnn != null) dnn.close();
    }
}
