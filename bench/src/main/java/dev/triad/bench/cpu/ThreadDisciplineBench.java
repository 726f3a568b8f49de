package dev.triad.bench.cpu;

import dev.triad.backend.cpu.CpuThreads;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The thread discipline between the CPU backend's Java kernels and oneDNN's OpenMP team: a
 * step of Java kernels alone ({@code javaStep}: five elementwise ops on {@code rows x 1024}
 * floats, each split over the pool), a step of oneDNN alone ({@code onednnStep}: a 256 x 512 x
 * 512 matmul on the OpenMP team), and the two interleaved ({@code interleaved}). Neither step
 * should be slower with the other active: {@code interleaved} should cost no more than the sum
 * of the two.
 *
 * <p>{@code pool} picks who runs the Java loops' parts: {@code openmp} (the default) runs them
 * on oneDNN's OpenMP threads, so one set of threads serves both; {@code java} keeps a separate
 * Java worker pool, whose worker must wake for every loop and competes for a core with the
 * OpenMP thread that spins for a while after each oneDNN call. With {@code rows = 256} (1 MB tensors)
 * the step's data stays in cache next to the matmul's, so the comparison measures the
 * threads; with {@code rows = 1024} (4 MB tensors, 24 MB a step) interleaving also evicts each
 * step's data for the other, which costs time even on one thread.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class ThreadDisciplineBench {
    /** Who runs the parts of Java loops: oneDNN's OpenMP team or Java worker threads. */
    @Param({"openmp", "java"})
    public String pool;

    /** Rows of 1024 floats in the Java step's tensors. */
    @Param({"256", "1024"})
    public int rows;

    private Backend backend;
    private CpuThreads.Team team;
    private Tensor x, a, b;

    /** Opens the backend, picks the pool and makes the operands. */
    @Setup
    public void setup() {
        backend = Backends.open("cpu");
        team = CpuThreads.shared().team();
        switch (pool) {
            case "openmp" -> {
                if (team == null) {
                    throw new IllegalStateException("oneDNN's OpenMP team is not running Java loops here (-Dtriad.cpu.pool=java "
                            + "or no oneDNN: " + backend.defaultDevice().properties().get("onednn") + ")");
                }
            }
            case "java" -> CpuThreads.shared().runOn(null);
            default -> throw new IllegalArgumentException("pool must be openmp or java, not " + pool);
        }
        Triad.setDefaultBackend(backend);
        x = Tensors.fromArray(fill(rows * 1024), rows, 1024);
        a = Tensors.fromArray(fill(256 * 512), 256, 512);
        b = Tensors.fromArray(fill(512 * 512), 512, 512);
    }

    private static float[] fill(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i % 97) * 0.01f - 0.5f;
        return v;
    }

    /** Java kernels only: five elementwise ops over {@code rows x 1024} floats. */
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

    /** Releases the operands and puts the pool back. */
    @TearDown
    public void tearDown() {
        CpuThreads.shared().runOn(team);
        x.close();
        a.close();
        b.close();
    }
}
