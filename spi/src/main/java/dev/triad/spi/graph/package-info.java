/**
 * The graph IR: immutable SSA graphs of primitives in topological order, the mutable
 * {@link dev.triad.spi.graph.GraphBuilder} that makes them (and implements the rule algebra
 * {@link dev.triad.spi.ops.Ops}, so every VJP/JVP/batching rule can emit graph nodes), the
 * {@link dev.triad.spi.graph.GraphVerifier}, the stable text form
 * ({@link dev.triad.spi.graph.GraphText}), the pass interface with its pipeline and the shared
 * passes, and the {@link dev.triad.spi.graph.Interpreter} that is every backend's default
 * {@link dev.triad.spi.backend.Executable}.
 *
 * <p>Invariants of a valid graph (checked by the verifier): node {@code i} has id {@code i};
 * every input refers to an earlier node and carries that node's type; parameters are numbered
 * 0, 1, ... in id order; an op node's type is what its primitive's shape rule infers; outputs
 * refer to existing nodes.
 */
package dev.triad.spi.graph;
