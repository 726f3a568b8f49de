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
import dev.triad.spi.backend.Executable;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.StandardPipeline;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
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
 * A chain of nine elementwise primitives (GELU's tanh approximation spelled out:
 * {@code 0.5 x (1 + tanh(0.79788 (x + 0.044715 x^3)))}) over F32 vectors, run op by op
 * ({@code eager}: nine kernels, eight intermediates) or as one graph through the shared passes
 * and {@code Backend.compile} ({@code compiled}: fused where the backend fuses). With perfect
 * fusion it moves 8 bytes per element, which is what the fraction of bandwidth is measured
 * against, so the gap between the modes is what fusion is worth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class ElementwiseChainBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** {@code eager} (one kernel per op) or {@code compiled} (one executable). */
    @Param({"eager", "compiled"})
    public String mode;

    /** Vector length. */
    @Param({"1048576", "16777216"})
    public String elements;

    private Trial trial;
    private Backend b;
    private DeviceArray x;
    private Executable exe;

    /** The chain, once, for any value type: the same code builds the graph and runs eagerly. */
    static <T> T geluChain(Ops<T> o, T x) {
        T x3 = o.mul(o.mul(x, x), x);
        T inner = o.mul(o.add(x, o.mul(x3, 0.044715)), 0.7978845608028654);
        return o.mul(o.mul(x, 0.5), o.add(o.tanh(inner), 1.0));
    }

    /** Nine FLOPs per element (tanh counted as one); reads x once and writes the result once. */
    public static Work work(Map<String, String> p) {
        double n = Long.parseLong(p.get("elements"));
        return Work.memory(9 * n, 8 * n);
    }

    /** Opens the backend, compiles the graph when asked and checks every output against a float64 GELU. */
    @Setup
    public void setup() {
        trial = Trial.open("ElementwiseChainBench", Map.of("backend", backend, "mode", mode, "elements", elements));
        b = trial.backend();
        int n = Integer.parseInt(elements);
        float[] xs = HostData.uniform(61, n, -4, 4);
        x = trial.upload(xs, n);
        if (mode.equals("compiled")) {
            GraphBuilder g = new GraphBuilder();
            Value p = g.parameter(new TensorType(DType.F32, Shape.of(n)));
            Graph graph = g.build(geluChain(g, p));
            exe = b.compile(StandardPipeline.of(b).apply(graph));
        }
        trial.verify(() -> {
            float[] out;
            try (DeviceArray r = run()) {
                out = trial.download(r);
            }
            return Checks.allClose("gelu chain (" + mode + ")", out, Ref.geluTanh(xs), 1e-5, 1e-6);
        });
    }

    private DeviceArray run() {
        if (exe != null) return exe.run(List.of(x)).get(0);
        try (BackendOps ops = new BackendOps(b)) {
            return ops.keep(geluChain(ops, x));
        }
    }

    /** One pass of the chain, finished on the device. */
    @Benchmark
    public void chain() {
        try (DeviceArray _ = run()) {
            b.synchronize();
        }
    }

    /** Releases the executable, the arrays and the backend. */
    @TearDown
    public void tearDown() {
        if (exe != null) exe.close();
        trial.close();
    }
}
