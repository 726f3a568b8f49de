/**
 * Generic differentiation over any {@link dev.triad.spi.ops.Ops}, built on one tape: a
 * recording {@code Ops} that runs each op on the {@code Ops} it wraps and keeps the steps.
 * {@link dev.triad.spi.autodiff.Autodiff} gives reverse mode ({@code vjp}, {@code grad}) and
 * forward mode ({@code jvp}) for functions written against {@code Ops}, nesting to any order;
 * {@link dev.triad.spi.autodiff.DecompositionRules} derives a composite's VJP, JVP and batching
 * rule from its decomposition. Both walk the recorded steps with the primitives' own rules.
 */
package dev.triad.spi.autodiff;
