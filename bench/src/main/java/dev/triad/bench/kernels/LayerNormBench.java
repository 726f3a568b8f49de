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

/** F32 layer norm over the last axis with affine gamma and beta: tokens x hidden size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class LayerNormBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** Rows x columns. */
    @Param({"2048x1024", "8192x768"})
    public String shape;

    private Trial trial;
    private Backend b;
    private DeviceArray x, gamma, beta;

    /** About 8 FLOPs per element (mean, variance, normalise, scale, shift); reads and writes each element once. */
    public static Work work(Map<String, String> p) {
        long[] d = HostData.dims(p.get("shape"));
        double n = HostData.numel(d);
        return Work.memory(8 * n, 8 * n + 8.0 * d[1]);
    }

    /** Opens the backend, uploads input and affine parameters and checks every output against a float64 loop. */
    @Setup
    public void setup() {
        trial = Trial.open("LayerNormBench", Map.of("backend", backend, "shape", shape));
        b = trial.backend();
        long[] d = HostData.dims(shape);
        int rows = (int) d[0], cols = (int) d[1];
        float[] xs = HostData.uniform(31, rows * cols, -2, 3), g = HostData.uniform(32, cols, 0.5, 1.5), be = HostData.uniform(33, cols, -0.5, 0.5);
        x = trial.upload(xs, rows, cols);
        gamma = trial.upload(g, cols);
        beta = trial.upload(be, cols);
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            return Checks.allClose("layer_norm " + shape, out, Ref.layerNormRows(xs, rows, cols, g, be, 1e-5), 1e-4, 1e-5);
        });
    }

    private DeviceArray run() {
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(ops.layerNorm(x, gamma, beta, 1, 1e-5));
        }
    }

    /** One layer norm, finished on the device. */
    @Benchmark
    public void layerNorm() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
