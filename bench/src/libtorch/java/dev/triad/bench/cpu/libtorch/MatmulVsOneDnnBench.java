package dev.triad.bench.cpu.libtorch;

import dev.triad.bench.Jvm;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
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

import java.util.concurrent.TimeUnit;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

/**
 * F32 matmul {@code n x n x n}: Triad's eager {@code a.matmul(b)} on the CPU backend (dispatch,
 * allocation from the caching allocator and its oneDNN kernel) against oneDNN's matmul
 * primitive called directly through the Bytedeco preset's Java API on preallocated memory,
 * which is the floor. Both use the same libdnnl and OpenMP team; the target is Triad at no
 * less than 0.95 of the direct call's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class MatmulVsOneDnnBench {
    /** The size of every dimension. */
    @Param({"1024"})
    public int n;

    private Backend backend;
    private Tensor a, b;
    private engine eng;
    private stream strm;
    private matmul prim;
    private IntMemoryMap args;
    private memory ma, mb, mc;

    /** Opens Triad's CPU backend and sets up the direct primitive. */
    @Setup
    public void setup() {
        backend = Backends.open("cpu");
        Triad.setDefaultBackend(backend);
        float[] av = new float[n * n], bv = new float[n * n];
        for (int i = 0; i < av.length; i++) {
            av[i] = (i % 7) * 0.1f;
            bv[i] = (i % 5) * 0.1f;
        }
        a = Tensors.fromArray(av, n, n);
        b = Tensors.fromArray(bv, n, n);
        eng = new engine(engine.kind.cpu, 0);
        strm = new stream(eng);
        memory.desc md = new memory.desc(new long[] {n, n}, memory.data_type.f32, memory.format_tag.ab);
        ma = new memory(md, eng);
        mb = new memory(md, eng);
        mc = new memory(md, eng);
        prim = new matmul(new matmul.primitive_desc(eng, md, md, md));
        args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, ma);
        args.put(DNNL_ARG_WEIGHTS, mb);
        args.put(DNNL_ARG_DST, mc);
    }

    /** Triad: eager matmul, result released. */
    @Benchmark
    public Tensor triadEager() {
        Tensor c = a.matmul(b);
        c.close();
        return c;
    }

    /** oneDNN directly: execute the primitive and wait. */
    @Benchmark
    public stream oneDnnDirect() {
        prim.execute(strm, args);
        return strm._wait();
    }

    /** Releases both sides. */
    @TearDown
    public void tearDown() {
        a.close();
        b.close();
        backend.close();
        prim.close();
        args.close();
        ma.close();
        mb.close();
        mc.close();
        strm.close();
        eng.close();
    }
}
