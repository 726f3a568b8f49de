package dev.triad.bench.cpu;

import dev.triad.bench.Jvm;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A chain of 8 elementwise ops on 16M floats ({@code y = -min(|relu(x * a + b) * c - d|, e)}:
 * mul, add, max, mul, sub, abs, min, neg), compiled by the CPU backend into one fused kernel, against the same graph interpreted op by op and against a plain copy of 16M floats
 * (the machine's copy bandwidth: the fused chain reads and writes as many bytes as the copy).
 * The target: the fused chain at 70% or more of the copy's throughput. {@code fusedChainSum}
 * sums the chain in the same pass (a reduction with a fused prologue), reading as much as the
 * copy but writing nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class FusedChainBench {
    /** Elements: 16M floats, 64 MB, far beyond every cache. */
    static final long N = 1L << 24;

    private Backend backend;
    private DeviceArray x;
    private Executable fused, interpreted, fusedSum;

    /** The 8-op chain of one parameter. */
    static Graph chain() {
        GraphBuilder g = new GraphBuilder();
        return g.build(chainOf(g, g.parameter(new TensorType(DType.F32, Shape.of(N)))));
    }

    /** The chain's ops on {@code x}. */
    private static Value chainOf(GraphBuilder g, Value x) {
        Value h = g.max(g.add(g.mul(x, 1.5), 0.25), 0.0);
        return g.neg(g.min(g.abs(g.sub(g.mul(h, 2.0), 0.5)), 0.75));
    }

    /** The sum of the chain over all 16M elements: a reduction with the chain as its fused prologue. */
    static Graph chainSum() {
        GraphBuilder g = new GraphBuilder();
        return g.build(g.sum(chainOf(g, g.parameter(new TensorType(DType.F32, Shape.of(N))))));
    }

    /** Uploads the input and compiles the chain both ways. */
    @Setup
    public void setup() {
        backend = Backends.open("cpu");
        float[] v = new float[(int) N];
        for (int i = 0; i < v.length; i++) v[i] = (i % 1000) * 0.002f - 1f;
        x = backend.upload(HostArray.fromFloats(DType.F32, Shape.of(N), v));
        Graph graph = chain();
        fused = backend.compile(graph);
        interpreted = new Interpreter(backend, graph);
        try (DeviceArray a = fused.run(List.of(x)).get(0); DeviceArray b = interpreted.run(List.of(x)).get(0)) {
            float[] fa = backend.download(a).toFloats(), fb = backend.download(b).toFloats();
            if (!java.util.Arrays.equals(fa, fb)) throw new IllegalStateException("fused and interpreted chains differ");
        }
        Graph sum = chainSum();
        fusedSum = backend.compile(sum);
        try (Executable unfused = new Interpreter(backend, sum);
             DeviceArray a = fusedSum.run(List.of(x)).get(0); DeviceArray b = unfused.run(List.of(x)).get(0)) {
            if (!java.util.Arrays.equals(backend.download(a).toFloats(), backend.download(b).toFloats())) {
                throw new IllegalStateException("fused and interpreted sums of the chain differ");
            }
        }
    }

    /** The chain as one fused kernel. */
    @Benchmark
    public DeviceArray fusedChain() {
        DeviceArray r = fused.run(List.of(x)).get(0);
        r.close();
        return r;
    }

    /** The chain op by op (eight passes over memory). */
    @Benchmark
    public DeviceArray interpretedChain() {
        DeviceArray r = interpreted.run(List.of(x)).get(0);
        r.close();
        return r;
    }

    /** The chain summed in the same pass (reads 64 MB, writes one float): bound by reading alone. */
    @Benchmark
    public DeviceArray fusedChainSum() {
        DeviceArray r = fusedSum.run(List.of(x)).get(0);
        r.close();
        return r;
    }

    /** A copy of the 16M floats into a fresh array: the bandwidth the fused chain is held to. */
    @Benchmark
    public DeviceArray copy() {
        DeviceArray r = Dispatch.execute(backend, Prims.CAST, Attrs.of(Keys.DTYPE, DType.F32), List.of(x));
        r.close();
        return r;
    }

    /** Releases everything. */
    @TearDown
    public void tearDown() {
        fused.close();
        interpreted.close();
        fusedSum.close();
        x.close();
        backend.close();
    }
}
