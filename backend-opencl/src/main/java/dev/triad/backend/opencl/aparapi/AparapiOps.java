package dev.triad.backend.opencl.aparapi;

import com.aparapi.Kernel;
import dev.triad.spi.custom.TypeRule;

import java.util.List;

/**
 * Entry point for custom ops written as Aparapi kernels. For example, a fused
 * {@code x * sigmoid(x)}:
 * <pre>{@code
 * final class SiluKernel extends Kernel {
 *     float[] x, out;
 *     @Override public void run() {
 *         int i = getGlobalId();
 *         out[i] = x[i] / (1f + exp(-x[i]));
 *     }
 * }
 * AparapiOp silu = AparapiOps.elementwise("silu_k", new SiluKernel())
 *         .inputs("x").output("out")
 *         .vjp(new CustomVjp() {
 *             public <T> List<T> vjp(Ops<T> ops, List<T> in, T y, T g) {
 *                 T s = ops.logistic(in.get(0));
 *                 return List.of(ops.mul(g, ops.add(s, ops.mul(in.get(0), ops.mul(s, ops.rsub(1, s))))));
 *             }
 *         })
 *         .register();
 * Tensor y = silu.apply(EagerOps.defaultOps(), x);
 * silu.lastRun(); // silu_k: OPENCL on pthread-... (range 1024)
 * }</pre>
 * Kernels follow Aparapi's rules: compiled with debug information ({@code -g}, Maven's
 * default), primitive arrays and scalars only, no allocation, exceptions or lambdas in
 * {@code run()}.
 */
public final class AparapiOps {
    private AparapiOps() {}

    /**
     * An elementwise op: the kernel runs over the {@code n} elements of the result (global id
     * {@code 0..n-1}); every input has the result's shape.
     */
    public static AparapiOpBuilder elementwise(String name, Kernel kernel) {
        return new AparapiOpBuilder(name, kernel, null, null);
    }

    /**
     * An index-space op: {@code typeRule} gives the result type, {@code globalRange} the kernel's
     * global range (one to three sizes) for a run.
     */
    public static AparapiOpBuilder indexSpace(String name, Kernel kernel, TypeRule typeRule, List<SizeRule> globalRange) {
        if (globalRange == null || globalRange.isEmpty() || globalRange.size() > 3) {
            throw new dev.triad.spi.error.TriadException(name, "a global range has one to three sizes, got " + (globalRange == null ? "none" : globalRange.size()));
        }
        return new AparapiOpBuilder(name, kernel, typeRule, List.copyOf(globalRange));
    }

    /** The name of the OpenCL device Aparapi runs kernels on, or empty when there is none. */
    public static java.util.Optional<String> openClDevice() {
        var d = AparapiLauncher.openClDevice();
        return d == null ? java.util.Optional.empty() : java.util.Optional.of(AparapiLauncher.describe(d));
    }

    /** Why Aparapi has no OpenCL device here; empty when it has one. */
    public static String whyNoOpenCl() { return AparapiLauncher.whyNoOpenCl(); }

    /** Aparapi's own device-usage table for every kernel class it has run (mean times per stage). */
    public static String deviceUsage() { return AparapiLauncher.deviceUsage(); }
}
