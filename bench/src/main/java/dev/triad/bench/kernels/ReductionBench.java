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

/** F32 sum and max of a {@code 4096x4096} array (64 MiB): over everything, or per row. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class ReductionBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** {@code sum} or {@code max}. */
    @Param({"sum", "max"})
    public String op;

    /** {@code all} (one scalar) or {@code rows} (one value per row). */
    @Param({"all", "rows"})
    public String axes;

    /** Rows x columns. */
    @Param({"4096x4096"})
    public String shape;

    private Trial trial;
    private Backend b;
    private DeviceArray x;

    /** One FLOP per element; reads every element once, writes the (small) result. */
    public static Work work(Map<String, String> p) {
        long[] d = HostData.dims(p.get("shape"));
        double n = (double) d[0] * d[1];
        return Work.memory(n, 4 * n + 4.0 * (p.get("axes").equals("rows") ? d[0] : 1));
    }

    /** Opens the backend, uploads the input and checks the results against float64 loops. */
    @Setup
    public void setup() {
        trial = Trial.open("ReductionBench", Map.of("backend", backend, "op", op, "axes", axes, "shape", shape));
        b = trial.backend();
        long[] d = HostData.dims(shape);
        int r = (int) d[0], c = (int) d[1];
        float[] xs = HostData.uniform(41, r * c, -1, 1);
        x = trial.upload(xs, r, c);
        boolean rows = axes.equals("rows");
        trial.verify(() -> {
            float[] out;
            try (DeviceArray res = run()) {
                out = trial.download(res);
            }
            double[][] ref = Ref.reduceRows(xs, rows ? r : 1, rows ? c : r * c, op.equals("max"));
            int[] all = new int[out.length];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return Checks.closeScaled("reduce_" + op + " " + axes, all, out, ref[0], ref[1], 1e-5, 1e-6);
        });
    }

    private DeviceArray run() {
        int[] ax = axes.equals("rows") ? new int[] {1} : new int[] {0, 1};
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(op.equals("max") ? ops.reduceMax(x, ax, false) : ops.sum(x, ax, false));
        }
    }

    /** One reduction, finished on the device. */
    @Benchmark
    public void reduce() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
