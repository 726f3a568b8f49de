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
 * F32 2-D convolution, NCHW input and OIHW kernel, stride 1, SAME padding: the MNIST CNN's
 * first layer at batch 32, and two ResNet-like 3x3 layers at batch 8 (64 channels at 56x56,
 * 256 channels at 14x14).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class ConvBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** {@code mnist}, {@code resnet56} or {@code resnet14}. */
    @Param({"mnist", "resnet56", "resnet14"})
    public String conv;

    private Trial trial;
    private Backend b;
    private DeviceArray x, w;

    /** {N, C, H, W, O, k} of a {@link #conv} value. */
    public static int[] geometry(String conv) {
        return switch (conv) {
            case "mnist" -> new int[] {32, 1, 28, 28, 32, 3};
            case "resnet56" -> new int[] {8, 64, 56, 56, 64, 3};
            case "resnet14" -> new int[] {8, 256, 14, 14, 256, 3};
            default -> throw new IllegalArgumentException("unknown conv shape " + conv);
        };
    }

    /** 2 N O H W C k^2 FLOPs (SAME padding keeps H x W); reads input and kernel, writes the output. */
    public static Work work(Map<String, String> p) {
        int[] g = geometry(p.get("conv"));
        double n = g[0], c = g[1], h = g[2], wd = g[3], o = g[4], k = g[5];
        return Work.compute(2 * n * o * h * wd * c * k * k, 4 * (n * c * h * wd + o * c * k * k + n * o * h * wd));
    }

    /** Opens the backend, uploads input and kernel and checks 64 sampled outputs against a float64 loop. */
    @Setup
    public void setup() {
        trial = Trial.open("ConvBench", Map.of("backend", backend, "conv", conv));
        b = trial.backend();
        int[] g = geometry(conv);
        int n = g[0], c = g[1], h = g[2], wd = g[3], o = g[4], k = g[5];
        float[] xs = HostData.uniform(11, n * c * h * wd, -1, 1), ws = HostData.uniform(12, o * c * k * k, -1, 1);
        x = trial.upload(xs, n, c, h, wd);
        w = trial.upload(ws, o, c, k, k);
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            int[] idx = Ref.sample(13, 64, n * o * h * wd);
            double[][] ref = Ref.convAt(xs, ws, n, c, h, wd, o, k, k, 1, k / 2, idx);
            return Checks.closeScaled("conv " + conv, idx, out, ref[0], ref[1], 1e-4, 1e-5);
        });
    }

    private DeviceArray run() {
        int pad = geometry(conv)[5] / 2;
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(ops.conv(x, w, new int[] {1, 1}, new int[] {pad, pad}, new int[] {pad, pad}, new int[] {1, 1}, new int[] {1, 1}, 1));
        }
    }

    /** One convolution, finished on the device. */
    @Benchmark
    public void conv2d() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the arrays and the backend. */
    @TearDown
    public void tearDown() { trial.close(); }
}
