package dev.triad.bench.training;

import dev.triad.bench.check.CheckOutcome;
import dev.triad.functional.Array;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Platform;
import dev.triad.graph.Session;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.graph.Graph;

import java.util.List;

/**
 * What the compile-time benchmarks compile: the train step of one {@link TrainSpec} as a fresh
 * {@code jit} function and as a fresh graph plus session. The arguments the jit traces with
 * come from a {@link FunctionalTrainStep} kept for the trial.
 */
public final class CompileTargets implements AutoCloseable {
    private final TrainSpec spec;
    private final Backend backend;
    private final FunctionalTrainStep args;

    /** Prepares the arguments on {@code backend}. */
    public CompileTargets(TrainSpec spec, Backend backend) {
        this.spec = spec;
        this.backend = backend;
        this.args = new FunctionalTrainStep(spec, backend);
    }

    /**
     * Checks that both compiled steps train like the float64 reference (their first two
     * losses), with fresh steps so the benchmark's own arguments stay at the initial weights.
     */
    public CheckOutcome check() {
        CheckOutcome worst;
        try (TrainStep f = new FunctionalTrainStep(spec, backend); TrainStep g = new GraphTrainStep(spec, backend)) {
            CheckOutcome a = TrainSteps.checkFirstTwoSteps("jit " + spec.model(), spec, f);
            CheckOutcome b = TrainSteps.checkFirstTwoSteps("graph " + spec.model(), spec, g);
            worst = a.worstFraction() >= b.worstFraction() ? a : b;
        }
        return worst;
    }

    /** Traces and compiles a fresh jitted step (without running it); returns the compiled graph. */
    public Graph jitTraceCompile() {
        try (Jitted2<FunctionalTrainStep.State, List<Array>, List<Object>> j = FunctionalTrainStep.jitStep(spec);
             Platform.Restore _ = Platform.use(backend)) {
            Graph g = j.optimized(args.arguments());
            backend.synchronize();
            return g;
        }
    }

    /** Builds the graph, opens a session and compiles the train signature (without running it); returns the compiled graph. */
    public Graph graphBuildCompile() {
        GraphTrainStep.Built built = GraphTrainStep.build(spec);
        try (Session s = new Session(built.graph(), backend)) {
            Graph g = s.compiledGraph(List.of(built.loss(), built.train()), GraphTrainStep.feedTypes(built, spec));
            backend.synchronize();
            return g;
        }
    }

    @Override
    public void close() { args.close(); }
}
