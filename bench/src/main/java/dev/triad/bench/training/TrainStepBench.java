package dev.triad.bench.training;

import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
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
 * One training step (forward, backward, optimizer update, loss read back) per front-end and
 * network: {@code mlp} (784-256-10, batch 128, SGD) and {@code cnn} (MNIST CNN, batch 32,
 * Adam). Weights evolve from step to step as in real training.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class TrainStepBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    /** {@code mlp} or {@code cnn}. */
    @Param({"mlp", "cnn"})
    public String model;

    /** {@code eager}, {@code graph} or {@code functional}. */
    @Param({"eager", "graph", "functional"})
    public String frontend;

    private Trial trial;
    private TrainStep step;

    /** FLOPs of forward plus backward (about three times the forward's multiply-adds); not held against a limit. */
    public static Work work(Map<String, String> p) {
        TrainSpec s = TrainSpec.of(p.get("model"));
        double macs = s.isCnn() ? 32.0 * 784 * 9 + 6272.0 * 128 + 128 * 10 : 784.0 * 256 + 256 * 10;
        return new Work(3 * 2 * macs * s.batch(), 0, Work.Bound.NONE);
    }

    /** Builds the step and checks its first two losses against the float64 trainer. */
    @Setup
    public void setup() {
        trial = Trial.open("TrainStepBench", Map.of("backend", backend, "model", model, "frontend", frontend));
        TrainSpec spec = TrainSpec.of(model);
        step = TrainSteps.create(frontend, spec, trial.backend());
        trial.verify(() -> TrainSteps.checkFirstTwoSteps(frontend + " " + model, spec, step));
    }

    /** One training step; returns the loss so it cannot be optimised away. */
    @Benchmark
    public double trainStep() { return step.step(); }

    /** Releases the step and the backend. */
    @TearDown
    public void tearDown() {
        step.close();
        trial.close();
    }
}
