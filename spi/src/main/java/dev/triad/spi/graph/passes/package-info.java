/**
 * The shared graph optimisation passes, used by the graph front-end's sessions, by {@code jit}
 * and by eager {@code compile}: {@link dev.triad.spi.graph.passes.CommonSubexpressionElimination},
 * {@link dev.triad.spi.graph.passes.ConstantFolding},
 * {@link dev.triad.spi.graph.passes.AlgebraicSimplification}, and the analysis
 * {@link dev.triad.spi.graph.passes.FusionGrouping} that marks chains of elementwise ops a
 * backend may compile into one kernel ({@link dev.triad.spi.graph.passes.FusionPlan}), with
 * {@link dev.triad.spi.graph.passes.CompositeExpansion} that first turns composites into the
 * primitives fusion can see.
 * {@link dev.triad.spi.graph.passes.StandardPipeline} assembles them (with
 * {@link dev.triad.spi.graph.DeadCodeElimination}) into a {@link dev.triad.spi.graph.PassPipeline}
 * that a backend can extend with passes of its own.
 *
 * <p>Every pass keeps the graph's signature, returns its input object unchanged when it finds
 * nothing to do, and is run under the verifier by the pipeline. None changes what a graph
 * computes beyond what its Javadoc states (for example, {@code x + 0 -> x} turns a {@code -0.0}
 * result into {@code -0.0} instead of {@code +0.0}).
 */
package dev.triad.spi.graph.passes;
