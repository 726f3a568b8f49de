package dev.triad.bench.overhead;

import dev.triad.bench.HostData;
import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
import dev.triad.bench.check.Checks;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
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
 * One 16-element F32 add, end to end: through the eager front-end ({@code eagerAdd}: Tensor,
 * EagerOps, tape check, dispatch, allocation, kernel, close) and straight through the SPI
 * ({@code dispatchAdd}: shape rule, support check, kernel). The difference is the eager
 * front-end's own cost per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class DispatchBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    static final int N = 16;

    private Trial trial;
    private Backend b;
    private DeviceArray xa, ya;
    private Tensor x, y;

    /** No work model: this measures overhead. */
    public static Work work(Map<String, String> p) { return Work.NONE; }

    /** Opens the backend, makes the operands and checks both paths' sums exactly. */
    @Setup
    public void setup() {
        trial = Trial.open("DispatchBench", Map.of("backend", backend));
        b = trial.backend();
        float[] xs = HostData.uniform(71, N, -1, 1), ys = HostData.uniform(72, N, -1, 1);
        xa = trial.upload(xs, N);
        ya = trial.upload(ys, N);
        x = Tensor.fromHost(HostData.f32(Shape.of(N), xs), b);
        y = Tensor.fromHost(HostData.f32(Shape.of(N), ys), b);
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) expected[i] = xs[i] + ys[i]; // one float rounding of the exact sum, as the kernel does
        trial.verify(() -> {
            float[] viaEager, viaDispatch;
            try (Tensor r = x.add(y)) {
                viaEager = r.toFloatArray();
            }
            try (DeviceArray r = Dispatch.execute(b, Prims.ADD, Attrs.EMPTY, List.of(xa, ya))) {
                viaDispatch = trial.download(r);
            }
            Checks.allClose("eager add", viaEager, expected, 1e-7, 0);
            return Checks.allClose("dispatch add", viaDispatch, expected, 1e-7, 0);
        });
    }

    /** {@code x.add(y)} on eager tensors, closed after the device finishes. */
    @Benchmark
    public void eagerAdd() {
        try (Tensor _ = x.add(y)) {
            b.synchronize();
        }
    }

    /** The same add through {@link Dispatch} on device arrays. */
    @Benchmark
    public void dispatchAdd() {
        try (DeviceArray _ = Dispatch.execute(b, Prims.ADD, Attrs.EMPTY, List.of(xa, ya))) {
            b.synchronize();
        }
    }

    /** Releases the tensors, arrays and backend. */
    @TearDown
    public void tearDown() {
        x.close();
        y.close();
        trial.close();
    }
}
