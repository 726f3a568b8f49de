package dev.triad.bench.cpu.libtorch;

import dev.triad.bench.Jvm;
import dev.triad.bench.training.TrainSpec;
import dev.triad.bench.training.TrainStep;
import dev.triad.bench.training.TrainSteps;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
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

/**
 * The two training steps of the CPU targets, Triad beside libtorch in one JMH run: the MLP
 * 784-256-10 (batch 128, SGD) and the MNIST CNN (batch 32, Adam), same weights, batch and
 * optimizer ({@link TrainSpec}), on Triad's eager, graph and functional front-ends and on
 * libtorch. Each implementation runs in its own fork (two OpenMP runtimes in one process
 * would compete). Run it with no OpenMP variables exported: each side then picks its own best
 * setting before its OpenMP runtime loads — Triad's oneDNN a bounded spin
 * ({@code OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=10000}), libtorch sleeping idle threads at once
 * ({@code PASSIVE}, {@link LibtorchOpenMp}), the setting the libtorch figures used.
 *
 * <p>Run: {@code ./mvnw -P libtorch -pl bench -am package -DskipTests} then
 * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp
 * bench/target/triad-bench-*-benchmarks.jar org.openjdk.jmh.Main 'TrainVsLibtorch|MatmulVsOneDnn'}.
 * The ratio is libtorch's time per step over Triad's. Warm-up is 12 s: the eager step takes
 * about 10 s of running on two cores before the JIT has compiled its dispatch path (measured:
 * 6.3, 2.0 and 1.2 ms per step in three 2 s warm-ups, then 0.85 falling to 0.65 ms), and a
 * shorter warm-up reported that transient as if it were the step's speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class TrainVsLibtorchBench {
    /** {@code mlp} or {@code cnn}. */
    @Param({"mlp", "cnn"})
    public String model;

    /** {@code libtorch}, or a Triad front-end on the CPU backend: {@code eager}, {@code graph}, {@code functional}. */
    @Param({"libtorch", "eager", "graph", "functional"})
    public String impl;

    private Backend backend;
    private TrainStep step;

    /** Builds the step and checks that its first losses are those of a real training run. */
    @Setup
    public void setup() {
        TrainSpec spec = TrainSpec.of(model);
        if (impl.equals("libtorch")) {
            LibtorchOpenMp.preferPassive();
            step = new LibtorchTrainStep(spec);
        } else {
            backend = Backends.open("cpu");
            step = TrainSteps.create(impl, spec, backend);
        }
        double first = step.step(), second = step.step();
        if (!(first > 0 && second < first * 1.5)) throw new IllegalStateException(impl + " " + model + ": losses " + first + ", " + second);
    }

    /** One training step; returns the loss. */
    @Benchmark
    public double trainStep() { return step.step(); }

    /** Releases the step. */
    @TearDown
    public void tearDown() {
        step.close();
        if (backend != null) backend.close();
    }
}
