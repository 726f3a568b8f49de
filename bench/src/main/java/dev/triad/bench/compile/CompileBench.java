package dev.triad.bench.compile;

import dev.triad.bench.Jvm;
import dev.triad.bench.Trial;
import dev.triad.bench.Work;
import dev.triad.bench.training.CompileTargets;
import dev.triad.bench.training.TrainSpec;
import dev.triad.spi.graph.Graph;
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
 * Compile time of the MLP training step (784-256-10, batch 128, SGD) in the two front-ends
 * that compile: {@code jitTraceCompile} (a fresh {@code jit}: trace value-and-grad plus the
 * update, run the shared passes, {@code Backend.compile}) and {@code graphBuildCompile} (build
 * the graph with symbolic gradients and update ops, open a session, specialise, optimise and
 * compile the run signature). Neither runs the step; the check in setup runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class CompileBench {
    /** The backend, by name. */
    @Param({"cpu", "opencl"})
    public String backend;

    private Trial trial;
    private CompileTargets targets;

    /** No work model. */
    public static Work work(Map<String, String> p) { return Work.NONE; }

    /** Opens the backend and checks that what both front-ends compile trains correctly. */
    @Setup
    public void setup() {
        trial = Trial.open("CompileBench", Map.of("backend", backend));
        targets = new CompileTargets(TrainSpec.MLP, trial.backend());
        trial.verify(targets::check);
    }

    /** Trace and compile of a fresh jitted train step. */
    @Benchmark
    public Graph jitTraceCompile() { return targets.jitTraceCompile(); }

    /** Graph build and session compile of the train step. */
    @Benchmark
    public Graph graphBuildCompile() { return targets.graphBuildCompile(); }

    /** Releases everything. */
    @TearDown
    public void tearDown() {
        targets.close();
        trial.close();
    }
}
