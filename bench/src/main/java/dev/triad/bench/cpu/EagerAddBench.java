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
 * Eager dispatch overhead on the CPU backend: {@code x.add(y)} of two 16-element F32 tensors,
 * end to end through the public Tensor API (EagerOps, shape rule, support check, kernel
 * lookup, allocation from the caching allocator, the kernel, and the result's close), so
 * nearly all of it is framework cost. {@code addInScope} is the same inside a {@link Scope},
 * the way training loops run; {@code addRequiringGrad} also records the tape entry.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class EagerAddBench {
    private Backend backend;
    private Tensor x, y, w;

    /** Opens the CPU backend and makes the operands. */
    @Setup
    public void setup() {
        backend = Backends.open("cpu");
        Triad.setDefaultBackend(backend);
        float[] a = new float[16], b = new float[16];
        for (int i = 0; i < 16; i++) {
            a[i] = i;
            b[i] = 0.5f * i;
        }
        x = Tensors.fromArray(a);
        y = Tensors.fromArray(b);
        w = Tensors.fromArray(b).requiresGrad_(true);
        try (Tensor r = x.add(y)) {
            if (r.toFloatArray()[15] != 22.5f) throw new IllegalStateException("16-element add gave " + r);
        }
    }

    /** One add, its result closed at once. */
    @Benchmark
    public Tensor add() {
        Tensor r = x.add(y);
        r.close();
        return r;
    }

    /** One add inside a scope that closes its result. */
    @Benchmark
    public Tensor addInScope() {
        try (Scope s = Scope.open()) {
            return x.add(y);
        }
    }

    /** One add whose second operand requires grad, so a tape entry is recorded too. */
    @Benchmark
    public Tensor addRequiringGrad() {
        try (Scope s = Scope.open()) {
            return x.add(w);
        }
    }

    /** Releases the operands. */
    @TearDown
    public void tearDown() {
        x.close();
        y.close();
        w.close();
    }
}
