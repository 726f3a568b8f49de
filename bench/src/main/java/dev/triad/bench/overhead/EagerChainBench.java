package dev.triad.bench.overhead;

import dev.triad.bench.HostData;
import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
import dev.triad.bench.check.Checks;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Twenty small eager ops in a row ({@code add, mul, tanh, sub, sigmoid} four times) on
 * 256-element F32 tensors inside a scope, without ({@code grad=false}) and with
 * ({@code grad=true}: the input requires grad, so every op records a tape node) autograd
 * recording. Divide by 20 for the per-op cost inside a real program.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class EagerChainBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** Whether the input requires grad (tape recording on). */
    @Param({"false", "true"})
    public String grad;

    static final int N = 256;
    static final int OPS = 20;

    private Trial trial;
    private Backend b;
    private Tensor x, y;

    /** No work model: this measures overhead. */
    public static Work work(Map<String, String> p) { return Work.NONE; }

    /** Opens the backend, makes the operands and checks the chain against float64 arithmetic. */
    @Setup
    public void setup() {
        trial = Trial.open("EagerChainBench", Map.of("backend", backend, "grad", grad));
        b = trial.backend();
        float[] xs = HostData.uniform(81, N, -1, 1), ys = HostData.uniform(82, N, 0.5, 1);
        x = Tensor.fromHost(HostData.f32(Shape.of(N), xs), b);
        y = Tensor.fromHost(HostData.f32(Shape.of(N), ys), b);
        if (Boolean.parseBoolean(grad)) x.requiresGrad_(true);
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            double t = xs[i];
            for (int k = 0; k < OPS; k++) t = step(k, t, ys[i]);
            expected[i] = t;
        }
        trial.verify(() -> {
            float[] out;
            try (Scope _ = Scope.open()) {
                out = chainOnce().toFloatArray();
            }
            return Checks.allClose("eager chain of " + OPS, out, expected, 1e-5, 1e-6);
        });
    }

    private static double step(int k, double t, double y) {
        return switch (k % 5) {
            case 0 -> t + y;
            case 1 -> t * y;
            case 2 -> Math.tanh(t);
            case 3 -> t - y;
            default -> 1 / (1 + Math.exp(-t));
        };
    }

    private Tensor chainOnce() {
        Tensor t = x;
        for (int k = 0; k < OPS; k++) {
            t = switch (k % 5) {
                case 0 -> t.add(y);
                case 1 -> t.mul(y);
                case 2 -> t.tanh();
                case 3 -> t.sub(y);
                default -> t.sigmoid();
            };
        }
        return t;
    }

    /** The chain inside a scope that closes the 20 results (and their tape) after the device finishes. */
    @Benchmark
    public void chain20() {
        try (Scope _ = Scope.open()) {
            chainOnce();
            b.synchronize();
        }
    }

    /** Releases the tensors and the backend. */
    @TearDown
    public void tearDown() {
        x.close();
        y.close();
        trial.close();
    }
}
