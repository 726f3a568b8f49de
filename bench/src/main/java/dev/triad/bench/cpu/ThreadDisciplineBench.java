package dev.triad.bench.cpu;

import dev.triad.bench.Jvm;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The thread discipline between the CPU backend's Java workers and oneDNN's OpenMP team: a
 * step of Java kernels alone ({@code javaStep}: elementwise ops on 1M floats, split over the
 * Java pool), a step of oneDNN alone ({@code onednnStep}: a 256 x 512 x 512 matmul on the
 * OpenMP team), and the two interleaved ({@code interleaved}). With idle OpenMP threads that
 * spin only a few microseconds before sleeping ({@code OMP_WAIT_POLICY=ACTIVE
 * GOMP_SPINCOUNT=10000}, as {@code ./triad} sets) and one owner of the cores, {@code interleaved}
 * should cost no more than the sum of the other two; OpenMP threads spinning for long (libgomp's
 * default) would make it cost far more.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class ThreadDisciplineBench {
    private Backend backend;
    private Tensor x, a, b;

    /** Opens the CPU backend and makes the operands. */
    @Setup
    public void setup() {
        backend = Backends.open("cpu");
        Triad.setDefaultBackend(backend);
        x = Tensors.fromArray(fill(1 << 20), 1024, 1024);
        a = Tensors.fromArray(fill(256 * 512), 256, 512);
        b = Tensors.fromArray(fill(512 * 512), 512, 512);
    }

    private static float[] fill(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i % 97) * 0.01f - 0.5f;
        return v;
    }

    /** Java kernels only: four elementwise ops over 1M floats. */
    @Benchmark
    public double javaStep() {
        try (Scope s = Scope.open()) {
            return javaWork().numel();
        }
    }

    /** oneDNN only: one matmul. */
    @Benchmark
    public double onednnStep() {
        try (Scope s = Scope.open()) {
            return a.matmul(b).numel();
        }
    }

    /** The Java step, then the oneDNN step. */
    @Benchmark
    public double interleaved() {
        try (Scope s = Scope.open()) {
            return javaWork().numel() + a.matmul(b).numel();
        }
    }

    private Tensor javaWork() {
        return x.mul(1.5).add(x).maximum(x.neg()).sub(0.25);
    }

    /** Releases the operands. */
    @TearDown
    public void tearDown() {
        x.close();
        a.close();
        b.close();
    }
}
