package dev.triad.bench.kernels;

import dev.triad.bench.HostData;
import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
import dev.triad.bench.check.Checks;
import dev.triad.bench.check.Ref;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * F32 matmul {@code [m, k] x [k, n]}: square sizes 128 to 2048, and the shapes the training
 * benchmarks run ({@code mlp:128x784x256}, the MLP's first layer at batch 128, and
 * {@code cnn:32x6272x128}, the CNN's first dense layer at batch 32).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class MatmulBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** A square size, or {@code name:MxKxN} for a training shape. */
    @Param({"128", "256", "512", "1024", "2048", "mlp:128x784x256", "cnn:32x6272x128"})
    public String size;

    private Trial trial;
    private Backend b;
    private DeviceArray x, w;

    /** {m, k, n} of a {@link #size} value: {@code 512} or {@code label:128x784x256}. */
    public static int[] mkn(String size) {
        String dims = size.substring(size.indexOf(':') + 1);
        if (!dims.contains("x")) {
            int s = Integer.parseInt(dims);
            return new int[] {s, s, s};
        }
        long[] d = HostData.dims(dims);
        if (d.length != 3) throw new IllegalArgumentException("matmul size '" + size + "': expected N or MxKxN");
        return new int[] {(int) d[0], (int) d[1], (int) d[2]};
    }

    /** 2mkn FLOPs; reads both operands, writes the result. */
    public static Work work(Map<String, String> p) {
        int[] d = mkn(p.get("size"));
        double m = d[0], k = d[1], n = d[2];
        return Work.compute(2 * m * k * n, 4 * (m * k + k * n + m * n));
    }

    /** Opens the backend, uploads the operands and checks 64 sampled outputs against float64 dot products. */
    @Setup
    public void setup() {
        trial = Trial.open("MatmulBench", Map.of("backend", backend, "size", size));
        b = trial.backend();
        int[] d = mkn(size);
        int m = d[0], k = d[1], n = d[2];
        float[] a = HostData.uniform(1, m * k, -1, 1), bb = HostData.uniform(2, k * n, -1, 1);
        x = trial.upload(a, m, k);
        w = trial.upload(bb, k, n);
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            int[] idx = Ref.sample(3, 64, m * n);
            double[][] ref = Ref.matmulAt(a, bb, m, k, n, idx);
            return Checks.closeScaled("matmul " + m + "x" + k + "x" + n, idx, out, ref[0], ref[1], 1e-4, 1e-5);
        });
    }

    private DeviceArray run() { return Dispatch.execute(b, Prims.MATMUL, Attrs.EMPTY, List.of(x, w)); }

    /** One matmul, finished on the device. */
    @Benchmark
    public void matmul() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
