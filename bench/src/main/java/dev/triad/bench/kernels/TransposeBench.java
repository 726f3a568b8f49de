package dev.triad.bench.kernels;

import dev.triad.bench.HostData;
import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
import dev.triad.bench.check.Checks;
import dev.triad.bench.check.Ref;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Transposed copies: a permuted (strided) view made contiguous by the {@code permute}
 * primitive, as {@code contiguous()} after {@code transpose} does. A {@code 2048x2048} matrix
 * transpose, and NCHW to NHWC of a {@code [32, 64, 56, 56]} activation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class TransposeBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** {@code 2d} or {@code nchw-nhwc}. */
    @Param({"2d", "nchw-nhwc"})
    public String layout;

    private Trial trial;
    private Backend b;
    private DeviceArray x;

    /** Dimensions of the input of a {@link #layout}. */
    static long[] dims(String layout) {
        return layout.equals("2d") ? new long[] {2048, 2048} : new long[] {32, 64, 56, 56};
    }

    /** The permutation of a {@link #layout}. */
    static int[] perm(String layout) {
        return layout.equals("2d") ? new int[] {1, 0} : new int[] {0, 2, 3, 1};
    }

    /** No arithmetic; reads and writes every element once. */
    public static Work work(Map<String, String> p) {
        double n = HostData.numel(dims(p.get("layout")));
        return Work.memory(0, 8 * n);
    }

    /** Opens the backend, uploads the input and checks that every element moved exactly. */
    @Setup
    public void setup() {
        trial = Trial.open("TransposeBench", Map.of("backend", backend, "layout", layout));
        b = trial.backend();
        long[] d = dims(layout);
        float[] xs = HostData.uniform(51, HostData.numel(d), -1, 1);
        x = trial.upload(xs, d);
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            return Checks.exact("permute " + layout, out, Ref.permute(xs, d, perm(layout)));
        });
    }

    private DeviceArray run() {
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(ops.permute(x, perm(layout)));
        }
    }

    /** One transposed copy, finished on the device. */
    @Benchmark
    public void transpose() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
