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

/** F32 softmax along the last axis: classifier logits ({@code 256x1000}) and attention rows ({@code 4096x1024}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class SoftmaxBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** Rows x columns. */
    @Param({"256x1000", "4096x1024"})
    public String shape;

    private Trial trial;
    private Backend b;
    private DeviceArray x;

    /** About 5 FLOPs per element (max, subtract, exp, sum, divide); reads and writes each element once. */
    public static Work work(Map<String, String> p) {
        double n = HostData.numel(HostData.dims(p.get("shape")));
        return Work.memory(5 * n, 8 * n);
    }

    /** Opens the backend, uploads the input and checks every output against a float64 softmax. */
    @Setup
    public void setup() {
        trial = Trial.open("SoftmaxBench", Map.of("backend", backend, "shape", shape));
        b = trial.backend();
        long[] d = HostData.dims(shape);
        int rows = (int) d[0], cols = (int) d[1];
        float[] xs = HostData.uniform(21, rows * cols, -8, 8);
        x = trial.upload(xs, rows, cols);
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            return Checks.allClose("softmax " + shape, out, Ref.softmaxRows(xs, rows, cols), 1e-4, 1e-7);
        });
    }

    private DeviceArray run() {
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(ops.softmax(x, 1));
        }
    }

    /** One softmax, finished on the device. */
    @Benchmark
    public void softmax() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
