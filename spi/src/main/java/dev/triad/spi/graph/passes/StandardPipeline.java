package dev.triad.spi.graph.passes;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.graph.DeadCodeElimination;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.PassPipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard optimisation pipeline shared by the front-ends: constant folding (when a backend
 * to evaluate on is given), algebraic simplification, common-subexpression elimination and
 * dead-code elimination, repeated to a fixed point, with the verifier after every pass. A
 * backend extends it with passes of its own, run before or after the standard ones:
 *
 * <pre>{@code
 * GraphPass p = StandardPipeline.builder()
 *         .constantFolding(backend)
 *         .after(new MyLayoutPass())
 *         .build();
 * Graph optimised = p.apply(graph);
 * FusionPlan plan = FusionGrouping.of(optimised);   // in the backend's compile(Graph)
 * }</pre>
 */
public final class StandardPipeline {
    /** Default number of rounds of the repeated core. */
    public static final int DEFAULT_ROUNDS = 4;

    private StandardPipeline() {}

    /** The standard pipeline folding constants on {@code backend} (null: no folding). */
    public static PassPipeline of(Backend backend) {
        return builder().constantFolding(backend).build();
    }

    /** Starts a pipeline; without further calls it has no constant folding and no extra passes. */
    public static Builder builder() { return new Builder(); }

    /** Configures a {@link StandardPipeline}. */
    public static final class Builder {
        private final List<GraphPass> before = new ArrayList<>();
        private final List<GraphPass> after = new ArrayList<>();
        private Backend foldingBackend;
        private long maxFoldedElements = ConstantFolding.DEFAULT_MAX_ELEMENTS;
        private int rounds = DEFAULT_ROUNDS;

        private Builder() {}

        /** Folds constants by evaluating them on {@code backend} (null turns folding off). */
        public Builder constantFolding(Backend backend) {
            this.foldingBackend = backend;
            return this;
        }

        /** The cap on the elements of a folded literal. */
        public Builder maxFoldedElements(long n) {
            this.maxFoldedElements = n;
            return this;
        }

        /** How many times the core (fold, simplify, CSE, DCE) may repeat. */
        public Builder rounds(int n) {
            this.rounds = n;
            return this;
        }

        /** Adds a pass that runs once before the standard ones. */
        public Builder before(GraphPass pass) {
            before.add(pass);
            return this;
        }

        /** Adds a pass that runs once after the standard ones. */
        public Builder after(GraphPass pass) {
            after.add(pass);
            return this;
        }

        /** The pipeline. */
        public PassPipeline build() {
            List<GraphPass> core = new ArrayList<>();
            if (foldingBackend != null) core.add(new ConstantFolding(foldingBackend, maxFoldedElements));
            core.add(AlgebraicSimplification.INSTANCE);
            core.add(CommonSubexpressionElimination.INSTANCE);
            core.add(DeadCodeElimination.INSTANCE);
            List<GraphPass> all = new ArrayList<>(before);
            all.add(new FixedPoint(new PassPipeline(core), rounds));
            all.addAll(after);
            return new PassPipeline(all);
        }
    }
}
