/**
 * The functional front-end (JAX style): immutable {@link dev.triad.functional.Array}s, the
 * {@link dev.triad.functional.np} and {@link dev.triad.functional.nn} namespaces, explicit
 * randomness ({@link dev.triad.functional.random}, {@link dev.triad.functional.Key}) and the
 * composable transformations of {@link dev.triad.functional.Transforms}: {@code grad},
 * {@code valueAndGrad}, {@code vjp}, {@code jvp}, {@code linearize}, {@code jacfwd},
 * {@code jacrev}, {@code hessian}, {@code vmap}, {@code jit} and {@code makeJaxpr}.
 *
 * <p>How it works: values flowing through a user function are arrays whose operations go to
 * the innermost active interpreter of a per-thread trace stack, as in JAX. Level 0 evaluates
 * on a backend ({@code EvalTrace}); above it, each transformation pushes its own trace:
 * forward mode ({@code JvpTrace}, primal and tangent through each primitive's JVP rule),
 * batching ({@code BatchTrace}, through each primitive's batching rule), reverse mode
 * ({@code TapeTrace}, recording on the spi's autodiff tape, whose pullback applies the VJP
 * rules) and staging ({@code GraphTrace}, building Graph IR for {@code jit}). Every rule comes
 * from the spi's {@link dev.triad.spi.ops.Primitive}s; this package holds none.
 *
 * <p>Memory: concrete arrays made inside a {@link dev.triad.functional.Scope} are released with
 * it; each outermost transformation call frees its own intermediates and lets only its
 * results escape.
 */
package dev.triad.functional;
